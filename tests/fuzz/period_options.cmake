# The command-line period options: --week/--month/--quarter/--year/--from/--to/--as-of.
cadence_fuzz_target(period_options LIBS cadence_period_selection)

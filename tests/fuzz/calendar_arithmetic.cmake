# The calendar: parsing dates and periods, shifting them, working-day steps.
cadence_fuzz_target(calendar_arithmetic LIBS cadence_calendar)

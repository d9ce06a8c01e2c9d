// Which periods an audit evaluates, from the command line, and the checks of
// every command-line option that takes a date or a period.
//
//  - Explicit periods: --week/--month/--quarter/--year (repeatable) give
//    exactly those periods ("--week 2023-W10 --month 2023-03" is contract.md's
//    weekly audit).
//  - A range: --year 2023, or --from DATE --to DATE, gives every week, month,
//    quarter and year lying wholly inside it, so that `--year 2023` on the
//    B1–B8 pack is contract.md's full-year run (weeks 2023-W01..2023-W52).
//  - The weekly audit a supervisor runs on Monday: --week W alone. The as-of
//    date defaults to the day after the week; which monthly, quarterly and
//    yearly periods each rule grades depends on the rule's deadline and the
//    store's history, so it is decided after the pack and the store are open
//    (engine/eval/audit_schedule.h). select_periods only marks the request.
//
// Bounds, each refused with a message that says it (exit 2):
//  - every date and period lies in the supported range (1900-01-01..
//    2199-12-31, engine/calendar/date.h);
//  - an audit evaluates at most kMaxPeriodsPerAudit periods;
//  - the as-of date (given, or implied by --week) is not after today unless
//    --allow-future: a mistyped year (2030 for 2023) would otherwise be
//    recorded as having graded March and Q1, and the next Mondays would
//    never catch them up. A run with a future as-of never counts as grading
//    (audit_schedule.h);
//  - the weekly audit's as-of lies within kMaxWeeklyAsOfDays after its week.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/calendar/period.h"
#include "engine/core/status.h"

namespace cadence {

// At most this many periods per audit: 14 years of weeks, months, quarters
// and years; a full year (contract.md) is 69.
inline constexpr std::size_t kMaxPeriodsPerAudit = 1000;
// The weekly audit catches up periods due by its as-of; an as-of more than a
// year after the week is a typo, not a Monday.
inline constexpr int kMaxWeeklyAsOfDays = 366;

struct PeriodOptions {
  std::vector<std::string> weeks;
  std::vector<std::string> months;
  std::vector<std::string> quarters;
  std::vector<std::string> years;
  std::string from;
  std::string to;
  std::string as_of;
  bool allow_future = false;
  // Today, for the future as-of check (today() below); none: no check (the
  // benchmarks, which replay 2023).
  std::optional<Date> today;
};

struct PeriodSelection {
  std::vector<Period> periods;  // sorted, unique
  std::optional<Date> as_of;
  std::optional<Period> weekly_audit;  // --week W alone: schedule by deadlines
  std::string description;      // for stderr: "2023-W10, 2023-02 (ended by 2023-03-13)"
};

Result<PeriodSelection> select_periods(const PeriodOptions& options);

// "52 weeks 2023-W01..2023-W52; 12 months 2023-01..2023-12; 2023-Q1"
std::string describe_periods(const std::vector<Period>& periods);

// One option's value as a supported date or period, or an invalid-input
// Status whose message names the option and the value and says why:
//   --as-of '9999-12-31' is outside the supported dates 1900-01-01..2199-12-31
//   --month '2023-3' is not a month (e.g. 2023-03)
// `kind` none accepts a period of any kind.
Result<Date> parse_date_option(std::string_view option, std::string_view text);
Result<Period> parse_period_option(std::string_view option, std::string_view text,
                                   std::optional<PeriodKind> kind);

// Refuses an as-of date after today unless allowed (the message names the
// option and both dates, and says --allow-future).
Status check_not_future(std::string_view option, Date as_of, std::optional<Date> today, bool allow_future);

// Today where the supervisor is: $CADENCE_TODAY (YYYY-MM-DD) when set, so
// that tests never depend on the real date, else the local date of the
// system clock. A $CADENCE_TODAY that is not a supported date is an error.
Result<Date> today();

// The moment to record as a run's start, ISO 8601 UTC ("2023-03-13T01:02:03Z"):
// now, or with $CADENCE_TODAY local noon of that day, so that
// local_date_of() gives today() back.
std::string now_utc();
// The local date of a recorded moment in that form; nullopt if unreadable.
std::optional<Date> local_date_of(std::string_view utc);

}  // namespace cadence

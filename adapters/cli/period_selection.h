// Which periods an audit evaluates, from the command line.
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
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/calendar/period.h"
#include "engine/core/status.h"

namespace cadence {

struct PeriodOptions {
  std::vector<std::string> weeks;
  std::vector<std::string> months;
  std::vector<std::string> quarters;
  std::vector<std::string> years;
  std::string from;
  std::string to;
  std::string as_of;
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

}  // namespace cadence

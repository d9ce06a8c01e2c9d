// Which periods an audit evaluates, from the command line.
//
//  - Explicit periods: --week/--month/--quarter/--year (repeatable) give
//    exactly those periods ("--week 2023-W10 --month 2023-03" is contract.md's
//    weekly audit).
//  - A range: --year 2023, or --from DATE --to DATE, gives every week, month,
//    quarter and year lying wholly inside it, so that `--year 2023` on the
//    B1–B8 pack is contract.md's full-year run (weeks 2023-W01..2023-W52).
//  - The weekly audit a supervisor runs on Monday: --week W alone also takes
//    the latest month, quarter and year that ended on or before the as-of date
//    (default: the day after the week), since their deadlines have usually
//    passed by then.
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
  std::string description;      // for stderr: "2023-W10, 2023-02 (ended by 2023-03-13)"
};

Result<PeriodSelection> select_periods(const PeriodOptions& options);

}  // namespace cadence

#include "adapters/cli/period_selection.h"

#include <algorithm>

namespace cadence {
namespace {

Result<Period> parse_of_kind(const std::string& text, PeriodKind kind, const char* flag) {
  auto period = Period::parse(text);
  if (!period || period->kind() != kind) {
    return Status::invalid_input(std::string(flag) + " '" + text + "' is not a " + std::string(to_string(kind)) +
                                 " (e.g. " + (kind == PeriodKind::kWeek      ? "2023-W10"
                                              : kind == PeriodKind::kMonth   ? "2023-03"
                                              : kind == PeriodKind::kQuarter ? "2023-Q1"
                                                                             : "2023") +
                                 ")");
  }
  return *period;
}

void add_range(std::vector<Period>& periods, Date from, Date to) {
  for (PeriodKind kind : {PeriodKind::kWeek, PeriodKind::kMonth, PeriodKind::kQuarter, PeriodKind::kYear}) {
    for (const Period& period : Period::covering(kind, from, to)) {
      if (from <= period.first_day() && period.last_day() <= to) periods.push_back(period);
    }
  }
}

}  // namespace

Result<PeriodSelection> select_periods(const PeriodOptions& options) {
  PeriodSelection selection;
  if (!options.as_of.empty()) {
    auto date = Date::parse(options.as_of);
    if (!date) return Status::invalid_input("--as-of '" + options.as_of + "' is not a date (YYYY-MM-DD)");
    selection.as_of = *date;
  }
  std::vector<Period> explicit_periods;
  for (const auto& text : options.weeks) {
    auto period = parse_of_kind(text, PeriodKind::kWeek, "--week");
    if (!period.is_ok()) return period.status();
    explicit_periods.push_back(*period);
  }
  for (const auto& text : options.months) {
    auto period = parse_of_kind(text, PeriodKind::kMonth, "--month");
    if (!period.is_ok()) return period.status();
    explicit_periods.push_back(*period);
  }
  for (const auto& text : options.quarters) {
    auto period = parse_of_kind(text, PeriodKind::kQuarter, "--quarter");
    if (!period.is_ok()) return period.status();
    explicit_periods.push_back(*period);
  }
  // --year is a range: every period lying in the year.
  for (const auto& text : options.years) {
    auto period = parse_of_kind(text, PeriodKind::kYear, "--year");
    if (!period.is_ok()) return period.status();
    add_range(selection.periods, period->first_day(), period->last_day());
  }
  if (!options.from.empty() || !options.to.empty()) {
    auto from = Date::parse(options.from);
    auto to = Date::parse(options.to);
    if (!from || !to) return Status::invalid_input("--from and --to take dates (YYYY-MM-DD), both");
    if (*to < *from) return Status::invalid_input("--to is before --from");
    add_range(selection.periods, *from, *to);
  }
  selection.periods.insert(selection.periods.end(), explicit_periods.begin(), explicit_periods.end());

  bool week_alone = options.weeks.size() == 1 && options.months.empty() && options.quarters.empty() &&
                    options.years.empty() && options.from.empty() && options.to.empty();
  if (week_alone) {
    const Period& week = explicit_periods.front();
    selection.as_of = selection.as_of.value_or(week.last_day() + 1);
    selection.weekly_audit = week;
  }
  if (selection.periods.empty()) {
    return Status::invalid_input("say which periods to audit: --week, --month, --quarter, --year or --from/--to");
  }
  std::sort(selection.periods.begin(), selection.periods.end());
  selection.periods.erase(std::unique(selection.periods.begin(), selection.periods.end()), selection.periods.end());
  selection.description = describe_periods(selection.periods);
  if (week_alone) selection.description += " (as of " + selection.as_of->to_string() + ")";
  return selection;
}

std::string describe_periods(const std::vector<Period>& periods) {
  std::string description;
  for (PeriodKind kind : {PeriodKind::kWeek, PeriodKind::kMonth, PeriodKind::kQuarter, PeriodKind::kYear}) {
    std::vector<Period> of_kind;
    for (const auto& period : periods) {
      if (period.kind() == kind) of_kind.push_back(period);
    }
    if (of_kind.empty()) continue;
    if (!description.empty()) description += "; ";
    if (of_kind.size() == 1) {
      description += of_kind.front().to_string();
    } else {
      description += std::to_string(of_kind.size()) + " " + std::string(to_string(kind)) + "s " +
                     of_kind.front().to_string() + ".." + of_kind.back().to_string();
    }
  }
  return description;
}

}  // namespace cadence

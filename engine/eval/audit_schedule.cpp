#include "engine/eval/audit_schedule.h"

#include <algorithm>
#include <set>

namespace cadence {

AuditSchedule schedule_weekly_audit(const Plan& plan, const Dataset& dataset, const Calendars& calendars,
                                    const Period& week, Date as_of, const std::vector<PastAudit>& history) {
  int first_year = week.year();
  for (const auto& past : history) {
    // Only weekly audits that could grade mark where the history starts: an
    // explicit `--year 1900` run must not make every Monday catch up 1900.
    if (!past.as_of || is_future_run(past)) continue;
    for (const auto& period : past.periods) first_year = std::min(first_year, period.first_day().year());
  }
  const Date earliest = Date::from_ymd(first_year, 1, 1);

  AuditSchedule schedule;
  schedule.rule_periods.resize(plan.rules.size());
  std::set<Period> all;
  for (const auto& rule : plan.rules) {
    auto& periods = schedule.rule_periods[static_cast<std::size_t>(rule.index)];
    const PeriodKind kind = rule.spec->cadence;
    if (kind == PeriodKind::kWeek) {
      periods.push_back(week);
    } else if (earliest < as_of) {
      for (const Period& period : Period::covering(kind, earliest, as_of - 1)) {
        if (period.first_day() < earliest || !(period.last_day() < as_of)) continue;
        Date deadline = rule_deadline(plan, dataset, calendars, rule.index, period);
        if (!(deadline < as_of)) continue;
        bool graded = std::any_of(history.begin(), history.end(), [&](const PastAudit& past) {
          if (is_future_run(past)) return false;
          bool named = std::find(past.periods.begin(), past.periods.end(), period) != past.periods.end();
          // An explicit run judged as of the day it ran (when known).
          const std::optional<Date> seen = past.as_of ? past.as_of : past.recorded_on;
          return named && (!seen || deadline < *seen);
        });
        if (!graded) periods.push_back(period);
      }
    }
    all.insert(periods.begin(), periods.end());
  }
  schedule.all.assign(all.begin(), all.end());
  return schedule;
}

}  // namespace cadence

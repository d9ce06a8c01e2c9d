// Which periods the Monday audit grades, rule by rule.
//
// The weekly audit of week W as of date A (DESIGN.md "the weekly audit";
// 工作要点 一、2 "周调度、月通报"): every weekly rule grades W; every monthly,
// quarterly and yearly rule grades each of its periods whose deadline has
// passed by A (deadline < A) and that no earlier run has graded. A period is
// "graded" by a past run that evaluated it after its deadline had passed (or
// by an explicit run, which carries no as-of date and grades what it names
// once its deadline had passed on the day it ran): a run that looked at a
// month before its bulletin was due does not count. Nor does a run whose
// as-of lay after the day it was made (`--as-of 2030` typed for 2023, with
// --allow-future): it graded on data that could not be complete, so the
// next Mondays still catch up what it named.
//
// How far back: from 1 January of W's year, or of the year of the earliest
// period a past weekly audit (one with an as-of, not a future run) named,
// whichever is earlier. The history starts with
// the first run, so a fresh store does not grade years before the plan year
// (no records, every branch would fail), while a store audited since 2023
// catches up on anything a missed Monday left behind, across New Year too.
//
// Annual targets are paced by rules of monthly cadence (target × year_share
// at each month's end); they are graded as monthly rules.
#pragma once

#include <optional>
#include <vector>

#include "engine/calendar/period.h"
#include "engine/eval/evaluator.h"

namespace cadence {

// A past run as far as scheduling cares: the periods it evaluated, its
// as-of date (none for an explicit --month/--year/--from run) and the day it
// was made, where the supervisor is (none if unknown).
struct PastAudit {
  std::vector<Period> periods;
  std::optional<Date> as_of;
  std::optional<Date> recorded_on;
};

// Whether the run looked into the future: its as-of after the day it ran.
inline bool is_future_run(const PastAudit& past) {
  return past.as_of && past.recorded_on && *past.recorded_on < *past.as_of;
}

struct AuditSchedule {
  std::vector<std::vector<Period>> rule_periods;  // by plan rule index, sorted
  std::vector<Period> all;                        // the union, sorted
};

AuditSchedule schedule_weekly_audit(const Plan& plan, const Dataset& dataset, const Calendars& calendars,
                                    const Period& week, Date as_of, const std::vector<PastAudit>& history);

}  // namespace cadence

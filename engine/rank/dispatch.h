// The weekly dispatch (周调度) a county publishes every Monday (DOMAIN.md §1,
// county practice; the pack's notice.weekly_dispatch checks it was): for one
// episode week, each unit's rate — a county's branches, or the city's
// counties — ranked, the units below the floor, the change from the
// previous episode week, and the streaks.
//
// Where the numbers come from: the rate rule's ratio(n, d) for each unit in
// the week (evaluate_ratio, as the bulletin reads it), pooled for the
// scope's total (Σn / Σd, DOM-S2); the same for the previous week of the
// rule's event calendar (a vacation week is skipped, DOMAIN.md §1: "weeks
// with no episode must not be counted"); the streak is the value of the
// streak rule (e.g. study.streak = streak(study.weekly_rate)) for the unit
// in the week, when one is given.
//
// Ordering: rate descending, then unit id in byte order; units without a
// rate (no members) last. A week outside the rule's event calendar has no
// dispatch: kInvalidInput saying so. Pure function; thread-compatible.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/core/status.h"
#include "engine/eval/evaluator.h"
#include "engine/plan/plan.h"
#include "engine/table/dataset.h"

namespace cadence {

struct DispatchRow {
  OrgIndex unit = kNoOrg;
  std::string unit_id;
  std::string unit_name;
  std::string parent_name;  // the town, school or county above it: names repeat (育才社区团支部 ×4)
  Rational members;
  Rational learners;
  bool has_rate = false;
  Rational rate;
  bool has_change = false;  // the previous episode week had a rate too
  Rational change_points;   // (rate − previous rate) × 100
  int streak = 0;           // the streak rule's value (0 without one)
  bool below_floor = false;
};

struct DispatchRequest {
  Period week;
  OrgIndex scope = kNoOrg;        // the county (or the city): units in its subtree
  std::string unit_kind;          // "branch", or "committee" for the city's version
  std::optional<int> unit_depth;  // nullopt: any depth
  int rate_rule = -1;             // plan index: a weekly ratio rule
  int streak_rule = -1;           // plan index, or -1
  std::optional<double> floor;    // below it a unit is named
};

struct Dispatch {
  Period week;
  std::optional<Period> previous_week;  // the episode week before, when there is one
  OrgIndex scope = kNoOrg;
  std::string scope_name;
  std::string rate_rule_title;
  std::optional<double> floor;
  std::vector<DispatchRow> rows;  // ranked
  // Σn and Σd over the units with a rate, this week and the previous one.
  Rational members;
  Rational learners;
  bool has_previous_total = false;
  Rational previous_members;
  Rational previous_learners;
};

Result<Dispatch> build_dispatch(const Plan& plan, const Dataset& dataset, const Calendars& calendars,
                                const DispatchRequest& request);

}  // namespace cadence

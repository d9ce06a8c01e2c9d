// Evidence and one-off values for people and the bulletin: the records
// behind a rule's value for one cell (`cadence explain`), a ratio rule's
// parts for any orgs, a period's deadline, and the children that pulled a
// pooled rate down. Each runs on its own small evaluation, except
// contributors(), which a rule run calls on its own.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/eval/calendars.h"
#include "engine/eval/finding.h"
#include "engine/plan/plan.h"
#include "engine/table/dataset.h"

namespace cadence {

class EvaluationContext;

// A rule's ratio value evaluated for any orgs (in scope or not) in one period:
// the pooled numerator and denominator the rule's `value: ratio(n, d)` gives
// for each org. Used by the bulletin, whose units need not be in the rule's
// scope. The rule's value must be a ratio (CompiledRule::value_is_ratio).
struct RatioValue {
  bool present = false;  // false: numerator or denominator null
  Rational numerator;
  Rational denominator;
};
std::vector<RatioValue> evaluate_ratio(const Plan& plan, const Dataset& dataset, const Calendars& calendars,
                                       int rule, const std::vector<OrgIndex>& orgs, const Period& period);

// The records that made a rule's value for one org and period (`cadence
// explain`): for each aggregate the rule reads (in its lets and value), the
// rows of the org (or of its subtree, when pooled) in the aggregate's window
// that pass its filter. An empty list is evidence too: the absence is the
// violation ("no theme day in 2023-03").
struct Evidence {
  std::string aggregate;  // canonical form, e.g. count(activities, where: ...)
  std::string record_set;
  bool pooled = false;         // over the subtree
  std::string window;          // "2023-03-01..2023-03-31" or "all rows"
  std::vector<uint32_t> rows;  // at most `limit` matching rows, in data order
  std::size_t matching = 0;    // all matching rows
};
std::vector<Evidence> collect_evidence(const Plan& plan, const Dataset& dataset, const Calendars& calendars,
                                       int rule, OrgIndex org, const Period& period, std::size_t limit = 20);

// The last day on which `period` of `rule` may still be completed: the rule's
// `deadline:` evaluated for the period (for the root org), or the period's
// last day when the rule has no deadline or it evaluates to null. An audit
// dated after it may grade the period.
Date rule_deadline(const Plan& plan, const Dataset& dataset, const Calendars& calendars, int rule,
                   const Period& period);

// The branches under `org` (the leaves of its subtree, however deep: a
// county's roll-up names branches, not the township committees between)
// whose own ratio (the rule's numerator and denominator evaluated for the
// branch) falls short of the threshold, largest shortfall first, at most
// five: who pulled the pooled rate down (DOMAIN.md §1 DOM-S2). `slot` is in
// the context's periods of the rule.
std::vector<Contributor> contributors(EvaluationContext& context, const CompiledRule& rule, OrgIndex org,
                                      int32_t slot, const Rational& threshold);

}  // namespace cadence

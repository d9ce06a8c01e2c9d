// What an evaluation is asked: the periods, the rules, the subtree, the
// date waivers are judged on, the threads and how much detail to keep.
#pragma once

#include <optional>
#include <vector>

#include "engine/calendar/date.h"
#include "engine/calendar/period.h"
#include "engine/org/org_tree.h"

namespace cadence {

struct EvaluationRequest {
  // The periods to evaluate. A rule is evaluated on those of its cadence.
  std::vector<Period> periods;
  // Per rule (by plan index), when not empty: the periods that rule is
  // evaluated on, instead of `periods` (the weekly audit gives each rule the
  // periods whose deadline passed and that no earlier run audited).
  std::vector<std::vector<Period>> rule_periods;
  // Only these rules (plan indices); empty = all.
  std::vector<int> rules;
  // Findings only for orgs in this subtree; kNoOrg = all.
  OrgIndex under = kNoOrg;
  // The audit's date. Waivers that expired before it no longer apply, and a
  // period whose deadline (the rule's `deadline:`, else its last day) is not
  // before it is not graded yet: its cells are Verdict::kPending.
  std::optional<Date> as_of;
  // Overrides as_of for that grading alone: the day by which deadlines must
  // have passed. `weak --as-of D` counts D whole (its window ends on D), so
  // it grades by D + 1.
  std::optional<Date> graded_on;
  int threads = 2;
  // Keep every rule's (period × org) values in the outcome (the bulletin
  // sums them). Otherwise only the rules whose value another rule reads keep
  // them: the arrays are the largest the evaluator writes.
  bool keep_values = false;
  // kScores leaves out what only people read (messages, the children that
  // pulled a pooled rate down): contract.md's findings file needs neither.
  enum class Detail { kFull, kScores } detail = Detail::kFull;
};

}  // namespace cadence

// The evaluator: runs a Plan over a Dataset for a set of periods.
//
// For each rule, each period of the rule's cadence among the requested ones
// and each org: the value, the verdict and, for warn/fail, a Finding. It works
// column-wise: aggregates are one pass per record set and window into dense
// (period × org) arrays, subtree pools fold children into parents in reverse
// pre-order (linear), filters are evaluated over row chunks, and rule
// expressions over chunks of orgs — never per row through a generic loop.
//
// Absence is data: an org-week without study rows has 0 learners; a month
// without a theme day has count 0, which is the violation itself.
//
// Deterministic: the same plan, data and request give the same outcome,
// whatever the thread count. Thread safety: an Evaluator is used by one
// caller; it may use worker threads internally.
//
// This is engine/eval's public header: it also brings the calendars, the
// request, one cell's explanation, the evidence and the waived findings (README.md draws how the
// parts behind it depend on each other).
#pragma once

#include <vector>

#include "engine/eval/calendars.h"
#include "engine/eval/evaluation_request.h"
#include "engine/eval/evidence.h"
#include "engine/eval/explanation.h"
#include "engine/eval/finding.h"
#include "engine/eval/finding_list.h"
#include "engine/eval/rule_results.h"
#include "engine/eval/waivers.h"
#include "engine/plan/plan.h"
#include "engine/table/dataset.h"

namespace cadence {

struct Outcome {
  FindingList findings;            // in rule, period, org order (rank.h orders them for people)
  std::vector<RuleOutcome> rules;  // by plan rule index; empty periods for rules not run
};

Outcome evaluate(const Plan& plan, const Dataset& dataset, const Calendars& calendars,
                 const EvaluationRequest& request);

}  // namespace cadence

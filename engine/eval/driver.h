// The driver (leveldb's DBImpl): which periods each rule runs on, which
// results other rules read, the aggregates computed up front, then the
// rules one at a time in the plan's order, each a RuleRun.
#pragma once

#include "engine/eval/evaluation_context.h"
#include "engine/eval/finding_list.h"

namespace cadence {

// Runs the request's rules (and the periods of the rules they read) over
// the context; the verdicts go to context.results(), the findings are
// returned in rule, period and org order.
FindingList run_rules(EvaluationContext& context);

}  // namespace cadence

// What a finding's rule asks of it: the line the value crossed (the fail
// line, or for a warning the warn line) and the gap to compliance in the
// rule's own unit ("needs 4 more learners", "bulletin 3 days late").
//
// Both follow from the rule and the finding (its status, its value and, for
// a rate, its numerator and denominator), so a Finding does not carry them:
// every finding would be 32 bytes larger, written by the evaluation, for
// two numbers a report computes where it prints them.
#pragma once

#include "engine/eval/finding.h"
#include "engine/plan/plan.h"

namespace cadence {

struct Requirement {
  bool has_threshold = false;  // the line compares the value with a constant
  Rational threshold;          // that constant
  Rational gap;                // what compliance needs, in the rule's unit (1 without a threshold)
};

// The requirement `finding` (a warning or a failure of `rule`) falls short
// of: a warning is measured against the warn line (its gap is what clears
// the warning), a failure against the fail line.
Requirement requirement_of(const CompiledRule& rule, const Finding& finding);

}  // namespace cadence

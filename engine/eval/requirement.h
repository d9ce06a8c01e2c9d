// What a finding's rule asks of it: the line the value crossed (the fail
// line, or for a warning the warn line) and the gap to compliance in the
// rule's own unit ("needs 4 more learners", "bulletin 3 days late").
//
// Both follow from the rule and the finding (its status, its value and, for
// a rate, its numerator and denominator), so a Finding does not carry them:
// half a million findings at M were 32 bytes each larger, written by the
// evaluation, for two numbers a report computes where it prints them.
#pragma once

#include "engine/eval/finding.h"
#include "engine/plan/plan.h"

namespace cadence {

struct Requirement {
  bool has_threshold = false;  // the line compares the value with a constant
  Rational threshold;          // that constant
  Rational gap;                // what compliance needs, in the rule's unit (1 without a threshold)
};

// The requirement `finding` (a warning or a failure of `rule`) falls short of.
Requirement requirement_of(const CompiledRule& rule, const Finding& finding);

// The gap alone, from its parts: `threshold` and `comparison` are the fail
// line's, or the warn line's for a warning (a warning's gap is what clears
// the warning).
Rational gap_to_compliance(bool has_threshold, const Rational& threshold, Comparison comparison,
                           const Rational& value, bool has_ratio, int64_t numerator, int64_t denominator);

}  // namespace cadence

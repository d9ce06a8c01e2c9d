// What a finding's rule asks of it: the line the value crossed (the fail
// line, or for a warning the warn line) and the gap to compliance in the
// rule's own unit ("needs 4 more learners", "3 days late", "1 week").
//
// Both follow from the rule and the finding (its status, its value and, for
// a rate, its numerator and denominator; for a target, the line it carries),
// so a Finding does not carry the gap: every finding would be larger, written
// by the evaluation, for a number a report computes where it prints it.
//
// The gap is the smallest change of the value that makes the finding pass
// its line, by the rule's shape:
//
//   shape                     line              value      gap
//   rate                      value < 60%       2 of 5     1 (learner: 3/5 reaches 60 %)
//   rate above a ceiling      value > 30%       5 of 10    2 (members: 3/10 is 30 %)
//   count under a minimum     value < 3         1          2
//   count above a maximum     value > 50        53         3
//   presence                  value == 0        0          1
//   deadline (days late)      value > 0         4          4 (days)
//   annual target, paced      value < 500·share 0 of 42.5  43 (a count: whole units)
//   streak                    value >= 3        5          1 (one period that does not fail ends it)
//
// A value that is a whole number is counted in whole units (people, events,
// days), so its gap is the whole number of units that crosses the line; a
// fractional value keeps an exact fractional gap. A line the value is not
// compared with directly (a condition of another form) has no gap.
#pragma once

#include <string>

#include "engine/eval/finding.h"
#include "engine/plan/plan.h"

namespace cadence {

struct Requirement {
  bool has_threshold = false;  // the line is known: a constant, or the finding's own (a target)
  Rational threshold;          // that line
  bool has_gap = false;        // the gap is known (a line, or a streak)
  Rational gap;                // what compliance needs, in the rule's unit (positive when has_gap)
};

// The requirement `finding` (a warning or a failure of `rule`) falls short
// of: a warning is measured against the warn line (its gap is what clears
// the warning), a failure against the fail line.
Requirement requirement_of(const CompiledRule& rule, const Finding& finding);

// The gap as reports print it: "3", "0.25", or "" when it is not known.
std::string gap_text(const Requirement& requirement);

}  // namespace cadence

#include "engine/eval/requirement.h"

#include "engine/core/status.h"
#include "engine/eval/rational.h"

namespace cadence {
namespace {

// What compliance needs, in the rule's unit, when the line is `value
// <comparison> threshold`.
Rational gap_to_compliance(bool has_threshold, const Rational& threshold, Comparison comparison,
                           const Rational& value, bool has_ratio, int64_t numerator, int64_t denominator) {
  if (!has_threshold) return {1, 1};
  const Rational& t = threshold;
  switch (comparison) {
    case Comparison::kLess:
    case Comparison::kLessEqual: {
      if (has_ratio) {
        // Smallest k with (n + k) / d >= t (or > t for <=): k = ceil(t·d − n).
        Int128 needed_times_den = Int128{t.numerator} * denominator;  // t·d·t.den
        Int128 have_times_den = Int128{numerator} * t.denominator;
        Int128 diff = needed_times_den - have_times_den;
        Int128 k = diff <= 0 ? 0 : divide_nonnegative(diff + t.denominator - 1, t.denominator);
        if (comparison == Comparison::kLessEqual && (k * t.denominator == diff)) k += 1;
        return {static_cast<int64_t>(k), 1};
      }
      Rational gap = subtract(t, value);
      if (comparison == Comparison::kLessEqual) gap = add(gap, Rational{1, 1});
      return gap;
    }
    case Comparison::kGreater: return subtract(value, t);
    case Comparison::kGreaterEqual: return add(subtract(value, t), Rational{1, 1});
    default: return {1, 1};
  }
}

}  // namespace

Requirement requirement_of(const CompiledRule& rule, const Finding& finding) {
  CADENCE_ASSERT(is_finding(finding.status));
  const bool warning = finding.status == Verdict::kWarn;
  Requirement requirement;
  requirement.has_threshold = warning ? rule.warn_has_threshold : rule.has_threshold;
  requirement.threshold = warning ? rule.warn_threshold : rule.threshold;
  requirement.gap = gap_to_compliance(requirement.has_threshold, requirement.threshold,
                                      warning ? rule.warn_comparison : rule.comparison, finding.value,
                                      finding.has_ratio, finding.numerator, finding.denominator);
  return requirement;
}

}  // namespace cadence

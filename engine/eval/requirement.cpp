#include "engine/eval/requirement.h"

#include "engine/core/status.h"
#include "engine/eval/message.h"
#include "engine/eval/rational.h"

namespace cadence {
namespace {

// floor(a / b) and ceil(a / b) for b > 0, any sign of a.
Int128 floor_div(Int128 a, Int128 b) {
  Int128 q = a / b;
  if ((a % b != 0) && (a < 0)) q -= 1;
  return q;
}
Int128 ceil_div(Int128 a, Int128 b) {
  Int128 q = a / b;
  if ((a % b != 0) && (a > 0)) q += 1;
  return q;
}

// A rate n/d against its line t: how many of the numerator's units (people)
// must be added (below the line) or removed (above it), the denominator
// fixed.
Int128 rate_gap(Comparison comparison, const Rational& t, int64_t numerator, int64_t denominator) {
  // t·d as the fraction (t.n·d) / t.d.
  const Int128 line_times_den = Int128{t.numerator} * denominator;
  const Int128 den = t.denominator;
  const Int128 n = numerator;
  switch (comparison) {
    case Comparison::kLess:  // smallest k with (n + k)/d >= t: ceil(t·d) − n
      return ceil_div(line_times_den, den) - n;
    case Comparison::kLessEqual:  // smallest k with (n + k)/d > t: floor(t·d) + 1 − n
      return floor_div(line_times_den, den) + 1 - n;
    case Comparison::kGreater:  // smallest k with (n − k)/d <= t: n − floor(t·d)
      return n - floor_div(line_times_den, den);
    case Comparison::kGreaterEqual:  // smallest k with (n − k)/d < t: n − (ceil(t·d) − 1)
      return n - ceil_div(line_times_den, den) + 1;
    default: return 1;
  }
}

// A whole value v against its line t: the whole units to add or remove.
Int128 count_gap(Comparison comparison, const Rational& t, int64_t v) {
  const Int128 den = t.denominator;
  const Int128 scaled_v = Int128{v} * den;  // v·t.d
  switch (comparison) {
    case Comparison::kLess: return ceil_div(Int128{t.numerator} - scaled_v, den);             // v + k >= t
    case Comparison::kLessEqual: return floor_div(Int128{t.numerator} - scaled_v, den) + 1;   // v + k > t
    case Comparison::kGreater: return ceil_div(scaled_v - t.numerator, den);                  // v − k <= t
    case Comparison::kGreaterEqual: return floor_div(scaled_v - t.numerator, den) + 1;        // v − k < t
    case Comparison::kEqual: return 1;                                                      // any other value
    case Comparison::kNotEqual: {                                                           // back to t
      const Int128 distance = scaled_v - t.numerator;
      return ceil_div(distance < 0 ? -distance : distance, den);
    }
    default: return 1;
  }
}

// A fractional value v against its line t: the exact difference (an
// average, a share); `<=` and `>=` need a step past the line, one unit.
Rational fraction_gap(Comparison comparison, const Rational& t, const Rational& v) {
  switch (comparison) {
    case Comparison::kLess: return subtract(t, v);
    case Comparison::kLessEqual: return add(subtract(t, v), Rational{1, 1});
    case Comparison::kGreater: return subtract(v, t);
    case Comparison::kGreaterEqual: return add(subtract(v, t), Rational{1, 1});
    case Comparison::kNotEqual: {
      Rational distance = subtract(v, t);
      return distance.numerator < 0 ? negate(distance) : distance;
    }
    default: return {1, 1};
  }
}

Rational whole(Int128 k) {
  // A failing finding is short by at least one unit; a value at the line
  // (a rounding of the data) still needs one.
  return {checked_int64(k < 1 ? 1 : k, "the gap"), 1};
}

}  // namespace

Requirement requirement_of(const CompiledRule& rule, const Finding& finding) {
  CADENCE_ASSERT(is_finding(finding.status));
  const bool warning = finding.status == Verdict::kWarn;
  Requirement requirement;
  Comparison comparison = warning ? rule.warn_comparison : rule.comparison;
  requirement.has_threshold = warning ? rule.warn_has_threshold : rule.has_threshold;
  requirement.threshold = warning ? rule.warn_threshold : rule.threshold;
  if (!warning && finding.has_line) {
    requirement.has_threshold = true;
    requirement.threshold = Rational{finding.numerator, finding.denominator};
  }
  const bool rises = comparison == Comparison::kGreater || comparison == Comparison::kGreaterEqual;
  if (rule.value_is_streak && requirement.has_threshold && rises) {
    // One period that does not fail ends the run, whatever its length.
    requirement.has_gap = true;
    requirement.gap = {1, 1};
    return requirement;
  }
  if (!requirement.has_threshold) return requirement;
  requirement.has_gap = true;
  const Rational& t = requirement.threshold;
  if (finding.has_ratio && finding.denominator > 0) {
    requirement.gap = whole(rate_gap(comparison, t, finding.numerator, finding.denominator));
  } else if (finding.value.denominator == 1) {
    requirement.gap = whole(count_gap(comparison, t, finding.value.numerator));
  } else {
    requirement.gap = fraction_gap(comparison, t, finding.value);
  }
  return requirement;
}

std::string gap_text(const Requirement& requirement) {
  return requirement.has_gap ? format_number(requirement.gap, "") : "";
}

}  // namespace cadence

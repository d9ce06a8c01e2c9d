#include "engine/eval/score_line.h"

#include <algorithm>

#include "engine/core/status.h"

namespace cadence {

namespace {

bool fits_31_bits(int64_t x) {
  return x > -(int64_t{1} << 31) && x < (int64_t{1} << 31);
}

}  // namespace

ScoreLine::ScoreLine(const CompiledRule& rule, const Rational& weight, bool warning)
    : warning_(warning), weight_(weight), threshold_(warning ? rule.warn_threshold : rule.threshold) {
  const bool has_threshold = warning ? rule.warn_has_threshold : rule.has_threshold;
  relative_ = rule.shortfall == ShortfallKind::kRelative && has_threshold && threshold_.numerator != 0;
  line_relative_ = rule.shortfall == ShortfallKind::kRelative && !warning && rule.line != nullptr;
  constant_micros_ = to_micros(halved(multiply(weight_, Rational{2, 1})));
  set_limits();
}

// |a| and b below which the general path stays exact: with W = max(|w_n|,
// 1), |a|·q·W < 2^60 and 2·b·|p|·W < 2^60 bound |w_n·(2bp − aq)| (and so
// aq, bp and their difference) by 2^61, and w_d·h·b·|p| < 2^62 bounds the
// (halved) denominator. Zero (never taken) unless the weight's and the
// threshold's parts fit 31 bits.
void ScoreLine::set_limits() {
  if (!relative_ || !fits_31_bits(weight_.numerator) || !fits_31_bits(weight_.denominator) ||
      !fits_31_bits(threshold_.numerator) || !fits_31_bits(threshold_.denominator)) {
    return;
  }
  CADENCE_ASSERT(threshold_.numerator != 0 && threshold_.denominator > 0 && weight_.denominator > 0);
  const int64_t w = std::max<int64_t>(weight_.numerator < 0 ? -weight_.numerator : weight_.numerator, 1);
  const int64_t p = threshold_.numerator < 0 ? -threshold_.numerator : threshold_.numerator;
  const int64_t h = warning_ ? 2 : 1;
  numerator_limit_ = (int64_t{1} << 60) / (threshold_.denominator * w);
  denominator_limit_ =
      std::min((int64_t{1} << 59) / (p * w), (int64_t{1} << 62) / (weight_.denominator * h * p));
}

}  // namespace cadence

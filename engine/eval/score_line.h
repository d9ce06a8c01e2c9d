// Scoring: a finding's score in micros.
//
// contract.md: score = w · (1 + shortfall); shortfall = (t − v)/t for rate
// rules, 1 for count and presence rules. A warning scores half.
#pragma once

#include <cstdint>

#include "engine/eval/rational.h"
#include "engine/plan/plan.h"

namespace cadence {

// The score of one rule's failures (or warnings) as a function of the
// value: a count rule's is one number per line, worked out once (most
// findings are of count rules: BENCHMARKS.md "Figures behind engine/eval's comments"); a rate rule's is
// computed per value, exactly.
class ScoreLine {
 public:
  ScoreLine(const CompiledRule& rule, const Rational& weight, bool warning);

  // The score for a finding with this value, in micros (rounded half away
  // from zero, as to_micros).
  int64_t micros(const Rational& value) const {
    if (!relative_) return constant_micros_;
    if (value.numerator < numerator_limit_ && value.numerator > -numerator_limit_ &&
        value.denominator < denominator_limit_) {
      return one_fraction_micros(value);
    }
    return to_micros(halved(multiply(weight_, subtract(Rational{2, 1}, divide(value, threshold_)))));
  }

  // The score for a failure below a line that varies per finding (a
  // target's pace): with a relative shortfall, w·(1 + (line − value)/line),
  // so 0 of 42 scores 2w and 499 of 500 barely above w. A line at or below
  // zero has no relative shortfall: the unit score.
  int64_t micros(const Rational& value, const Rational& line) const {
    if (!line_relative_ || line.numerator <= 0) return constant_micros_;
    return to_micros(halved(multiply(weight_, subtract(Rational{2, 1}, divide(value, line)))));
  }

 private:
  // The same number in one fraction, (w / h)·(2 − (a/b)/(p/q)) =
  // w_n·(2bp − aq) / (w_d·h·bp): one division instead of four reductions
  // (a rate's score, for every finding of a rate rule). The limits keep
  // every step of the general path under make_rational's 2^62, where it
  // needs no reduction and is equal to this; beyond, the general path
  // reduces its parts, exact or refused (rational.h).
  int64_t one_fraction_micros(const Rational& value) const {
    const Int128 bp = Int128{value.denominator} * threshold_.numerator;
    Int128 numerator =
        Int128{weight_.numerator} * (2 * bp - Int128{value.numerator} * threshold_.denominator);
    Int128 denominator = Int128{weight_.denominator} * (warning_ ? 2 : 1) * bp;
    if (denominator < 0) {
      numerator = -numerator;
      denominator = -denominator;
    }
    return rounded_quotient(numerator * 1000000, denominator);
  }
  void set_limits();
  Rational halved(const Rational& score) const { return warning_ ? divide(score, Rational{2, 1}) : score; }

  bool warning_;
  bool relative_ = false;  // the shortfall is relative: threshold_ is not 0
  bool line_relative_ = false;  // the shortfall is relative to a line that varies
  Rational weight_;
  Rational threshold_;
  int64_t constant_micros_ = 0;
  int64_t numerator_limit_ = 0;    // the one fraction for |a| below this
  int64_t denominator_limit_ = 0;  // and b below this
};

}  // namespace cadence

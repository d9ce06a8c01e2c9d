#include "engine/eval/requirement.h"

#include <doctest/doctest.h>

namespace cadence {
namespace {

// A rule whose fail line is `value <op> threshold`, and optionally a warn line.
CompiledRule rule_failing(Comparison comparison, Rational threshold) {
  CompiledRule rule;
  rule.has_threshold = true;
  rule.threshold = threshold;
  rule.comparison = comparison;
  return rule;
}

Finding rate(int64_t numerator, int64_t denominator, Verdict status = Verdict::kFail) {
  Finding finding;
  finding.status = status;
  finding.value = Rational{numerator, denominator};
  finding.has_ratio = true;
  finding.numerator = numerator;
  finding.denominator = denominator;
  return finding;
}

Finding count(int64_t value) {
  Finding finding;
  finding.value = Rational{value, 1};
  return finding;
}

bool equal(const Rational& a, const Rational& b) {
  return a.numerator == b.numerator && a.denominator == b.denominator;
}

TEST_CASE("a rate's gap is the learners it needs to reach the line") {
  const CompiledRule rule = rule_failing(Comparison::kLess, Rational{3, 5});  // value < 60%
  const Requirement two_of_five = requirement_of(rule, rate(2, 5));
  CHECK(two_of_five.has_threshold);
  CHECK(equal(two_of_five.threshold, Rational{3, 5}));
  CHECK(equal(two_of_five.gap, Rational{1, 1}));                         // 3/5 reaches 60%
  CHECK(equal(requirement_of(rule, rate(0, 7)).gap, Rational{5, 1}));    // 4.2 of 7: five more
  CHECK(equal(requirement_of(rule, rate(41, 70)).gap, Rational{1, 1}));  // 42/70 is 60% exactly
}

TEST_CASE("a rate failing at the line itself needs one more than the line") {
  // value <= 60%: 3/5 fails; 4/5 is the first that passes.
  const CompiledRule rule = rule_failing(Comparison::kLessEqual, Rational{3, 5});
  CHECK(equal(requirement_of(rule, rate(3, 5)).gap, Rational{1, 1}));
  CHECK(equal(requirement_of(rule, rate(2, 5)).gap, Rational{2, 1}));
  CHECK(equal(requirement_of(rule, rate(0, 10)).gap, Rational{7, 1}));
}

TEST_CASE("a warning's requirement is the warn line's") {
  CompiledRule rule = rule_failing(Comparison::kLess, Rational{3, 5});  // fails below 60%
  rule.warn_has_threshold = true;
  rule.warn_threshold = Rational{4, 5};  // warns below 80%
  rule.warn_comparison = Comparison::kLess;
  const Requirement warning = requirement_of(rule, rate(3, 5, Verdict::kWarn));
  CHECK(equal(warning.threshold, Rational{4, 5}));
  CHECK(equal(warning.gap, Rational{1, 1}));  // 4/5 clears the warning; the fail line needs none
  const Requirement failure = requirement_of(rule, rate(2, 5, Verdict::kFail));
  CHECK(equal(failure.threshold, Rational{3, 5}));
  CHECK(equal(failure.gap, Rational{1, 1}));
  // The warn line's own comparison: at most 80% warns, so 4/5 needs one
  // more (the fail line's `<` would call 4/5 enough).
  rule.warn_comparison = Comparison::kLessEqual;
  CHECK(equal(requirement_of(rule, rate(4, 5, Verdict::kWarn)).gap, Rational{1, 1}));
  rule.warn_has_threshold = false;  // a warn line that is no comparison with a constant
  rule.warn_comparison = Comparison::kOther;
  const Requirement other = requirement_of(rule, rate(3, 5, Verdict::kWarn));
  CHECK_FALSE(other.has_threshold);
  CHECK(equal(other.gap, Rational{1, 1}));
}

TEST_CASE("a count's gap is the distance to the line, in the rule's unit") {
  // branch.too_small: value < 3 members; one member needs two more.
  CHECK(equal(requirement_of(rule_failing(Comparison::kLess, Rational{3, 1}), count(1)).gap, Rational{2, 1}));
  CHECK(equal(requirement_of(rule_failing(Comparison::kLessEqual, Rational{3, 1}), count(1)).gap,
              Rational{3, 1}));
  // Too much: a bulletin 8 days after the 5th is 3 days late; at most 5.
  CHECK(equal(requirement_of(rule_failing(Comparison::kGreater, Rational{5, 1}), count(8)).gap,
              Rational{3, 1}));
  CHECK(equal(requirement_of(rule_failing(Comparison::kGreaterEqual, Rational{5, 1}), count(8)).gap,
              Rational{4, 1}));
  // A fraction of a unit stays a fraction.
  CHECK(equal(requirement_of(rule_failing(Comparison::kLess, Rational{1, 2}), count(0)).gap, Rational{1, 2}));
}

TEST_CASE("without a line to measure against, the gap is one (the violation itself)") {
  // B2: no theme day (value == 0) — a comparison the gap does not measure.
  CHECK(
      equal(requirement_of(rule_failing(Comparison::kEqual, Rational{0, 1}), count(0)).gap, Rational{1, 1}));
  CHECK(equal(requirement_of(rule_failing(Comparison::kNotEqual, Rational{2, 1}), count(5)).gap,
              Rational{1, 1}));
  CompiledRule none;
  const Requirement requirement = requirement_of(none, count(0));
  CHECK_FALSE(requirement.has_threshold);
  CHECK(equal(requirement.gap, Rational{1, 1}));
}

}  // namespace
}  // namespace cadence

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
  CHECK_FALSE(other.has_gap);
}

TEST_CASE("a count's gap is the whole units that cross the line") {
  // branch.too_small: value < 3 members; one member needs two more.
  CHECK(equal(requirement_of(rule_failing(Comparison::kLess, Rational{3, 1}), count(1)).gap, Rational{2, 1}));
  CHECK(equal(requirement_of(rule_failing(Comparison::kLessEqual, Rational{3, 1}), count(1)).gap,
              Rational{3, 1}));
  // branch.too_large: value > 50 members; 53 must lose three.
  CHECK(equal(requirement_of(rule_failing(Comparison::kGreater, Rational{50, 1}), count(53)).gap,
              Rational{3, 1}));
  CHECK(equal(requirement_of(rule_failing(Comparison::kGreaterEqual, Rational{5, 1}), count(8)).gap,
              Rational{4, 1}));
  // member.over_age: value >= 1 member; two over-age members, two to clear.
  CHECK(equal(requirement_of(rule_failing(Comparison::kGreaterEqual, Rational{1, 1}), count(2)).gap,
              Rational{2, 1}));
  // A count below a fractional line needs a whole unit, never half a person.
  CHECK(equal(requirement_of(rule_failing(Comparison::kLess, Rational{1, 2}), count(0)).gap, Rational{1, 1}));
  CHECK(equal(requirement_of(rule_failing(Comparison::kGreater, Rational{5, 2}), count(4)).gap, Rational{2, 1}));
}

TEST_CASE("a fractional value keeps an exact fractional gap") {
  Finding average = count(0);
  average.value = Rational{5, 2};  // an average of 2.5 activities
  CHECK(equal(requirement_of(rule_failing(Comparison::kLess, Rational{3, 1}), average).gap, Rational{1, 2}));
  CHECK(equal(requirement_of(rule_failing(Comparison::kGreater, Rational{2, 1}), average).gap, Rational{1, 2}));
}

TEST_CASE("a rate above its ceiling needs whole people removed, not a fraction of a rate") {
  // member.evaluation_excellent_share: value > 30%; 5 excellent of 10
  // evaluated is 50 %: two fewer make 3/10 = 30 % (was printed "0.2 members").
  const CompiledRule rule = rule_failing(Comparison::kGreater, Rational{3, 10});
  CHECK(equal(requirement_of(rule, rate(5, 10)).gap, Rational{2, 1}));
  CHECK(equal(requirement_of(rule, rate(4, 10)).gap, Rational{1, 1}));
  CHECK(equal(requirement_of(rule, rate(2, 3)).gap, Rational{2, 1}));  // 0/3 is the first at or below 30 %
  // At least 30 % fails: 3 of 10 must drop to 2.
  CHECK(equal(requirement_of(rule_failing(Comparison::kGreaterEqual, Rational{3, 10}), rate(3, 10)).gap,
              Rational{1, 1}));
}

TEST_CASE("presence and deadlines: one event, and the days late") {
  // B2: no theme day (value == 0): one theme day passes.
  const Requirement presence = requirement_of(rule_failing(Comparison::kEqual, Rational{0, 1}), count(0));
  CHECK(presence.has_gap);
  CHECK(equal(presence.gap, Rational{1, 1}));
  // A deadline measured in days late: `value > 0` with a bulletin 4 days late.
  CHECK(equal(requirement_of(rule_failing(Comparison::kGreater, Rational{0, 1}), count(4)).gap, Rational{4, 1}));
  // Not equal to a required value: the distance back to it.
  CHECK(equal(requirement_of(rule_failing(Comparison::kNotEqual, Rational{2, 1}), count(5)).gap,
              Rational{3, 1}));
}

TEST_CASE("an annual target's gap is the units behind its pace, from the finding's own line") {
  CompiledRule rule;  // fail: value < 500 * year_share(period): no constant
  rule.comparison = Comparison::kLess;
  rule.value_is_ratio = false;
  Finding behind = count(0);
  behind.has_line = true;  // the pace at the end of January: 500 × 31/365
  behind.numerator = 3100;
  behind.denominator = 73;
  const Requirement none_yet = requirement_of(rule, behind);
  CHECK(none_yet.has_threshold);
  CHECK(equal(none_yet.threshold, Rational{3100, 73}));
  CHECK(equal(none_yet.gap, Rational{43, 1}));  // 42.47 expected: 43 posts
  Finding nearly = count(499);
  nearly.has_line = true;
  nearly.numerator = 500;
  nearly.denominator = 1;
  CHECK(equal(requirement_of(rule, nearly).gap, Rational{1, 1}));
  Finding without_line = count(3);
  CHECK_FALSE(requirement_of(rule, without_line).has_gap);
}

TEST_CASE("a streak's gap is one period, whatever its length") {
  CompiledRule rule = rule_failing(Comparison::kGreaterEqual, Rational{3, 1});  // study.streak: value >= 3
  rule.value_is_streak = true;
  CHECK(equal(requirement_of(rule, count(5)).gap, Rational{1, 1}));  // was "needs 3 weeks"
  CHECK(equal(requirement_of(rule, count(3)).gap, Rational{1, 1}));
  rule.value_is_streak = false;  // the same line on a plain count: three fewer
  CHECK(equal(requirement_of(rule, count(5)).gap, Rational{3, 1}));
}

TEST_CASE("without a line to measure against, the gap is not known") {
  CompiledRule none;  // fail: a condition that does not compare the value (election overdue)
  const Requirement requirement = requirement_of(none, count(0));
  CHECK_FALSE(requirement.has_threshold);
  CHECK_FALSE(requirement.has_gap);
  CHECK(gap_text(requirement).empty());
}

}  // namespace
}  // namespace cadence

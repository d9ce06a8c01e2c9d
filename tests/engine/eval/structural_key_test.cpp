// Mirrors engine/eval/structural_key.cpp: keys follow what a tree computes,
// not how it is spelled or where it stands in the source.
#include "engine/eval/structural_key.h"

#include <doctest/doctest.h>

#include <string>

#include "tests/engine/eval/pack_builder.h"

namespace cadence::testing {

namespace {

std::string key_of(const CompiledRule& rule, const lang::BoundExpr& expr, bool inline_lets) {
  std::string key;
  append_structure(expr, key, inline_lets ? &rule.lets : nullptr);
  return key;
}

}  // namespace

TEST_CASE("equal trees have equal keys whatever their spelling, and other constants or operators differ") {
  RuleOptions options;
  options.lets = {{"learners", "sum(study.learners)"}};
  auto pack = make_pack({rule("a", PeriodKind::kWeek, "learners + 1", "value == 0", options),
                         rule("b", PeriodKind::kWeek, "(learners)   +   1", "value == 0", options),
                         rule("c", PeriodKind::kWeek, "learners + 2", "value == 0", options),
                         rule("d", PeriodKind::kWeek, "learners - 1", "value == 0", options),
                         rule("e", PeriodKind::kWeek, "sum(study.learners) + 1", "value == 0", options)});
  auto plan = compile_or_fail(*pack);
  const auto& rules = plan->rules;
  const std::string a = key_of(rules[0], *rules[0].value, false);
  CHECK(key_of(rules[1], *rules[1].value, false) == a);
  CHECK(key_of(rules[2], *rules[2].value, false) != a);
  CHECK(key_of(rules[3], *rules[3].value, false) != a);
  // By slot, a let differs from the aggregate it names; inlined, it is it.
  CHECK(key_of(rules[4], *rules[4].value, false) != a);
  CHECK(key_of(rules[4], *rules[4].value, true) == key_of(rules[0], *rules[0].value, true));
  CHECK(same_structure(rules[0].value.get(), rules[1].value.get()));
  CHECK_FALSE(same_structure(rules[0].value.get(), rules[2].value.get()));
  CHECK_FALSE(same_structure(rules[0].value.get(), nullptr));
  CHECK(same_structure(nullptr, nullptr));
}

TEST_CASE("text constants are keyed by their whole text") {
  auto pack = make_pack({rule("a", PeriodKind::kWeek, "count(study)", "value == 0",
                              RuleOptions{"org.kind == \"ab\" and org.name == \"c\"", {}, "", "", 1}),
                         rule("b", PeriodKind::kWeek, "count(study)", "value == 0",
                              RuleOptions{"org.kind == \"a\" and org.name == \"bc\"", {}, "", "", 1})});
  auto plan = compile_or_fail(*pack);
  CHECK_FALSE(same_structure(plan->rules[0].scope.get(), plan->rules[1].scope.get()));
}

}  // namespace cadence::testing

// Mirrors engine/eval/scope_cache.cpp: scopes that do not depend on the
// period are judged once and shared by structure (their tree with the lets
// they read inlined), not by their printed text or let slots.
#include "engine/eval/scope_cache.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "engine/eval/evaluator.h"
#include "tests/engine/eval/pack_builder.h"

namespace cadence::testing {
namespace {

TestData two_branches() {
  TestData data;
  data.orgs({{"R", "", "Root", "committee"},
             {"C1", "R", "County", "committee"},
             {"B1", "C1", "Branch 1", "branch", "school", "Li"},
             {"B2", "C1", "Branch 2", "branch", "rural", ""}});
  data.members({{"M1", "B1", "a", "", "", "active"},
                {"M2", "B1", "b", "", "", "active"},
                {"M3", "B2", "c", "", "", "active"},
                {"M4", "B2", "d", "", "", "left"}});
  return data;
}

RuleSpec scoped_rule(std::string id, std::vector<std::pair<std::string, std::string>> lets, std::string scope) {
  RuleOptions options;
  options.lets = std::move(lets);
  options.scope = std::move(scope);
  return rule(std::move(id), PeriodKind::kWeek, "count(study)", "value == 0", options);
}

std::vector<std::string> ids(const Dataset& dataset, const std::vector<OrgIndex>& orgs) {
  std::vector<std::string> result;
  for (OrgIndex org : orgs) result.push_back(dataset.tree().id(org));
  return result;
}

}  // namespace

TEST_CASE("rules whose scopes compute the same thing share one judged list, whatever their let slots") {
  Dataset dataset = two_branches().build();
  const std::string active = "count(members, where: status == \"active\")";
  auto pack = make_pack({
      // `active` is let slot 1 here and slot 0 in the next rule.
      scoped_rule("a", {{"learners", "sum(study.learners)"}, {"active", active}},
                  "org.kind == \"branch\" and active >= 2"),
      scoped_rule("b", {{"active", active}}, "org.kind == \"branch\" and active >= 2"),
      // Spelled differently (parentheses, the let's name), computed the same.
      scoped_rule("c", {{"members_active", active}}, "(org.kind == \"branch\") and (members_active >= 2)"),
      // Computed differently: a threshold of 1.
      scoped_rule("d", {{"active", active}}, "org.kind == \"branch\" and active >= 1"),
  });
  auto plan = compile_or_fail(*pack);
  for (const auto& compiled : plan->rules) REQUIRE_FALSE(compiled.scope_depends_on_period);
  const Calendars calendars = resolve_calendars(*plan, dataset);
  EvaluationRequest request;
  EvaluationContext context(*plan, dataset, calendars, request);
  const std::vector<Period> weeks{Period::week(2023, 10)};
  ScopeCache scopes;

  ScopeCache::Orgs a = scopes.orgs(context, plan->rules[0], weeks);
  ScopeCache::Orgs b = scopes.orgs(context, plan->rules[1], weeks);
  ScopeCache::Orgs c = scopes.orgs(context, plan->rules[2], weeks);
  ScopeCache::Orgs d = scopes.orgs(context, plan->rules[3], weeks);
  CHECK(ids(dataset, *a) == std::vector<std::string>{"B1"});
  CHECK(b.get() == a.get());
  CHECK(c.get() == a.get());
  CHECK(d.get() != a.get());
  CHECK(ids(dataset, *d) == std::vector<std::string>{"B1", "B2"});
}

TEST_CASE("scopes spelled alike whose lets compute different things are not shared") {
  TestData data = two_branches();
  data.study({{"B2", "2023-W10", "1"}});
  Dataset dataset = data.build();
  // The same scope text and let slot; the let counts active members in one
  // rule and all members in the other.
  const std::string scope = "org.kind == \"branch\" and active >= 2";
  auto pack = make_pack({scoped_rule("a", {{"active", "count(members, where: status == \"active\")"}}, scope),
                         scoped_rule("b", {{"active", "count(members)"}}, scope)});
  auto plan = compile_or_fail(*pack);
  EvaluationRequest request;
  request.periods = {Period::week(2023, 10)};
  Outcome outcome = evaluate(*plan, dataset, resolve_calendars(*plan, dataset), request);
  const OrgIndex b2 = *dataset.tree().find("B2");
  // B2 has one active member of two: out of a's scope, in b's (with a study row).
  CHECK(outcome.rules[0].verdicts[0][static_cast<std::size_t>(b2)] == Verdict::kOutOfScope);
  CHECK(outcome.rules[1].verdicts[0][static_cast<std::size_t>(b2)] == Verdict::kPass);
}

}  // namespace cadence::testing

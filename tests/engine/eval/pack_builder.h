// Packs built in code for engine tests: the contract schemas of
// tests/engine/table/dataset_builder.h and rules from expression strings.
//
//   Pack pack = make_pack({rule("r", PeriodKind::kWeek, "count(study)", "value == 0")});
//   auto plan = compile_or_fail(pack);
#pragma once

#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "engine/eval/expression_evaluator.h"
#include "engine/plan/plan.h"
#include "tests/engine/table/dataset_builder.h"

namespace cadence::testing {

inline ExprText expr(std::string text, int line = 1) {
  ExprText result;
  result.text = std::move(text);
  result.where.origin = SourceSpan{"pack.yaml", line, 10, 1, ""};
  result.where.continuation_column = 10;
  return result;
}

struct RuleOptions {
  std::string scope;
  std::vector<std::pair<std::string, std::string>> lets;
  std::string warn;
  std::string message;
  double weight = 1;
};

inline RuleSpec rule(std::string id, PeriodKind cadence, std::string value, std::string fail, RuleOptions options = {}) {
  RuleSpec spec;
  spec.id = std::move(id);
  spec.id_span = SourceSpan{"pack.yaml", 1, 5, 1, ""};
  spec.cadence = cadence;
  spec.weight = options.weight;
  spec.value = expr(std::move(value), 2);
  spec.fail = expr(std::move(fail), 3);
  if (!options.scope.empty()) spec.scope = expr(options.scope, 4);
  if (!options.warn.empty()) spec.warn = expr(options.warn, 5);
  for (auto& [name, text] : options.lets) spec.lets.push_back({name, SourceSpan{"pack.yaml", 6, 5, 1, ""}, expr(text, 6)});
  spec.message.text = options.message;
  spec.message.where.origin = SourceSpan{"pack.yaml", 7, 14, 1, ""};
  spec.message.where.continuation_column = 14;
  return spec;
}

inline std::unique_ptr<Pack> make_pack(std::vector<RuleSpec> rules) {
  auto pack = std::make_unique<Pack>();
  pack->id = "test";
  pack->version = "1";
  pack->schema.record_sets = {orgs_schema(),       members_schema(),  study_schema(),
                              activities_schema(), transfers_schema(), notices_schema()};
  pack->rules = std::move(rules);
  return pack;
}

// Value sources for code under test that must read nothing but its own
// rows (an unfiltered aggregate, a filter over one record set): any read
// fails the test.
class NoSources : public ValueSources {
 public:
  void aggregate(int, const Frame&, Vec&) override { FAIL("nothing here reads an aggregate"); }
  void member_aggregate(int, const Frame&, Vec&) override { FAIL("nothing here reads a member's aggregate"); }
  void rule_result(const lang::BoundExpr&, const Frame&, Vec&) override { FAIL("nothing here reads a rule"); }
};

inline std::unique_ptr<Plan> compile_or_fail(const Pack& pack) {
  Diagnostics diagnostics;
  auto plan = compile(pack, diagnostics);
  INFO(render_all(diagnostics));
  REQUIRE(plan != nullptr);
  return plan;
}

}  // namespace cadence::testing

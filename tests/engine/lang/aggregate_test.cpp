// Mirrors engine/lang/aggregate.cpp: the aggregate table shares aggregates
// by what they compute (structural_key.h), not by how they print.
#include "engine/lang/aggregate.h"

#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "engine/lang/binder.h"
#include "engine/lang/parser.h"
#include "tests/engine/table/dataset_builder.h"

namespace cadence::lang {
namespace {

// Binds `text` (a monthly rule's expression over the contract's study set)
// into `aggregates`; fails the test on any diagnostic.
void bind_into(std::string_view text, AggregateTable& aggregates) {
  static const Schema schema = [] {
    Schema built;
    built.record_sets = {testing::orgs_schema(), testing::study_schema()};
    return built;
  }();
  BindEnvironment environment;
  environment.schema = &schema;
  environment.aggregates = &aggregates;
  environment.cadence = PeriodKind::kMonth;
  ExprOrigin where;
  where.origin = SourceSpan{"pack.yaml", 1, 1, 1, ""};
  where.continuation_column = 1;
  Diagnostics diagnostics;
  ExprPtr parsed = parse_expression(text, where, diagnostics);
  REQUIRE(parsed != nullptr);
  INFO(text);
  CHECK(bind_expression(*parsed, environment, diagnostics) != nullptr);
  CHECK(render_all(diagnostics).empty());
}

TEST_CASE("aggregates written differently but equal in structure are one") {
  AggregateTable aggregates;
  bind_into("sum(study.learners, where: learners > 1)", aggregates);
  bind_into("sum(  study.learners ,where:((learners)  >  (1)))", aggregates);
  CHECK(aggregates.size() == 1);
  bind_into("sum(study.learners, where: learners > 2)", aggregates);
  bind_into("count(study, where: learners > 1)", aggregates);
  CHECK(aggregates.size() == 3);
}

// `learners > n` over the study set, as the binder builds it, written at
// `column` of line 1.
BoundPtr learners_above(int64_t n, int column) {
  auto learners = make_bound(BoundKind::kRowColumn, Type::kNumber, SourceSpan{});
  learners->payload_as<ColumnRef>().column = 2;
  auto bound = make_bound(BoundKind::kConstant, Type::kNumber, SourceSpan{});
  bound->payload_as<Constant>().type = Type::kNumber;
  bound->payload_as<Constant>().number = {n, 1};
  auto compare = make_bound(BoundKind::kBinary, Type::kBool, SourceSpan{"pack.yaml", 1, column, 1, ""});
  compare->payload_as<BinaryNode>().op = BinaryOp::kGreater;
  compare->operands.push_back(std::move(learners));
  compare->operands.push_back(std::move(bound));
  return compare;
}

// sum(study.learners, where: learners > n), printed as `canonical`.
AggregateSpec learners_sum(int64_t n, std::string canonical, int column = 1) {
  AggregateSpec spec;
  spec.function = AggregateFunction::kSum;
  spec.record_set = "study";
  spec.column = 2;
  spec.filter = learners_above(n, column);
  spec.canonical = std::move(canonical);
  return spec;
}

TEST_CASE("aggregates printed alike but different in structure are not shared") {
  // One canonical text for all (as a changed printer might give).
  AggregateTable table;
  CHECK(table.add(learners_sum(1, "sum(study.learners)")) == 0);
  CHECK(table.add(learners_sum(2, "sum(study.learners)")) == 1);
  AggregateSpec maximum = learners_sum(1, "sum(study.learners)");
  maximum.function = AggregateFunction::kMax;
  CHECK(table.add(std::move(maximum)) == 2);
  AggregateSpec pooled = learners_sum(1, "sum(study.learners)");
  pooled.over = Over::kSubtree;
  CHECK(table.add(std::move(pooled)) == 3);
  AggregateSpec rolling = learners_sum(1, "sum(study.learners)");
  rolling.window = Window{WindowKind::kLast, Duration{3, DurationUnit::kMonth}};
  CHECK(table.add(std::move(rolling)) == 4);
  AggregateSpec longer = learners_sum(1, "sum(study.learners)");
  longer.window = Window{WindowKind::kLast, Duration{4, DurationUnit::kMonth}};
  CHECK(table.add(std::move(longer)) == 5);
  AggregateSpec unfiltered = learners_sum(1, "sum(study.learners)");
  unfiltered.filter = nullptr;
  CHECK(table.add(std::move(unfiltered)) == 6);
  CHECK(table.size() == 7);
}

TEST_CASE("aggregates printed differently but equal in structure are shared, and the first text is kept") {
  AggregateTable table;
  CHECK(table.add(learners_sum(1, "sum(study.learners, where: learners > 1)", 5)) == 0);
  CHECK(table.add(learners_sum(1, "another spelling", 40)) == 0);
  CHECK(table.size() == 1);
  CHECK(table.at(0).canonical == "sum(study.learners, where: learners > 1)");
}

}  // namespace
}  // namespace cadence::lang

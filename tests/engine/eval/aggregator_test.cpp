#include "engine/eval/aggregator.h"

#include <doctest/doctest.h>

#include <utility>
#include <vector>

#include "engine/eval/evaluator.h"
#include "tests/engine/eval/pack_builder.h"

namespace cadence {
namespace {

using testing::compile_or_fail;
using testing::make_pack;
using testing::NoSources;
using testing::rule;
using testing::TestData;

TEST_CASE("an aggregate is computed once for equal period lists, whoever owns them") {
  // B1 and B7 read sum(study.learners) on equal lists held by different
  // rules; the bulletin and the schedule pass temporaries.
  TestData data;
  data.orgs({{"R", "", "Root", "committee"}, {"B1", "R", "B", "branch"}});
  data.study({{"B1", "2023-W10", "3"}, {"B1", "2023-W11", "4"}});
  Dataset dataset = data.build();
  auto pack = make_pack({rule("sum", PeriodKind::kWeek, "sum(study.learners)", "value < 0")});
  auto plan = compile_or_fail(*pack);
  Calendars calendars = resolve_calendars(*plan, dataset);
  NoSources sources;
  Aggregator aggregator(plan->aggregates, dataset, calendars, sources);
  REQUIRE(plan->aggregates.size() == 1);

  const AggregateValues* first = nullptr;
  {
    std::vector<Period> weeks{Period::week(2023, 10), Period::week(2023, 11)};
    first = &aggregator.values(0, &weeks);
  }  // the caller's list is gone; the aggregator kept its own
  std::vector<Period> same{Period::week(2023, 10), Period::week(2023, 11)};
  std::vector<Period> other{Period::week(2023, 11)};
  CHECK(&aggregator.values(0, &same) == first);
  const AggregateValues& narrower = aggregator.values(0, &other);
  CHECK(&narrower != first);

  auto b1 = *dataset.tree().find("B1");
  CHECK(first->num[first->cell(0, b1)] == 3);
  CHECK(first->num[first->cell(1, b1)] == 4);
  CHECK(narrower.num[narrower.cell(0, b1)] == 4);
}

TEST_CASE("a pooled twin keeps a column per inner org and reads leaves through its twin") {
  // B7's shape: sum(x, over: subtree) beside sum(x). The pooled values must
  // be the compact ones (a copy of every org's cells is what they replace).
  auto pooled_and_twin = [](const Dataset& dataset, const Plan& plan, Aggregator& aggregator,
                            const std::vector<Period>& weeks) {
    const AggregateValues* pooled = nullptr;
    const AggregateValues* twin = nullptr;
    for (int index = 0; index < plan.aggregates.size(); ++index) {
      const AggregateValues& values = aggregator.values(index, &weeks);
      (plan.aggregates.at(index).over == lang::Over::kSubtree ? pooled : twin) = &values;
    }
    REQUIRE(pooled != nullptr);
    REQUIRE(twin != nullptr);
    CHECK(twin->orgs == static_cast<std::size_t>(dataset.tree().size()));
    return std::make_pair(pooled, twin);
  };
  auto pack = make_pack({rule("pooled", PeriodKind::kWeek, "sum(study.learners, over: subtree)", "value < 0"),
                         rule("own", PeriodKind::kWeek, "sum(study.learners)", "value < 0")});
  auto plan = compile_or_fail(*pack);
  REQUIRE(plan->aggregates.size() == 2);
  const std::vector<Period> weeks{Period::week(2023, 10), Period::week(2023, 11)};
  NoSources sources;

  TestData data;
  data.orgs({{"R", "", "Root", "committee"},
             {"C", "R", "County", "committee"},
             {"B1", "C", "B", "branch"},
             {"B2", "C", "B", "branch"},
             {"B3", "R", "B", "branch"}});
  data.study(
      {{"B1", "2023-W10", "3"}, {"B2", "2023-W10", "4"}, {"B3", "2023-W11", "5"}, {"C", "2023-W11", "6"}});
  Dataset dataset = data.build();
  Calendars calendars = resolve_calendars(*plan, dataset);
  Aggregator aggregator(plan->aggregates, dataset, calendars, sources);
  auto [pooled, twin] = pooled_and_twin(dataset, *plan, aggregator, weeks);
  CHECK(pooled->leaves == twin);
  CHECK(pooled->orgs == 2);  // R and C
  CHECK(pooled->num.size() == 2 * 2);
  auto org = [&](const char* id) { return *dataset.tree().find(id); };
  CHECK(pooled->num_at(0, org("R")) == 7);
  CHECK(pooled->num_at(0, org("C")) == 7);
  CHECK(pooled->num_at(0, org("B2")) == 4);
  CHECK(pooled->num_at(1, org("R")) == 11);
  CHECK(pooled->num_at(1, org("C")) == 6);
  CHECK(pooled->num_at(1, org("B3")) == 5);

  // A tree of one org: no inner org, the root read through the twin.
  TestData alone;
  alone.orgs({{"R", "", "Root", "committee"}});
  alone.study({{"R", "2023-W11", "9"}});
  Dataset single = alone.build();
  Calendars single_calendars = resolve_calendars(*plan, single);
  Aggregator single_aggregator(plan->aggregates, single, single_calendars, sources);
  auto [single_pooled, single_twin] = pooled_and_twin(single, *plan, single_aggregator, weeks);
  CHECK(single_pooled->leaves == single_twin);
  CHECK(single_pooled->orgs == 0);
  CHECK(single_pooled->num_at(0, 0) == 0);
  CHECK(single_pooled->num_at(1, 0) == 9);
}

}  // namespace
}  // namespace cadence

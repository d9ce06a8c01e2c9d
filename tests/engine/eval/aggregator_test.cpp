#include "engine/eval/aggregator.h"

#include <doctest/doctest.h>

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

}  // namespace
}  // namespace cadence

#include "engine/eval/aggregator.h"

#include <doctest/doctest.h>

#include <string>
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

TEST_CASE("a filtered count places the rows it keeps in their periods and drops rows outside them") {
  // `type == "theme_day"` reads no period: the filter runs first and only
  // the rows it keeps are placed in a month. `held_on < period.end` reads
  // the period: every row is placed first. Theme days on 2023-02-28 and
  // 2023-05-01 pass the first filter but lie outside both months.
  TestData data;
  data.orgs({{"R", "", "Root", "committee"}, {"B1", "R", "B", "branch"}, {"B2", "R", "C", "branch"}});
  data.activities({{"A1", "B1", "theme_day", "2023-02-28"},
                   {"A2", "B1", "theme_day", "2023-03-05"},
                   {"A3", "B1", "lesson", "2023-03-06"},
                   {"A4", "B1", "theme_day", "2023-04-10"},
                   {"A5", "B1", "theme_day", "2023-04-20"},
                   {"A6", "B1", "theme_day", "2023-05-01"},
                   {"A7", "B2", "lesson", "2023-03-01"},
                   {"A8", "B2", "theme_day", "2023-04-30"}});
  Dataset dataset = data.build();
  auto pack = make_pack(
      {rule("themes", PeriodKind::kMonth, "count(activities, where: type == \"theme_day\")", "value == 0"),
       rule("early", PeriodKind::kMonth, "count(activities, where: held_on < period.end)", "value == 0")});
  auto plan = compile_or_fail(*pack);
  Calendars calendars = resolve_calendars(*plan, dataset);
  NoSources sources;
  Aggregator aggregator(plan->aggregates, dataset, calendars, sources);
  REQUIRE(plan->aggregates.size() == 2);
  std::vector<Period> months{Period::month(2023, 3), Period::month(2023, 4)};
  const AggregateValues& themes = aggregator.values(0, &months);
  const AggregateValues& early = aggregator.values(1, &months);
  auto b1 = *dataset.tree().find("B1");
  auto b2 = *dataset.tree().find("B2");
  CHECK(themes.num[themes.cell(0, b1)] == 1);
  CHECK(themes.num[themes.cell(1, b1)] == 2);
  CHECK(themes.num[themes.cell(0, b2)] == 0);
  CHECK(themes.num[themes.cell(1, b2)] == 1);
  CHECK(early.num[early.cell(0, b1)] == 2);  // A2, A3
  CHECK(early.num[early.cell(1, b1)] == 2);  // A4, A5
  CHECK(early.num[early.cell(0, b2)] == 1);  // A7
  CHECK(early.num[early.cell(1, b2)] == 0);  // A8 is on the month's last day
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
  // The evaluator starts the longest jobs first: the twin reads the study
  // rows, the pooled values fold the twin's and read none.
  for (int index = 0; index < plan->aggregates.size(); ++index) {
    const bool folded = plan->aggregates.at(index).over == lang::Over::kSubtree;
    CHECK(aggregator.rows_read(index) == (folded ? 0 : 4));
  }
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

namespace cadence {
namespace {

TEST_CASE("a sum beyond 64 bits is refused and names its aggregate, pooled or not") {
  // Issue 29: sums saturated (or wrapped) and printed a wrong value. W10:
  // each branch alone fits, their pool does not; W11: one branch's two rows
  // do not fit; W12: fits.
  TestData data;
  data.orgs({{"R", "", "Root", "committee"}, {"B1", "R", "B", "branch"}, {"B2", "R", "C", "branch"}});
  data.study({{"B1", "2023-W10", "5000000000000000000"}, {"B2", "2023-W10", "5000000000000000000"},
              {"B1", "2023-W11", "5000000000000000000"}, {"B1", "2023-W11", "5000000000000000000"},
              {"B1", "2023-W12", "5000000000000000000"}, {"B1", "2023-W12", "1"}});
  Dataset dataset = data.build();
  struct Case {
    const char* expression;
    int overflowing_week;
  };
  for (const Case& c : {Case{"sum(study.learners)", 11}, Case{"sum(study.learners, over: subtree)", 10}}) {
    CAPTURE(c.expression);
    auto pack = make_pack({rule("sum", PeriodKind::kWeek, c.expression, "value < 0")});
    auto plan = compile_or_fail(*pack);
    Calendars calendars = resolve_calendars(*plan, dataset);
    NoSources sources;
    Aggregator aggregator(plan->aggregates, dataset, calendars, sources);
    const int last = plan->aggregates.size() - 1;
    std::vector<Period> fits{Period::week(2023, 12)};
    const AggregateValues& values = aggregator.values(last, &fits);
    CHECK(values.num_at(0, *dataset.tree().find("B1")) == 5000000000000000001);
    std::vector<Period> overflowing{Period::week(2023, c.overflowing_week)};
    bool refused = false;
    try {
      aggregator.values(last, &overflowing);
    } catch (const ValueOutOfRange& error) {
      refused = true;
      CHECK(std::string(error.what()).rfind("sum(study.learners", 0) == 0);
      CHECK(std::string(error.what()).find("a sum is beyond the range") != std::string::npos);
    }
    CHECK(refused);
  }
}

}  // namespace
}  // namespace cadence

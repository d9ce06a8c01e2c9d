// RowFilter: a compiled filter selects exactly the rows the interpreter
// finds true (nulls, codes that never occur, rational constants, the
// period's bounds), shapes it does not handle are left to the interpreter,
// and a member's exists() inside a compiled filter counts as it should.
#include "engine/eval/row_filter.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "engine/eval/aggregator.h"
#include "engine/eval/evaluator.h"
#include "engine/eval/expression_evaluator.h"
#include "tests/engine/eval/pack_builder.h"

namespace cadence {
namespace {

using testing::compile_or_fail;
using testing::make_pack;
using testing::NoSources;
using testing::rule;
using testing::TestData;

const AggregateValues& no_member_values(int, int32_t) {
  FAIL("no filter here reads a member's values");
  static const AggregateValues none;
  return none;
}

Dataset activities_and_members() {
  TestData data;
  data.orgs({{"R", "", "Root", "committee"}, {"B1", "R", "B1", "branch"}, {"B2", "R", "B2", "branch"}});
  // Activities rows: id, org_id, type, held_on, attendees ("" is null).
  data.activities({{"A1", "B1", "theme_day", "2023-03-05", "12"},
                   {"A2", "B1", "lesson", "2023-03-31", ""},
                   {"A3", "B1", "theme_day", "2023-04-01", "3"},
                   {"A4", "B2", "meeting", "2023-02-28", "2"},
                   {"A5", "B2", "lesson", "2023-03-01", "10"},
                   {"A6", "B2", "theme_day", "2022-12-31", "0"}});
  // Members rows: id, org_id, name, birth_date, joined_on, status, graduation_date.
  data.members({{"M1", "B1", "", "", "", "active", "2023-07-01"},
                {"M2", "B1", "", "", "", "left", ""},
                {"M3", "B2", "", "", "", "active", "2022-07-01"},
                {"M4", "B2", "", "", "", "active", "2023-12-31"}});
  return data.build();
}

// Compiles `filter` as the filter of count(`set`, where: filter) and checks,
// for the periods 2023-03 and 2023-Q1 in turn (so every row meets both a
// period it lies in and one it does not), that the compiled filter selects
// the rows the interpreter finds true, with a period slot per row and with
// one slot for all.
void check_against_interpreter(const Dataset& dataset, const std::string& set_name,
                               const std::string& filter) {
  INFO("filter: " << filter);
  auto pack = make_pack(
      {rule("r", PeriodKind::kMonth, "count(" + set_name + ", where: " + filter + ")", "value < 0")});
  auto plan = compile_or_fail(*pack);
  REQUIRE(plan->aggregates.size() == 1);
  const lang::AggregateSpec& spec = plan->aggregates.at(0);
  REQUIRE(spec.filter != nullptr);
  const RecordSet& set = *dataset.find(set_name);
  const std::vector<Period> periods{Period::month(2023, 3), Period::quarter(2023, 1)};
  auto compiled = RowFilter::compile(*spec.filter, set, &periods, no_member_values);
  REQUIRE(compiled != nullptr);

  const std::size_t rows = set.rows();
  std::vector<uint32_t> row_list(rows);
  std::vector<OrgIndex> orgs(rows);
  for (std::size_t row = 0; row < rows; ++row) {
    row_list[row] = static_cast<uint32_t>(row);
    orgs[row] = set.row_org()[row];
  }
  Calendars calendars;
  NoSources sources;
  for (int32_t slot = 0; slot < 2; ++slot) {
    Frame frame;
    frame.size = rows;
    frame.orgs = orgs.data();
    frame.rows = row_list.data();
    frame.record_set = &set;
    frame.scalar_period_slot = slot;
    frame.periods = &periods;
    frame.dataset = &dataset;
    frame.calendars = &calendars;
    frame.sources = &sources;
    Vec truth;
    evaluate_expression(*spec.filter, frame, truth);

    std::vector<uint8_t> scalar(rows, 9);
    compiled->select(0, rows, nullptr, slot, scalar.data());
    std::vector<int32_t> slots(rows, slot);
    std::vector<uint8_t> per_row(rows, 9);
    compiled->select(0, rows, slots.data(), 0, per_row.data());
    for (std::size_t row = 0; row < rows; ++row) {
      INFO("slot " << slot << ", row " << row);
      CHECK(scalar[row] == (truth.truth(row) ? 1 : 0));
      CHECK(per_row[row] == scalar[row]);
    }
    // A window of rows further in: the row offsets are the set's own.
    if (rows > 2) {
      std::vector<uint8_t> tail(rows - 2, 9);
      compiled->select(2, rows - 2, nullptr, slot, tail.data());
      for (std::size_t row = 2; row < rows; ++row) CHECK(tail[row - 2] == scalar[row]);
    }
  }
}

TEST_CASE("a compiled filter selects the rows the interpreter finds true") {
  const Dataset dataset = activities_and_members();
  for (const char* filter : {
           R"(type == "theme_day")",
           R"("lesson" == type)",
           R"(type != "lesson")",
           R"(type == "never_held")",  // a text that never occurs: no row
           R"(type != "never_held")",  // every row
           R"(type in ["lesson", "meeting"])",
           R"(type not in ["lesson"])",
           "attendees > 3",  // a null attendees row is never selected
           "attendees <= 10",
           "attendees != 12",
           "attendees >= 2.5",  // an integer column against a decimal: 3 passes, 2 does not
           "10 > attendees",
           "held_on <= 2023-03-05",
           "held_on <= period.end",
           "held_on >= period.start and attendees != 3",
           "within(held_on, period)",
           R"(type == "lesson" or attendees > 10)",
           R"((type == "theme_day" or type == "meeting") and held_on < 2023-03-02)",
       }) {
    check_against_interpreter(dataset, "activities", filter);
  }
  // Every member's name is empty (null): a dictionary without a text.
  for (const char* filter : {R"(status == "active")", "within(graduation_date, period)", R"(name in ["Li"])",
                             R"(name not in ["Li"])", R"(name == "Li")",
                             R"(status == "active" and graduation_date > 2023-01-01)"}) {
    check_against_interpreter(dataset, "members", filter);
  }
}

TEST_CASE("a rolling row without a period never meets a bound of the period") {
  const Dataset dataset = activities_and_members();
  auto pack = make_pack(
      {rule("r", PeriodKind::kMonth,
            "count(activities, where: within(held_on, period) or held_on >= period.start)", "value < 0")});
  auto plan = compile_or_fail(*pack);
  const std::vector<Period> periods{Period::month(2023, 3)};
  auto compiled = RowFilter::compile(*plan->aggregates.at(0).filter, *dataset.find("activities"), &periods,
                                     no_member_values);
  REQUIRE(compiled != nullptr);
  std::vector<uint8_t> mask(6, 9);
  compiled->select(0, mask.size(), nullptr, -1, mask.data());
  CHECK(mask == std::vector<uint8_t>(6, 0));
}

TEST_CASE("a member's exists() is read for the slot asked, even without a period list") {
  const Dataset dataset = activities_and_members();
  auto pack = make_pack({rule("r", PeriodKind::kYear, R"(count(members, where: exists(transfers, where: kind == "x")))",
                              "value < 0")});
  auto plan = compile_or_fail(*pack);
  const lang::AggregateSpec* filtered = nullptr;
  for (int index = 0; index < plan->aggregates.size(); ++index) {
    if (plan->aggregates.at(index).record_set == "members") filtered = &plan->aggregates.at(index);
  }
  REQUIRE(filtered != nullptr);
  // One value per members row: M2 and M4 have the transfer.
  AggregateValues exists;
  exists.type = lang::Type::kBool;
  exists.num = {0, 1, 0, 1};
  std::vector<int32_t> asked;
  auto compiled = RowFilter::compile(*filtered->filter, *dataset.find("members"), nullptr,
                                     [&](int, int32_t slot) -> const AggregateValues& {
                                       asked.push_back(slot);
                                       return exists;
                                     });
  REQUIRE(compiled != nullptr);
  std::vector<uint8_t> mask(4, 9);
  for (int32_t slot : {0, 2}) {
    compiled->select(0, mask.size(), nullptr, slot, mask.data());
    CHECK(mask == std::vector<uint8_t>{0, 1, 0, 1});
  }
  compiled->select(0, mask.size(), nullptr, 0, mask.data());  // looked up once per slot
  CHECK(asked == std::vector<int32_t>{0, 2});
}

TEST_CASE("a filter of another shape is left to the interpreter and counts the same") {
  const Dataset dataset = activities_and_members();
  auto pack = make_pack(
      {rule("r", PeriodKind::kMonth, R"(count(activities, where: not (type == "lesson")))", "value < 0"),
       rule("s", PeriodKind::kMonth, R"(count(activities, where: attendees + 1 > 3))", "value < 0")});
  auto plan = compile_or_fail(*pack);
  REQUIRE(plan->aggregates.size() == 2);
  const std::vector<Period> periods{Period::month(2023, 3)};
  for (int index = 0; index < 2; ++index) {
    CHECK(RowFilter::compile(*plan->aggregates.at(index).filter, *dataset.find("activities"), &periods,
                             no_member_values) == nullptr);
  }
  Calendars calendars = resolve_calendars(*plan, dataset);
  NoSources sources;
  Aggregator aggregator(plan->aggregates, dataset, calendars, sources);
  const OrgTree& tree = dataset.tree();
  const OrgIndex b1 = *tree.find("B1");
  const OrgIndex b2 = *tree.find("B2");
  // March 2023: B1 held A1 (theme day, 12) and A2 (lesson, null); B2 A5 (lesson, 10).
  const AggregateValues& not_lesson = aggregator.values(0, &periods);
  CHECK(not_lesson.num[not_lesson.cell(0, b1)] == 1);
  CHECK(not_lesson.num[not_lesson.cell(0, b2)] == 0);
  const AggregateValues& more_than_two = aggregator.values(1, &periods);
  CHECK(more_than_two.num[more_than_two.cell(0, b1)] == 1);
  CHECK(more_than_two.num[more_than_two.cell(0, b2)] == 1);
}

TEST_CASE("a member's exists() inside a compiled filter reads the member's values for the period") {
  // contract.md B4's shape: graduates of the year whose school-to-community
  // transfer completed by the year's end.
  TestData data;
  data.orgs({{"R", "", "Root", "committee"}, {"S", "R", "School", "committee"}, {"B1", "S", "B1", "branch"}});
  data.members({{"M1", "B1", "", "", "", "active", "2023-06-30"},
                {"M2", "B1", "", "", "", "active", "2023-06-30"},
                {"M3", "B1", "", "", "", "active", "2023-06-30"},
                {"M4", "B1", "", "", "", "active", "2022-06-30"}});
  // Transfers rows: member_id, from_org, to_org, kind, requested_on, completed_on.
  data.transfers({{"M1", "B1", "", "school_to_community", "2023-07-01", "2023-08-01"},
                  {"M2", "B1", "", "school_to_community", "2023-07-01", "2024-01-02"},  // completed too late
                  {"M3", "B1", "", "other", "2023-07-01", "2023-08-01"},                // not the kind
                  {"M4", "B1", "", "school_to_community", "2022-07-01", "2022-08-01"}});  // graduated in 2022
  Dataset dataset = data.build();
  auto pack = make_pack({rule(
      "done", PeriodKind::kYear,
      R"(count(members, over: subtree, where: within(graduation_date, period) and exists(transfers, where: kind == "school_to_community" and completed_on <= period.end)))",
      "value < 0")});
  auto plan = compile_or_fail(*pack);
  Calendars calendars = resolve_calendars(*plan, dataset);
  EvaluationRequest request;
  request.periods = {Period::year(2023)};
  request.keep_values = true;
  request.threads = 1;
  Outcome outcome = evaluate(*plan, dataset, calendars, request);
  REQUIRE(outcome.rules.size() == 1);
  const RuleOutcome& done = outcome.rules[0];
  REQUIRE(done.values.size() == 1);
  const OrgTree& tree = dataset.tree();
  CHECK(done.values[0][static_cast<std::size_t>(*tree.find("B1"))].numerator == 1);
  CHECK(done.values[0][static_cast<std::size_t>(*tree.find("S"))].numerator == 1);
  CHECK(done.values[0][static_cast<std::size_t>(*tree.find("R"))].numerator == 1);
}

}  // namespace
}  // namespace cadence

#include "engine/table/dataset.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "engine/calendar/date.h"
#include "tests/engine/table/dataset_builder.h"

namespace cadence {
namespace {

using testing::TestData;

// R ── C1 ── B1, B2
//   └─ C2 ── B3          pre-order: R C1 B1 B2 C2 B3
TestData small_tree() {
  TestData data;
  data.orgs({{"C2", "R", "County 2", "committee"},
             {"B3", "C2", "Branch 3", "branch"},
             {"R", "", "City", "committee"},
             {"B2", "C1", "Branch 2", "branch"},
             {"C1", "R", "County 1", "committee"},
             {"B1", "C1", "Branch 1", "branch"}});
  return data;
}

std::vector<std::string> column_text(const RecordSet& set, std::string_view column) {
  std::vector<std::string> result;
  for (std::size_t row = 0; row < set.rows(); ++row) result.push_back(set.column(column).format(row));
  return result;
}

std::vector<std::string> messages(const Diagnostics& diagnostics) {
  std::vector<std::string> result;
  for (const Diagnostic& diagnostic : diagnostics.items()) result.push_back(diagnostic.message);
  return result;
}

TEST_CASE("the orgs record set is in pre-order: row i is org i") {
  Dataset dataset = small_tree().build();
  CHECK(column_text(dataset.orgs(), "id") == std::vector<std::string>{"R", "C1", "B1", "B2", "C2", "B3"});
  CHECK(column_text(dataset.orgs(), "name")[4] == "County 2");
  CHECK(dataset.tree().id(4) == "C2");
  CHECK(dataset.find("orgs") == &dataset.orgs());
  CHECK(dataset.orgs().org_begin(3) == 3);
}

TEST_CASE("rows are sorted by org pre-order then time") {
  TestData data = small_tree();
  data.study({{"B3", "2023-W02", "1"},
              {"B1", "2023-W10", "2"},
              {"B1", "2023-W01", "3"},
              {"B3", "2023-W01", "4"},
              {"B2", "2023-W05", "5"}});
  Dataset dataset = data.build();
  const RecordSet& study = *dataset.find("study");
  CHECK(column_text(study, "org_id") == std::vector<std::string>{"B1", "B1", "B2", "B3", "B3"});
  CHECK(column_text(study, "week") ==
        std::vector<std::string>{"2023-W01", "2023-W10", "2023-W05", "2023-W01", "2023-W02"});
  CHECK(column_text(study, "learners") == std::vector<std::string>{"3", "2", "5", "4", "1"});
  CHECK(study.row_org() == std::vector<OrgIndex>{2, 2, 3, 5, 5});
}

TEST_CASE("rows with the same org and time keep their input order") {
  TestData data = small_tree();
  data.study({{"B1", "2023-W03", "7"}, {"B2", "2023-W01", "1"}, {"B1", "2023-W03", "6"}, {"B1", "2023-W03", "8"}});
  Dataset dataset = data.build();
  CHECK(column_text(*dataset.find("study"), "learners") == std::vector<std::string>{"7", "6", "8", "1"});
}

TEST_CASE("org offsets slice each org's rows with one entry past the last org") {
  TestData data = small_tree();
  data.study({{"B3", "2023-W02", "1"}, {"B1", "2023-W10", "2"}, {"B1", "2023-W01", "3"}, {"C2", "2023-W01", "4"}});
  Dataset dataset = data.build();
  const RecordSet& study = *dataset.find("study");
  REQUIRE(study.has_org_index());
  std::vector<uint32_t> offsets;
  for (OrgIndex org = 0; org <= dataset.tree().size(); ++org) offsets.push_back(study.org_begin(org));
  // R C1 have none, B1 two, B2 none, C2 one, B3 one.
  CHECK(offsets == std::vector<uint32_t>{0, 0, 0, 2, 2, 3, 4});
}

TEST_CASE("rows already in order keep it and get the same offsets as sorted ones") {
  // Pre-order, days rising within each org, equal days, and a row without an
  // org last: nothing moves.
  TestData data = small_tree();
  data.transfers({{"M1", "B1", "", "other", ""},
                  {"M2", "B1", "", "other", "2023-05-01"},
                  {"M3", "B1", "", "other", "2023-05-01"},
                  {"M4", "C2", "", "other", "2023-01-01"},
                  {"M5", "", "B2", "other", "2023-01-01"}});
  Dataset dataset = data.build();
  const RecordSet& transfers = *dataset.find("transfers");
  CHECK(column_text(transfers, "member_id") == std::vector<std::string>{"M1", "M2", "M3", "M4", "M5"});
  CHECK(transfers.row_org() == std::vector<OrgIndex>{2, 2, 2, 4, kNoOrg});
  std::vector<uint32_t> offsets;
  for (OrgIndex org = 0; org <= dataset.tree().size(); ++org) offsets.push_back(transfers.org_begin(org));
  CHECK(offsets == std::vector<uint32_t>{0, 0, 0, 3, 3, 4, 4});
  CHECK(transfers.row_day()[0] == kNoDay);
  CHECK(transfers.row_day()[3] == Date::from_ymd(2023, 1, 1).days());

  // One day out of order within an org: sorted.
  TestData late = small_tree();
  late.transfers({{"M1", "B1", "", "other", "2023-05-02"}, {"M2", "B1", "", "other", "2023-05-01"}});
  CHECK(column_text(*late.build().find("transfers"), "member_id") == std::vector<std::string>{"M2", "M1"});
}

TEST_CASE("row_day places weeks on their Monday and months on their first day and keeps dates") {
  TestData data = small_tree();
  data.study({{"B1", "2023-W10", "1"}, {"B2", "2023-W01", "1"}});
  data.notices({{"C1", "monthly_bulletin", "2023-03", "2023-04-03"}});
  data.activities({{"A1", "B1", "lesson", "2023-02-28"}});
  Dataset dataset = data.build();
  CHECK(dataset.find("study")->row_day() ==
        std::vector<int32_t>{Date::from_ymd(2023, 3, 6).days(), Date::from_ymd(2023, 1, 2).days()});
  CHECK(dataset.find("notices")->row_day() == std::vector<int32_t>{Date::from_ymd(2023, 3, 1).days()});
  CHECK(dataset.find("activities")->row_day() == std::vector<int32_t>{Date::from_ymd(2023, 2, 28).days()});
}

TEST_CASE("a null time is kNoDay and sorts first within its org") {
  TestData data = small_tree();
  data.transfers({{"M1", "B1", "", "other", "2023-05-01"}, {"M2", "B1", "", "other", ""}});
  Dataset dataset = data.build();
  const RecordSet& transfers = *dataset.find("transfers");
  CHECK(column_text(transfers, "member_id") == std::vector<std::string>{"M2", "M1"});
  CHECK(transfers.row_day()[0] == kNoDay);
}

TEST_CASE("an unknown org is reported once per id naming record set and column and row and value") {
  TestData data = small_tree();
  data.study({{"B1", "2023-W01", "1"},
              {"B9", "2023-W01", "1"},
              {"X", "2023-W01", "1"},
              {"B9", "2023-W02", "1"},
              {"B9", "2023-W03", "1"}});
  Diagnostics diagnostics;
  CHECK_FALSE(data.build(diagnostics).has_value());
  CHECK(messages(diagnostics) ==
        std::vector<std::string>{"row 2: unknown org 'B9' (and 2 more rows)", "row 3: unknown org 'X'"});
  CHECK(diagnostics.items()[0].span.file == "study");
  CHECK(diagnostics.items()[0].span.field == "org_id");
  CHECK(render(diagnostics.items()[1]) == "study: error: column 'org_id': row 3: unknown org 'X'");
}

TEST_CASE("a missing required org is an error but a missing optional one puts the row last") {
  TestData bad = small_tree();
  bad.study({{"B1", "2023-W01", "1"}, {"", "2023-W01", "1"}});
  Diagnostics diagnostics;
  CHECK_FALSE(bad.build(diagnostics).has_value());
  CHECK(messages(diagnostics) == std::vector<std::string>{"row 2: no org id"});

  TestData fine = small_tree();
  fine.transfers({{"M1", "", "B2", "other"}, {"M2", "B3", "", "other"}});
  Dataset dataset = fine.build();
  const RecordSet& transfers = *dataset.find("transfers");
  CHECK(column_text(transfers, "member_id") == std::vector<std::string>{"M2", "M1"});
  CHECK(transfers.row_org() == std::vector<OrgIndex>{5, kNoOrg});
  CHECK(transfers.org_begin(dataset.tree().size()) == 1);
}

TEST_CASE("member references resolve to the sorted members rows or -1 when unknown") {
  TestData data = small_tree();
  data.members({{"M3", "B3", "", "", "", "active"},
                {"M1", "B1", "", "", "", "active"},
                {"M2", "B2", "", "", "", "left"}});
  data.transfers({{"M2", "B2", "B3", "other"}, {"M9", "B1", "", "other"}, {"M3", "B3", "R", "other"}});
  Dataset dataset = data.build();
  CHECK(column_text(*dataset.find("members"), "id") == std::vector<std::string>{"M1", "M2", "M3"});
  const RecordSet& transfers = *dataset.find("transfers");
  // Sorted: M9 (B1), M2 (B2), M3 (B3).
  CHECK(column_text(transfers, "member_id") == std::vector<std::string>{"M9", "M2", "M3"});
  CHECK(transfers.row_member() == std::vector<int32_t>{-1, 1, 2});
}

TEST_CASE(
    "a member named twice resolves to its first row, and a member column of integers to the ids' text") {
  TestData data = small_tree();
  data.members({{"7", "B1", "", "", "", "active"},
                {"8", "B2", "", "", "", "active"},
                {"7", "B3", "", "", "", "left"}});
  data.transfers({{"7", "B3", "", "other"}, {"9", "B1", "", "other"}, {"8", "B2", "", "other"}});
  data.table("visits",
             testing::make_schema("visits", {{"org_id"}, {"member", ColumnType::kInteger}},
                                  {.org_column = "org_id", .member_column = "member"}),
             {{"B1", "8"}, {"B2", "7"}, {"B3", "6"}, {"B3", ""}});
  Dataset dataset = data.build();
  CHECK(column_text(*dataset.find("members"), "org_id") == std::vector<std::string>{"B1", "B2", "B3"});
  // Transfers sorted: 9 (B1), 8 (B2), 7 (B3).
  CHECK(dataset.find("transfers")->row_member() == std::vector<int32_t>{-1, 1, 0});
  CHECK(dataset.find("visits")->row_member() == std::vector<int32_t>{1, 0, -1, -1});
}

TEST_CASE("member references come out the same on one thread or two") {
  // Enough members for finish(2) to split them in halves; "twice" is in both.
  testing::Rows member_rows;
  for (int row = 0; row < 70000; ++row) {
    member_rows.push_back({"M" + std::to_string(row), "B1", "", "", "", "active"});
  }
  member_rows[10][0] = "twice";
  member_rows[60000][0] = "twice";
  const testing::Rows transfer_rows = {{"twice", "B1", "", "other"},
                                       {"M65000", "B1", "", "other"},
                                       {"M3", "B1", "", "other"},
                                       {"X", "B1", "", "other"},
                                       {"M10", "B1", "", "other"}};
  const testing::Rows org_rows = {{"R", "", "City", "committee"}, {"B1", "R", "Branch 1", "branch"}};
  for (int threads : {1, 2}) {
    CAPTURE(threads);
    Diagnostics diagnostics;
    DatasetBuilder builder(testing::make_record_set(testing::orgs_schema(), org_rows), diagnostics);
    builder.add(testing::make_record_set(testing::members_schema(), member_rows));
    builder.add(testing::make_record_set(testing::transfers_schema(), transfer_rows));
    std::optional<Dataset> dataset = builder.finish(threads);
    REQUIRE(dataset);
    CHECK(diagnostics.empty());
    CHECK(dataset->find("transfers")->row_member() == std::vector<int32_t>{10, 65000, 3, -1, -1});
  }
}

TEST_CASE("without members every member reference is -1 and not an error") {
  TestData data = small_tree();
  data.transfers({{"M2", "B2", "", "other"}});
  Dataset dataset = data.build();
  CHECK(dataset.find("transfers")->row_member() == std::vector<int32_t>{-1});
}

TEST_CASE("a record set without an org column keeps its order and has no org index") {
  TestData data = small_tree();
  data.table(testing::make_schema("holidays", {{"day", ColumnType::kDate}, {"name"}}, {.time_column = "day"}),
             {{"2023-10-01", "national"}, {"2023-05-01", "labour"}});
  Dataset dataset = data.build();
  const RecordSet& holidays = *dataset.find("holidays");
  CHECK(column_text(holidays, "name") == std::vector<std::string>{"national", "labour"});
  CHECK_FALSE(holidays.has_org_index());
  CHECK(holidays.row_org() == std::vector<OrgIndex>{kNoOrg, kNoOrg});
  CHECK(holidays.row_day()[1] == Date::from_ymd(2023, 5, 1).days());
}

TEST_CASE("the builder parses every column type") {
  TestData data = small_tree();
  data.table("mixed",
             testing::make_schema("ignored",
                                  {{"org_id"},
                                   {"count", ColumnType::kInteger},
                                   {"share", ColumnType::kNumber},
                                   {"quarter", ColumnType::kQuarter},
                                   {"year", ColumnType::kYear},
                                   {"ok", ColumnType::kBool}},
                                  {.org_column = "org_id"}),
             {{"B1", "12", "0.25", "2023-Q2", "2023", "true"}, {"B2"}});
  Dataset dataset = data.build();
  const RecordSet& mixed = *dataset.find("mixed");
  CHECK(mixed.name() == "mixed");
  CHECK(column_text(mixed, "count") == std::vector<std::string>{"12", ""});
  CHECK(column_text(mixed, "share") == std::vector<std::string>{"0.25", ""});
  CHECK(column_text(mixed, "quarter") == std::vector<std::string>{"2023-Q2", ""});
  CHECK(column_text(mixed, "year") == std::vector<std::string>{"2023", ""});
  CHECK(column_text(mixed, "ok") == std::vector<std::string>{"true", ""});
}

TEST_CASE("tree errors and missing columns and repeated record sets are reported") {
  TestData cyclic;
  cyclic.orgs({{"R", ""}, {"A", "B"}, {"B", "A"}});
  Diagnostics tree_problems;
  CHECK_FALSE(cyclic.build(tree_problems).has_value());
  CHECK(messages(tree_problems) == std::vector<std::string>{"cycle in the org tree: A → B → A"});

  TestData data = small_tree();
  data.study({{"B1", "2023-W01", "1"}});
  data.study({{"B2", "2023-W01", "1"}});
  data.table(testing::make_schema("broken", {{"org"}}, {.org_column = "org_id", .time_column = "when"}), {});
  Diagnostics diagnostics;
  CHECK_FALSE(data.build(diagnostics).has_value());
  CHECK(messages(diagnostics) == std::vector<std::string>{"record set 'study' is given twice",
                                                          "record set 'broken' has no time column 'when'",
                                                          "record set 'broken' has no org column 'org_id'"});
}

}  // namespace
}  // namespace cadence

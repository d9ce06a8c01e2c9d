#include "adapters/import/header_mapping.h"

#include <doctest/doctest.h>

namespace cadence {
namespace {

ColumnSchema column(std::string name, bool required, std::vector<std::string> aliases = {}) {
  ColumnSchema column;
  column.name = std::move(name);
  column.required = required;
  column.aliases = std::move(aliases);
  return column;
}

RecordSetSchema record_set(std::string name, std::vector<ColumnSchema> columns,
                           std::vector<std::string> file_names = {}) {
  RecordSetSchema set;
  set.name = std::move(name);
  set.columns = std::move(columns);
  set.file_names = std::move(file_names);
  return set;
}

// The sets of issue 22's example, as the Guyuan schema has them.
Schema league_sets() {
  Schema schema;
  schema.record_sets.push_back(
      record_set("members",
                 {column("id", true, {"团员编号"}), column("org_id", true, {"所在团支部"}),
                  column("status", true, {"团籍状态"}), column("name", false, {"姓名"})},
                 {"团员信息"}));
  schema.record_sets.push_back(
      record_set("study",
                 {column("org_id", true, {"所在团支部", "组织编码"}), column("week", true, {"周次"}),
                  column("learners", true, {"参学人数"})},
                 {"青年大学习"}));
  schema.record_sets.push_back(record_set(
      "episodes", {column("week", true, {"周次"}), column("title", false, {"标题"})}, {"青年大学习期次"}));
  schema.record_sets.push_back(
      record_set("evaluations", {column("member_id", true, {"团员编号"}), column("year", true, {"年度"}),
                                 column("grade", true, {"评议等次"})}));
  schema.record_sets.push_back(
      record_set("registrations", {column("member_id", true, {"团员编号"}), column("year", true, {"年度"})}));
  schema.record_sets.push_back(
      record_set("activities", {column("id", true, {"活动编号"}), column("org_id", true, {"所在团支部"}),
                                column("held_on", true, {"开展时间"})}));
  return schema;
}

RawTable table(std::string file, std::vector<std::string> header) {
  RawTable table;
  table.file = std::move(file);
  table.header = std::move(header);
  table.header_line = 1;
  return table;
}

std::string mapped(const Schema& schema, const RawTable& raw, Diagnostics& diagnostics,
                   std::string sheet = "") {
  const RecordSetSchema* set =
      match_record_set(schema, raw, TableNames{std::move(sheet), file_stem(raw.file)}, "", diagnostics);
  return set == nullptr ? "(refused)" : set->name;
}

TEST_CASE("a header with the required columns of one set maps to it, by alias") {
  const Schema schema = league_sets();
  Diagnostics diagnostics;
  CHECK(mapped(schema, table("export.csv", {"组织编码", "周次", "参学人数"}), diagnostics) == "study");
  CHECK(diagnostics.empty());
}

TEST_CASE("issue 22: 单位名称, 周次, 参学人数 is not taken for episodes, which needs only 周次") {
  const Schema schema = league_sets();
  Diagnostics diagnostics;
  CHECK(mapped(schema, table("参学.csv", {"单位名称", "周次", "参学人数"}), diagnostics) == "(refused)");
  REQUIRE(diagnostics.error_count() == 1);
  CHECK(
      diagnostics.items()[0].message.find("its header has the required columns of 'episodes', but holds more "
                                          "columns of 'study'") != std::string::npos);
  CHECK(diagnostics.items()[0].message.find("(org_id)") != std::string::npos);
  // Then every record set with its required columns, as notes.
  CHECK(diagnostics.size() == 1 + schema.record_sets.size());
  CHECK(diagnostics.items()[2].message ==
        "record set 'study' (file names 青年大学习) requires org_id (所在团支部, 组织编码); week (周次); "
        "learners "
        "(参学人数); this header lacks org_id.");
}

TEST_CASE("a header that fits two record sets, neither holding the other's cells, is refused naming both") {
  const Schema schema = league_sets();
  Diagnostics diagnostics;
  CHECK(mapped(schema, table("x.csv", {"团员编号", "所在团支部", "团籍状态", "活动编号", "开展时间"}),
               diagnostics) == "(refused)");
  REQUIRE(diagnostics.error_count() == 1);
  CHECK(diagnostics.items()[0].message.find("the required columns of 'members' and 'activities'") !=
        std::string::npos);
  CHECK(diagnostics.items()[1].message.find("this header has them all") != std::string::npos);
}

TEST_CASE("a set whose cells another fitting set holds too is set aside: evaluations, not registrations") {
  const Schema schema = league_sets();
  Diagnostics diagnostics;
  CHECK(mapped(schema, table("x.csv", {"团员编号", "年度", "评议等次"}), diagnostics) == "evaluations");
  CHECK(mapped(schema, table("x.csv", {"团员编号", "年度"}), diagnostics) == "registrations");
  CHECK(diagnostics.empty());
}

TEST_CASE("a header that fits no set is refused with the list of every set and what it lacks") {
  const Schema schema = league_sets();
  Diagnostics diagnostics;
  CHECK(mapped(schema, table("payroll.csv", {"employee", "salary"}), diagnostics) == "(refused)");
  REQUIRE(diagnostics.error_count() == 1);
  CHECK(diagnostics.items()[0].message.find("has the required columns of no record set") !=
        std::string::npos);
  CHECK(diagnostics.size() == 1 + schema.record_sets.size());
  CHECK(diagnostics.items()[3].message ==
        "record set 'episodes' (file names 青年大学习期次) requires week (周次); this header lacks week.");
}

TEST_CASE(
    "a file name that the header contradicts is refused, and one it agrees with decides among fitting sets") {
  const Schema schema = league_sets();
  Diagnostics diagnostics;
  CHECK(mapped(schema, table("青年大学习期次.csv", {"组织编码", "周次", "参学人数"}), diagnostics) ==
        "(refused)");
  REQUIRE(diagnostics.error_count() == 1);
  CHECK(diagnostics.items()[0].message.find(
            "the file's name says it holds record set 'episodes', but its header "
            "holds more columns of record set 'study'") == 0);
  Diagnostics agreeing;
  CHECK(mapped(schema, table("团员信息.csv", {"团员编号", "所在团支部", "团籍状态", "活动编号", "开展时间"}),
               agreeing) == "members");
  CHECK(agreeing.empty());
}

TEST_CASE("a sheet's name maps before the file's") {
  const Schema schema = league_sets();
  Diagnostics diagnostics;
  CHECK(mapped(schema, table("book.xlsx", {"团员编号", "年度"}), diagnostics, "registrations") ==
        "registrations");
  CHECK(mapped(schema, table("青年大学习.xlsx", {"周次", "标题"}), diagnostics, "青年大学习期次") ==
        "episodes");
  CHECK(diagnostics.empty());
}

TEST_CASE("header cells no column of the set uses are listed in one warning, none dropped unsaid") {
  const Schema schema = league_sets();
  Diagnostics diagnostics;
  const RawTable raw = table("study.csv", {"组织编码", "支部名称", "周次", "参学人数", "", "备注"});
  const std::vector<int> cells = map_header(*schema.find("study"), raw, diagnostics);
  CHECK(cells == std::vector<int>{0, 2, 3});
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics.items()[0].severity == Severity::kWarning);
  CHECK(diagnostics.items()[0].message ==
        "record set 'study' has no column for the header cells '支部名称', '备注': their values are not "
        "imported.");
}

}  // namespace
}  // namespace cadence

#include "adapters/pack/schema_loader.h"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

namespace cadence {
namespace {

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::vector<std::string> column_names(const RecordSetSchema& set) {
  std::vector<std::string> names;
  for (const auto& column : set.columns) names.push_back(column.name);
  return names;
}

const std::string kOrgs = R"(record_sets:
  orgs:
    columns: {id: text, name: text, parent_id: text, kind: {type: enum, values: [committee, branch]}}
)";

}  // namespace

TEST_CASE("the bench schema: six record sets, columns in YAML order, roles and bounds") {
  Diagnostics diagnostics;
  auto schema = load_schema_from_text(read_text(std::string(CADENCE_SOURCE_DIR) + "/rules/bench/schema.yaml"),
                                      "schema.yaml", diagnostics);
  REQUIRE(schema.has_value());
  CHECK(diagnostics.empty());
  std::vector<std::string> sets;
  for (const auto& set : schema->record_sets) sets.push_back(set.name);
  CHECK(sets == std::vector<std::string>{"orgs", "members", "study", "activities", "transfers", "notices"});
  CHECK(column_names(*schema->find("orgs")) ==
        std::vector<std::string>{"id", "name", "parent_id", "kind", "category", "secretary", "elected_on"});
  const RecordSetSchema& study = *schema->find("study");
  CHECK(column_names(study) == std::vector<std::string>{"org_id", "week", "learners"});
  CHECK(study.org_column == "org_id");
  CHECK(study.time_column == "week");
  CHECK(study.key == std::vector<std::string>{"org_id", "week"});
  CHECK(study.key_rows == KeyRows::kMany);  // several rows of a branch and week are summed
  CHECK(study.kind == RecordSetKind::kEvents);
  CHECK(study.file_names == std::vector<std::string>{"study"});
  CHECK(study.column("week")->type == ColumnType::kWeek);
  CHECK(study.column("learners")->minimum == 0);
  CHECK(study.column("learners")->required);
  CHECK(!study.column("learners")->maximum.has_value());
  const RecordSetSchema& transfers = *schema->find("transfers");
  CHECK(transfers.member_column == "member_id");
  CHECK(transfers.org_references == std::vector<std::string>{"to_org"});
  CHECK(schema->find("members")->key == std::vector<std::string>{"id"});
  CHECK(schema->find("members")->kind == RecordSetKind::kSnapshot);
  CHECK(schema->find("notices")->column("kind")->values ==
        std::vector<std::string>{"monthly_bulletin", "weekly_dispatch"});
  CHECK(schema->find("orgs")->span.line == 3);
  CHECK(schema->find("orgs")->column("kind")->span.line == 11);
}

TEST_CASE("shorthand types, aliases, codes and the default file name") {
  Diagnostics diagnostics;
  auto schema = load_schema_from_text(kOrgs + R"(  members:
    org: org_id
    columns:
      id: {type: text, aliases: [团员编号]}
      org_id: text
      status: {type: enum, values: [active, left], codes: {"0": active, 正常: active}, otherwise: left}
)",
                                      "s.yaml", diagnostics);
  REQUIRE(schema.has_value());
  const RecordSetSchema& members = *schema->find("members");
  CHECK(members.file_names == std::vector<std::string>{"members"});
  CHECK(members.column("id")->aliases == std::vector<std::string>{"团员编号"});
  const ColumnSchema& status = *members.column("status");
  CHECK(status.codes.at("0") == "active");
  CHECK(status.codes.at("正常") == "active");
  CHECK(status.otherwise == "left");
  CHECK(schema->find("orgs")->column("name")->type == ColumnType::kText);
}

TEST_CASE("schema errors: all reported, each at its node") {
  Diagnostics diagnostics;
  auto schema = load_schema_from_text(R"(record_sets:
  study:
    key: [org]
    time: org_id
    columns:
      org_id: {type: text, requird: true}
      week: {type: wek}
      n: {type: integer, min: 5, max: 1}
)",
                                      "s.yaml", diagnostics);
  CHECK(!schema.has_value());
  std::vector<std::string> lines;
  for (const auto& item : diagnostics.sorted()) {
    lines.push_back(std::to_string(item.span.line) + ":" + std::to_string(item.span.column) + " " + item.message);
  }
  CHECK(lines == std::vector<std::string>{
                     "1:1 the schema has no 'orgs' record set: the org tree needs one with columns id, parent_id, "
                     "name and kind",
                     "3:11 key: no column 'org' in record set 'study'",
                     "4:11 time: column 'org_id' is text; a time column must be a date, week, month, quarter or year",
                     "6:28 unknown key 'requird' in column 'study.org_id' (did you mean 'required'?)",
                     "7:20 unknown column type 'wek' (did you mean 'week'?)",
                     "8:7 min is greater than max in column 'n'",
                 });
}

TEST_CASE("a schema that is not a mapping, or names that cannot be used in expressions") {
  Diagnostics diagnostics;
  CHECK(!load_schema_from_text("- a\n- b\n", "s.yaml", diagnostics).has_value());
  CHECK(diagnostics.items().at(0).message == "schema must be a mapping of keys to values, got a list");
  Diagnostics names;
  CHECK(!load_schema_from_text(kOrgs + "  学习:\n    columns: {2nd: text}\n", "s.yaml", names).has_value());
  CHECK(names.error_count() == 2);
}

}  // namespace cadence

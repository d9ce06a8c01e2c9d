// Tiny schemas, temp directories and file helpers shared by the store and
// import tests.
#pragma once

#include <doctest/doctest.h>
#include <sqlite3.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <string>
#include <vector>

#include "adapters/store/store.h"
#include "engine/table/schema.h"

namespace cadence::testing {

inline ColumnSchema column(std::string name, ColumnType type, bool required = false,
                           std::vector<std::string> aliases = {}) {
  ColumnSchema out;
  out.name = std::move(name);
  out.type = type;
  out.required = required;
  out.aliases = std::move(aliases);
  return out;
}

inline ColumnSchema enum_column(std::string name, std::vector<std::string> values, bool required = false) {
  ColumnSchema out = column(std::move(name), ColumnType::kEnum, required);
  out.values = std::move(values);
  return out;
}

// The contract's orgs, members (with 团籍状态 codes) and study, plus
// transfers, with a few of the aliases real exports use.
inline Schema league_schema() {
  Schema schema;
  RecordSetSchema orgs;
  orgs.name = "orgs";
  orgs.key = {"id"};
  orgs.kind = RecordSetKind::kSnapshot;
  orgs.file_names = {"orgs", "组织"};
  orgs.columns = {column("id", ColumnType::kText, true, {"组织编码", "团组织编码"}),
                  column("name", ColumnType::kText, true, {"组织名称"}),
                  column("parent_id", ColumnType::kText, false, {"上级组织编码"}),
                  enum_column("kind", {"committee", "working_committee", "general_branch", "branch"}, true),
                  column("secretary", ColumnType::kText, false, {"书记姓名"})};
  schema.record_sets.push_back(orgs);

  RecordSetSchema members;
  members.name = "members";
  members.key = {"id"};
  members.kind = RecordSetKind::kSnapshot;
  members.org_column = "org_id";
  members.columns = {column("id", ColumnType::kText, true, {"团员编号"}),
                     column("org_id", ColumnType::kText, true, {"所在团支部"}),
                     column("name", ColumnType::kText, false, {"姓名"}),
                     column("birth_date", ColumnType::kDate, false, {"出生日期"}),
                     enum_column("status", {"active", "left"}, true)};
  members.columns[4].aliases = {"团籍状态"};
  members.columns[4].codes = {{"0", "active"}, {"正常", "active"}};
  members.columns[4].otherwise = "left";
  schema.record_sets.push_back(members);

  RecordSetSchema study;
  study.name = "study";
  study.org_column = "org_id";
  study.time_column = "week";
  study.key = {"org_id", "week"};
  study.key_rows = KeyRows::kMany;  // several rows of a branch and week are summed
  study.file_names = {"study", "青年大学习"};
  study.columns = {column("org_id", ColumnType::kText, true), column("week", ColumnType::kWeek, true),
                   column("learners", ColumnType::kInteger, true)};
  study.columns[2].minimum = 0;
  schema.record_sets.push_back(study);

  RecordSetSchema transfers;
  transfers.name = "transfers";
  transfers.org_column = "from_org";
  transfers.member_column = "member_id";
  transfers.org_references = {"to_org"};
  transfers.time_column = "requested_on";
  transfers.key = {"member_id", "requested_on"};
  transfers.columns = {column("member_id", ColumnType::kText, true), column("from_org", ColumnType::kText),
                       column("to_org", ColumnType::kText), column("requested_on", ColumnType::kDate),
                       column("completed_on", ColumnType::kDate)};
  schema.record_sets.push_back(transfers);
  return schema;
}

// A batch of study rows as the tests record it.
inline ImportBatch study_batch(const char* file, const char* sha256, int64_t added, int64_t replaced) {
  ImportBatch batch;
  batch.file = file;
  batch.sha256 = sha256;
  batch.record_set = "study";
  batch.rows_added = added;
  batch.rows_replaced = replaced;
  batch.imported_at = "t";
  return batch;
}

// A fresh directory under /tmp, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "cadence-test-XXXXXX").string();
    path_ = mkdtemp(pattern.data());
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string path(const std::string& name) const { return path_ + "/" + name; }
  std::string write(const std::string& name, const std::string& text) const {
    const std::string file = path(name);
    std::ofstream(file, std::ios::binary) << text;
    return file;
  }

 private:
  std::string path_;
};

inline std::string read_text(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// The rows of `sql` on the store file `db`, a line each, cells joined by
// "|" (NULL for null): what a test compares with what it expects.
inline std::string query_rows(const std::string& db, const std::string& sql) {
  sqlite3* connection = nullptr;
  REQUIRE(sqlite3_open(db.c_str(), &connection) == SQLITE_OK);
  sqlite3_stmt* statement = nullptr;
  REQUIRE(sqlite3_prepare_v2(connection, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK);
  std::string out;
  while (sqlite3_step(statement) == SQLITE_ROW) {
    for (int c = 0; c < sqlite3_column_count(statement); ++c) {
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, c));
      out += (c ? "|" : "") + std::string(text ? text : "NULL");
    }
    out += "\n";
  }
  sqlite3_finalize(statement);
  sqlite3_close(connection);
  return out;
}

}  // namespace cadence::testing

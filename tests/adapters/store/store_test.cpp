#include "adapters/store/store.h"

#include <doctest/doctest.h>
#include <sqlite3.h>

#include "adapters/store/migrations.h"
#include "engine/calendar/period.h"
#include "tests/adapters/store/store_probes.h"
#include "tests/adapters/store/test_support.h"

namespace cadence {
namespace {

using testing::scalar;
using testing::TempDir;

RecordSet study_rows(const Schema& schema, std::vector<std::tuple<std::string, std::string, int64_t>> rows) {
  RecordSet out(*schema.find("study"));
  for (const auto& [org, week, learners] : rows) {
    out.column(0).append_text(org);
    out.column(1).append_code(Period::parse(week)->ordinal());
    out.column(2).append_integer(learners);
  }
  return out;
}

RecordSet org_rows(const Schema& schema, std::vector<std::array<std::string, 4>> rows) {
  RecordSet out(*schema.find("orgs"));
  for (const auto& [id, name, parent, kind] : rows) {
    out.column(0).append_text(id);
    out.column(1).append_text(name);
    if (parent.empty()) out.column(2).append_null(); else out.column(2).append_text(parent);
    out.column(3).append_text(kind);
    out.column(4).append_null();
  }
  return out;
}

MergeCounts merge_committed(Store& store, const RecordSet& rows, const std::vector<std::vector<std::string>>& raw = {}) {
  REQUIRE(store.begin().is_ok());
  REQUIRE(store.ensure_record_set(rows.schema()).is_ok());
  Result<MergeCounts> counts = store.merge(rows, raw);
  REQUIRE(counts.is_ok());
  REQUIRE(store.rebuild_snapshot(rows.schema()).is_ok());
  REQUIRE(store.commit().is_ok());
  return *counts;
}

TEST_CASE("open creates a WAL database at the latest schema version") {
  TempDir dir;
  Result<Store> store = Store::open(dir.path("cadence.db"));
  REQUIRE(store.is_ok());
  CHECK(*store->schema_version() == store::latest_schema_version());
  CHECK(*store->integrity_check() == "ok");
  CHECK(scalar(dir.path("cadence.db"), "SELECT count(*) FROM pragma_journal_mode WHERE journal_mode = 'wal'") == 1);
}

TEST_CASE("open upgrades a database of an older schema version and keeps its data") {
  TempDir dir;
  const std::string path = dir.path("old.db");
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  const std::string first(store::migrations()[0].script);
  REQUIRE(sqlite3_exec(db, first.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_exec(db,
                       "INSERT INTO import_batches (file, sha256, record_set, rows_added, rows_replaced, "
                       "rows_unchanged, rows_rejected, imported_at) VALUES ('a.csv', 'ab', 'study', 1, 0, 0, 0, 't');"
                       "PRAGMA user_version = 1;",
                       nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);

  Result<Store> store = Store::open(path);
  REQUIRE(store.is_ok());
  CHECK(*store->schema_version() == store::latest_schema_version());
  CHECK(scalar(path, "SELECT count(*) FROM sqlite_schema WHERE name = 'audit_runs'") == 1);
  REQUIRE(store->batches()->size() == 1);
  CHECK(store->batches()->front().file == "a.csv");
}

TEST_CASE("open refuses a database written by a newer cadence") {
  TempDir dir;
  const std::string path = dir.path("new.db");
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  REQUIRE(sqlite3_exec(db, "PRAGMA user_version = 99", nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
  Result<Store> store = Store::open(path);
  REQUIRE_FALSE(store.is_ok());
  CHECK(store.status().message().find("newer cadence") != std::string::npos);
}

TEST_CASE("keyed merge counts added, replaced and unchanged rows") {
  TempDir dir;
  Store store = std::move(Store::open(dir.path("c.db")).value());
  const Schema schema = testing::league_schema();
  MergeCounts first = merge_committed(
      store, org_rows(schema, {{"R", "Root", "", "committee"}, {"B1", "One", "R", "branch"}}));
  CHECK(first.added == 2);
  CHECK(first.replaced == 0);
  MergeCounts second = merge_committed(store, org_rows(schema, {{"R", "Root", "", "committee"},
                                                                {"B1", "One renamed", "R", "branch"},
                                                                {"B2", "Two", "R", "branch"}}));
  CHECK(second.added == 1);
  CHECK(second.replaced == 1);
  CHECK(second.unchanged == 1);
  CHECK(*store.row_count("orgs") == 3);
}

TEST_CASE("merging into an empty set inserts the rows in order, batch by batch") {
  TempDir dir;
  Store store = std::move(Store::open(dir.path("c.db")).value());
  const Schema schema = testing::league_schema();
  // 600 rows: two full INSERT statements of 256 rows and a rest of 88.
  std::vector<std::array<std::string, 4>> rows = {{"R", "Root", "", "committee"}};
  for (int i = 1; i < 600; ++i) rows.push_back({"B" + std::to_string(i), "Branch", "R", "branch"});
  MergeCounts first = merge_committed(store, org_rows(schema, rows));
  CHECK(first.added == 600);
  CHECK(first.into_empty);
  // Row i has rowid i + 1: "R" first (substr gives 0), then B1, B2, ...
  CHECK(scalar(dir.path("c.db"), "SELECT count(*) FROM rs_orgs WHERE rowid = CAST(substr(id, 2) AS INTEGER) + 1") ==
        600);
  CHECK(scalar(dir.path("c.db"), "SELECT count(*) FROM rs_orgs WHERE parent_id IS NULL") == 1);
  // Into a set that has rows, the keyed merge compares (and counts) again.
  rows[7][1] = "Renamed";
  MergeCounts second = merge_committed(store, org_rows(schema, rows));
  CHECK_FALSE(second.into_empty);
  CHECK(second.replaced == 1);
  CHECK(second.unchanged == 599);
}

TEST_CASE("a first import with a duplicate key is refused by the store, not merged") {
  TempDir dir;
  Store store = std::move(Store::open(dir.path("c.db")).value());
  const Schema schema = testing::league_schema();
  const RecordSet rows = org_rows(schema, {{"R", "Root", "", "committee"}, {"R", "Again", "", "committee"}});
  REQUIRE(store.begin().is_ok());
  REQUIRE(store.ensure_record_set(rows.schema()).is_ok());
  Result<MergeCounts> counts = store.merge(rows, {});
  CHECK_FALSE(counts.is_ok());
  store.rollback();
  CHECK(*store.row_count("orgs") == 0);
}

TEST_CASE("a new database uses 16 KiB pages") {
  TempDir dir;
  { Store store = std::move(Store::open(dir.path("c.db")).value()); }
  CHECK(scalar(dir.path("c.db"), "PRAGMA page_size") == 16384);
}

TEST_CASE("merge by a key with several rows per key replaces the file's keys only and removes nothing else") {
  TempDir dir;
  Store store = std::move(Store::open(dir.path("c.db")).value());
  const Schema schema = testing::league_schema();
  merge_committed(store, study_rows(schema, {{"B1", "2023-W10", 5}, {"B2", "2023-W10", 3}, {"B1", "2023-W11", 4}}));
  MergeCounts counts =
      merge_committed(store, study_rows(schema, {{"B1", "2023-W11", 4}, {"B1", "2023-W11", 2}, {"B2", "2023-W12", 1}}));
  CHECK(counts.unchanged == 0);
  CHECK(counts.added == 1);     // B2 W12
  CHECK(counts.replaced == 2);  // B1 W11: {4} became {4, 2}
  CHECK(*store.row_count("study") == 5);

  MergeCounts again = merge_committed(store, study_rows(schema, {{"B1", "2023-W10", 6}}));
  CHECK(again.added == 0);
  CHECK(again.replaced == 1);
  CHECK(*store.row_count("study") == 5);  // B2 W10, not in the file, is kept
  MergeCounts same = merge_committed(store, study_rows(schema, {{"B1", "2023-W10", 6}}));
  CHECK(same.unchanged == 1);
  CHECK(*store.row_count("study") == 5);
}

TEST_CASE("merge without a key (keyed by all columns) never removes a row") {
  TempDir dir;
  Store store = std::move(Store::open(dir.path("c.db")).value());
  Schema schema = testing::league_schema();
  RecordSetSchema* study = &schema.record_sets[2];
  study->key.clear();
  study->time_column.clear();
  merge_committed(store, study_rows(schema, {{"B1", "2023-W10", 5}, {"B2", "2023-W11", 3}}));
  merge_committed(store, study_rows(schema, {{"B3", "2023-W12", 1}}));
  CHECK(*store.row_count("study") == 3);
  MergeCounts counts = merge_committed(store, study_rows(schema, {{"B1", "2023-W10", 5}}));
  CHECK(counts.unchanged == 1);
  CHECK(*store.row_count("study") == 3);
}

TEST_CASE("snapshots load back the stored values, nulls included") {
  TempDir dir;
  Store store = std::move(Store::open(dir.path("c.db")).value());
  const Schema schema = testing::league_schema();
  merge_committed(store, org_rows(schema, {{"R", "团委", "", "committee"}, {"B1", "一支部", "R", "branch"}}));
  Diagnostics diagnostics;
  Result<std::optional<RecordSet>> loaded = store.load_record_set(*schema.find("orgs"), diagnostics);
  REQUIRE(loaded.is_ok());
  REQUIRE(loaded->has_value());
  const RecordSet& orgs = **loaded;
  REQUIRE(orgs.rows() == 2);
  CHECK(orgs.column(1).text(0) == "团委");
  CHECK(orgs.column(2).is_null(0));
  CHECK(orgs.column(2).text(1) == "R");
  CHECK(orgs.column(3).text(1) == "branch");
  CHECK(orgs.column(4).is_null(1));

  Result<std::optional<RecordSet>> never = store.load_record_set(*schema.find("study"), diagnostics);
  REQUIRE(never.is_ok());
  CHECK_FALSE(never->has_value());
}

TEST_CASE("load_dataset sorts sets read before orgs and adds the data's problems after the snapshots'") {
  TempDir dir;
  Store store = std::move(Store::open(dir.path("c.db")).value());
  Schema schema = testing::league_schema();
  merge_committed(store, org_rows(schema, {{"R", "Root", "", "committee"}, {"B1", "One", "R", "branch"}}));
  merge_committed(store, study_rows(schema, {{"B1", "2023-W11", 4}, {"B1", "2023-W10", 3}}));
  // Study before orgs: the study rows wait for the tree.
  std::swap(schema.record_sets[0], schema.record_sets[2]);
  Diagnostics diagnostics;
  Result<Dataset> dataset = store.load_dataset(schema, diagnostics);
  REQUIRE_MESSAGE(dataset.is_ok(), render_all(diagnostics));
  CHECK(dataset->find("study")->column(2).integer(0) == 3);
  CHECK(dataset->find("study")->row_org() == std::vector<OrgIndex>{1, 1});

  // An unknown org is the builder's diagnostic; the store can still be written.
  merge_committed(store, study_rows(schema, {{"B9", "2023-W12", 1}}));
  Diagnostics unknown;
  Result<Dataset> failed = store.load_dataset(schema, unknown);
  CHECK(failed.status().code() == StatusCode::kInvalidInput);
  REQUIRE(unknown.error_count() == 1);
  CHECK(unknown.items()[0].message == "row 3: unknown org 'B9'");
}

TEST_CASE("a snapshot that does not match the schema stops the load before any sorting is reported") {
  TempDir dir;
  Store store = std::move(Store::open(dir.path("c.db")).value());
  Schema schema = testing::league_schema();
  merge_committed(store, org_rows(schema, {{"R", "Root", "", "committee"}}));
  RecordSet members(*schema.find("members"));
  for (std::size_t c = 0; c < members.column_count(); ++c) {
    Column& column = members.column(c);
    if (c == 1) {
      column.append_text("B9");  // an unknown org: the builder would report it
    } else if (column.type() == ColumnType::kText || column.type() == ColumnType::kEnum) {
      column.append_text(c == 0 ? "M1" : "active");
    } else {
      column.append_null();
    }
  }
  merge_committed(store, members);
  merge_committed(store, study_rows(schema, {{"R", "2023-W10", 5}}));
  schema.record_sets[2].columns[1].type = ColumnType::kMonth;  // study.week, read after members
  Diagnostics diagnostics;
  Result<Dataset> dataset = store.load_dataset(schema, diagnostics);
  CHECK(dataset.status().code() == StatusCode::kInvalidInput);
  REQUIRE(diagnostics.error_count() == 1);
  CHECK(diagnostics.items()[0].message == "column 'study.week' is declared month but was imported as week");
}

TEST_CASE("a damaged snapshot is a store error naming the column") {
  TempDir dir;
  const Schema schema = testing::league_schema();
  {
    Store store = std::move(Store::open(dir.path("c.db")).value());
    merge_committed(store, org_rows(schema, {{"R", "Root", "", "committee"}}));
    merge_committed(store, study_rows(schema, {{"R", "2023-W10", 5}}));
  }
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(dir.path("c.db").c_str(), &db) == SQLITE_OK);
  REQUIRE(sqlite3_exec(
              db, "UPDATE column_snapshots SET data = x'0102' WHERE record_set = 'study' AND column = 'week'",
              nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
  Store store = std::move(Store::open(dir.path("c.db")).value());
  Diagnostics diagnostics;
  Result<Dataset> dataset = store.load_dataset(schema, diagnostics);
  CHECK(dataset.status().code() == StatusCode::kStoreError);
  CHECK(dataset.status().message() == "the snapshot of 'study.week' is damaged");
}

TEST_CASE("load_record_set reports a column whose type changed since the import") {
  TempDir dir;
  Store store = std::move(Store::open(dir.path("c.db")).value());
  Schema schema = testing::league_schema();
  merge_committed(store, study_rows(schema, {{"B1", "2023-W10", 5}}));
  schema.record_sets[2].columns[1].type = ColumnType::kMonth;
  Diagnostics diagnostics;
  Result<std::optional<RecordSet>> loaded = store.load_record_set(*schema.find("study"), diagnostics);
  CHECK_FALSE(loaded.is_ok());
  REQUIRE(diagnostics.error_count() == 1);
  CHECK(diagnostics.items()[0].message == "column 'study.week' is declared month but was imported as week");
  // And the store refuses to merge under the changed type.
  CHECK(store.ensure_record_set(*schema.find("study")).code() == StatusCode::kInvalidInput);
}

TEST_CASE("enum columns with codes keep the original text beside the canonical value") {
  TempDir dir;
  const std::string path = dir.path("c.db");
  Store store = std::move(Store::open(path).value());
  const Schema schema = testing::league_schema();
  RecordSet members(*schema.find("members"));
  members.column(0).append_text("M1");
  members.column(1).append_text("B1");
  members.column(2).append_text("张三");
  members.column(3).append_null();
  members.column(4).append_text("active");
  std::vector<std::vector<std::string>> raw(5);
  raw[4] = {"0"};
  merge_committed(store, members, raw);
  CHECK(scalar(path, "SELECT count(*) FROM rs_members WHERE status = 'active' AND status__raw = '0'") == 1);
}

TEST_CASE("rollback leaves the store as it was") {
  TempDir dir;
  Store store = std::move(Store::open(dir.path("c.db")).value());
  const Schema schema = testing::league_schema();
  merge_committed(store, study_rows(schema, {{"B1", "2023-W10", 5}}));
  REQUIRE(store.begin().is_ok());
  REQUIRE(store.merge(study_rows(schema, {{"B1", "2023-W10", 7}, {"B2", "2023-W10", 1}}), {}).is_ok());
  REQUIRE(store.add_batch(testing::study_batch("x.csv", "00", 2, 1)).is_ok());
  store.rollback();
  CHECK(*store.row_count("study") == 1);
  CHECK(store.batches()->empty());
}

TEST_CASE("find_batch finds a checksum only for the same record set") {
  TempDir dir;
  Store store = std::move(Store::open(dir.path("c.db")).value());
  Result<int64_t> id = store.add_batch(testing::study_batch("s.csv", "abc", 1, 0));
  REQUIRE(id.is_ok());
  CHECK(*store.find_batch("study", "abc") == std::optional<int64_t>(*id));
  CHECK_FALSE(store.find_batch("members", "abc")->has_value());
}

TEST_CASE("names outside [a-z][a-z0-9_]* are refused before any SQL runs") {
  CHECK(is_valid_store_name("study_2023"));
  CHECK_FALSE(is_valid_store_name("Study"));
  CHECK_FALSE(is_valid_store_name("x\"; DROP TABLE import_batches; --"));
  CHECK_FALSE(is_valid_store_name("status__raw"));
  TempDir dir;
  Store store = std::move(Store::open(dir.path("c.db")).value());
  RecordSetSchema bad;
  bad.name = "bad-name";
  bad.columns = {testing::column("a", ColumnType::kText)};
  CHECK(store.ensure_record_set(bad).code() == StatusCode::kInvalidInput);
}

TEST_CASE("load_dataset builds the dataset from the snapshots") {
  TempDir dir;
  Store store = std::move(Store::open(dir.path("c.db")).value());
  const Schema schema = testing::league_schema();
  merge_committed(store, org_rows(schema, {{"R", "Root", "", "committee"}, {"B2", "Two", "R", "branch"},
                                           {"B1", "One", "R", "branch"}}));
  merge_committed(store, study_rows(schema, {{"B2", "2023-W10", 5}, {"B1", "2023-W11", 4}, {"B1", "2023-W10", 3}}));
  Diagnostics diagnostics;
  Result<Dataset> dataset = store.load_dataset(schema, diagnostics);
  REQUIRE_MESSAGE(dataset.is_ok(), render_all(diagnostics));
  CHECK(dataset->tree().size() == 3);
  const RecordSet* study = dataset->find("study");
  REQUIRE(study != nullptr);
  REQUIRE(study->rows() == 3);
  // Sorted by (org pre-order, time): B1 W10, B1 W11, B2 W10.
  CHECK(study->column(0).text(0) == "B1");
  CHECK(study->column(2).integer(0) == 3);
  CHECK(study->column(2).integer(2) == 5);
  CHECK(dataset->find("members") != nullptr);
  CHECK(dataset->find("members")->rows() == 0);
}

}  // namespace
}  // namespace cadence

// Imports that never lose data (issue 22): event sets merge by key,
// snapshots close and version rows within the subtrees they cover, a dry run
// changes nothing, and a batch can be undone.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include "adapters/import/importer.h"
#include "adapters/import/replace.h"
#include "tests/adapters/store/test_support.h"

namespace cadence {
namespace {

using testing::TempDir;

// Two counties of two branches each.
constexpr const char* kOrgs =
    "id,name,parent_id,kind\n"
    "R,团市委,,committee\n"
    "C1,原州区团委,R,committee\n"
    "C2,西吉县团委,R,committee\n"
    "B1,一支部,C1,branch\n"
    "B2,二支部,C1,branch\n"
    "B3,三支部,C2,branch\n"
    "B4,四支部,C2,branch\n";

constexpr const char* kMembers =
    "id,org_id,name,status\n"
    "M1,B1,甲,active\n"
    "M2,B1,乙,active\n"
    "M3,B2,丙,active\n"
    "M4,B3,丁,active\n"
    "M5,B4,戊,active\n";

struct Fixture {
  TempDir dir;
  Schema schema = testing::league_schema();
  std::optional<Store> store{std::move(Store::open(dir.path("cadence.db")).value())};
  Diagnostics diagnostics;

  ImportReport import(const std::string& name, const std::string& text, ImportOptions options = {}) {
    dir.write(name, text);
    ImportReport report = import_files(*store, schema, {dir.path(name)}, options, diagnostics);
    REQUIRE_MESSAGE(report.exit_code == 0, render_all(diagnostics));
    return report;
  }
  std::string query(const std::string& sql) {
    return testing::query_rows(dir.path("cadence.db"), sql);
  }
  // Member id → branch, as of a day, from the versions.
  std::string members_as_of(const char* day) {
    Result<RecordSet> rows = store->load_versions_as_of(*schema.find("members"), Date::parse(day)->days());
    REQUIRE(rows.is_ok());
    std::vector<std::string> pairs;
    for (std::size_t row = 0; row < rows->rows(); ++row) {
      pairs.push_back(std::string(rows->column(0).text(row)) + ">" + std::string(rows->column(1).text(row)));
    }
    std::sort(pairs.begin(), pairs.end());
    std::string out;
    for (const std::string& pair : pairs) out += (out.empty() ? "" : " ") + pair;
    return out;
  }
};

ImportOptions as_of(const char* day, const char* under = "") {
  ImportOptions options;
  options.as_of = Date::parse(day);
  options.under = under;
  return options;
}

TEST_CASE("two counties' partial study files for the same week give the union") {
  Fixture f;
  f.import("orgs.csv", kOrgs, as_of("2023-01-01"));
  f.import("study_c1.csv", "org_id,week,learners\nB1,2023-W10,3\nB2,2023-W10,4\n");
  ImportReport second = f.import("study_c2.csv", "org_id,week,learners\nB3,2023-W10,5\nB4,2023-W10,6\n");
  CHECK(second.files[0].rows_added == 2);
  CHECK(second.files[0].rows_replaced == 0);
  CHECK(f.query("SELECT org_id, learners FROM rs_study ORDER BY org_id") == "B1|3\nB2|4\nB3|5\nB4|6\n");
  // A correction of one branch touches that branch only.
  ImportReport fix = f.import("study_b1.csv", "org_id,week,learners\nB1,2023-W10,7\n");
  CHECK(fix.files[0].rows_replaced == 1);
  CHECK(f.query("SELECT org_id, learners FROM rs_study ORDER BY org_id") == "B1|7\nB2|4\nB3|5\nB4|6\n");
}

TEST_CASE("a county members snapshot closes that county's missing members only") {
  Fixture f;
  f.import("orgs.csv", kOrgs, as_of("2023-01-01"));
  f.import("members.csv", kMembers, as_of("2023-01-01"));
  // County C1 three months later: M2 (B1) left, M3 (B2) is not listed either.
  ImportReport report = f.import("members_c1.csv", "id,org_id,name,status\nM1,B1,甲,active\n",
                                 as_of("2023-04-01", "C1"));
  CHECK(report.files[0].rows_unchanged == 1);
  CHECK(report.files[0].rows_closed == 2);
  CHECK(report.files[0].covered_roots == std::vector<std::string>{"C1"});
  CHECK(f.query("SELECT id FROM rs_members ORDER BY id") == "M1\nM4\nM5\n");
  // Closed, not deleted: their versions end at the export date.
  CHECK(f.query("SELECT id, date(valid_to * 86400, 'unixepoch') FROM rs_members__history WHERE valid_to IS NOT NULL "
                "ORDER BY id") == "M2|2023-04-01\nM3|2023-04-01\n");
  CHECK(f.members_as_of("2023-03-31") == "M1>B1 M2>B1 M3>B2 M4>B3 M5>B4");
  CHECK(f.members_as_of("2023-04-01") == "M1>B1 M4>B3 M5>B4");

  // Without --under a file covers the branches its rows belong to: B3's
  // file leaves B4 (same county) alone.
  ImportReport b3 = f.import("members_b3.csv", "id,org_id,name,status\nM6,B3,己,active\n", as_of("2023-05-01"));
  CHECK(b3.files[0].rows_closed == 1);  // M4
  CHECK(f.query("SELECT id FROM rs_members ORDER BY id") == "M1\nM5\nM6\n");
}

TEST_CASE("a member who moved branch is in the old branch before the move and in the new one after") {
  Fixture f;
  f.import("orgs.csv", kOrgs, as_of("2023-01-01"));
  f.import("members.csv", kMembers, as_of("2023-01-01"));
  ImportReport moved = f.import("members_b2.csv", "id,org_id,name,status\nM3,B2,丙,active\nM1,B2,甲,active\n",
                                as_of("2023-06-15"));
  CHECK(moved.files[0].rows_replaced == 1);
  CHECK(f.members_as_of("2023-06-14") == "M1>B1 M2>B1 M3>B2 M4>B3 M5>B4");
  CHECK(f.members_as_of("2023-06-15") == "M1>B2 M2>B1 M3>B2 M4>B3 M5>B4");
  // An older snapshot cannot be put after a newer one.
  f.dir.write("old.csv", "id,org_id,name,status\nM1,B1,甲,active\n");
  ImportReport old = import_files(*f.store, f.schema, {f.dir.path("old.csv")}, as_of("2023-02-01"), f.diagnostics);
  CHECK(old.exit_code == 2);
  CHECK(render_all(f.diagnostics).find("import snapshots in date order") != std::string::npos);
}

TEST_CASE("the export date comes from the file's export-date column before --as-of") {
  Fixture f;
  f.import("orgs.csv", kOrgs, as_of("2023-01-01"));
  ImportReport report = f.import("members.csv", "id,org_id,name,status,导出日期\nM1,B1,甲,active,2023/3/6\n",
                                 as_of("2023-01-01"));
  REQUIRE(report.files[0].as_of);
  CHECK(report.files[0].as_of->to_string() == "2023-03-06");
  CHECK(report.files[0].as_of_source == AsOfSource::kFileColumn);
  CHECK(format_import_report(report).find("snapshot as of 2023-03-06 (from the file's column '导出日期')") !=
        std::string::npos);
}

TEST_CASE("a dry run reports the changes and their first keys, and leaves the store file identical") {
  Fixture f;
  f.import("orgs.csv", kOrgs, as_of("2023-01-01"));
  f.import("members.csv", kMembers, as_of("2023-01-01"));
  f.import("study.csv", "org_id,week,learners\nB1,2023-W10,3\n");
  f.store.reset();  // closed: the file holds everything
  const std::string before = testing::read_text(f.dir.path("cadence.db"));
  f.store.emplace(std::move(Store::open(f.dir.path("cadence.db")).value()));
  ImportOptions options = as_of("2023-04-01", "C1");
  options.dry_run = true;
  options.sample_rows = 5;
  f.dir.write("members_c1.csv", "id,org_id,name,status\nM1,B2,甲,active\nM9,B1,庚,active\n");
  f.dir.write("study.csv", "org_id,week,learners\nB1,2023-W10,4\nB2,2023-W10,1\n");
  ImportReport report = import_files(*f.store, f.schema, {f.dir.path("members_c1.csv"), f.dir.path("study.csv")},
                                     options, f.diagnostics);
  REQUIRE_MESSAGE(report.exit_code == 0, render_all(f.diagnostics));
  CHECK(report.dry_run);
  CHECK_FALSE(report.stored);
  const std::string text = format_import_report(report);
  CHECK(text.find("would add: M9") != std::string::npos);
  CHECK(text.find("would update: M1") != std::string::npos);
  CHECK(text.find("would close: M2; M3") != std::string::npos);
  CHECK(text.find("would update: B1, 2023-W10") != std::string::npos);
  CHECK(text.find("dry run: nothing stored") != std::string::npos);
  f.store.reset();
  CHECK(testing::read_text(f.dir.path("cadence.db")) == before);
}

TEST_CASE("undo of the last and of an earlier batch restores the store and takes dependent batches along") {
  Fixture f;
  f.import("orgs.csv", kOrgs, as_of("2023-01-01"));                                        // batch 1
  f.import("members.csv", kMembers, as_of("2023-01-01"));                                  // batch 2
  f.import("study_a.csv", "org_id,week,learners\nB1,2023-W10,3\nB2,2023-W10,4\n");          // batch 3
  const std::string after_a = f.query("SELECT org_id, week, learners FROM rs_study ORDER BY rowid");
  const std::string snapshot_a = f.query("SELECT hex(data) FROM column_snapshots WHERE record_set = 'study'");
  f.import("study_b.csv", "org_id,week,learners\nB1,2023-W10,9\nB3,2023-W10,1\n");          // batch 4
  f.import("members_c1.csv", "id,org_id,name,status\nM1,B1,甲,active\n", as_of("2023-04-01", "C1"));  // batch 5

  // The last batch: the closed members are back.
  REQUIRE(f.store->begin().is_ok());
  Result<std::vector<int64_t>> last = f.store->undo_batch(5, f.schema);
  REQUIRE(last.is_ok());
  REQUIRE(f.store->commit().is_ok());
  CHECK(*last == std::vector<int64_t>{5});
  CHECK(f.query("SELECT id FROM rs_members ORDER BY id") == "M1\nM2\nM3\nM4\nM5\n");

  // An earlier batch: study_b changed a row study_a made, so undoing
  // study_a undoes study_b too.
  REQUIRE(f.store->begin().is_ok());
  Result<std::vector<int64_t>> earlier = f.store->undo_batch(3, f.schema);
  REQUIRE(earlier.is_ok());
  REQUIRE(f.store->commit().is_ok());
  CHECK(*earlier == std::vector<int64_t>{3, 4});
  CHECK(f.query("SELECT count(*) FROM rs_study") == "0\n");
  CHECK(f.query("SELECT count(*) FROM import_batches WHERE undone_at <> ''") == "3\n");

  // Undoing study_b alone (after importing both again) restores study_a's rows.
  f.import("study_a.csv", "org_id,week,learners\nB1,2023-W10,3\nB2,2023-W10,4\n");
  f.import("study_b.csv", "org_id,week,learners\nB1,2023-W10,9\nB3,2023-W10,1\n");
  const int64_t b = f.store->batches().value().back().id;
  REQUIRE(f.store->begin().is_ok());
  REQUIRE(f.store->undo_batch(b, f.schema).is_ok());
  REQUIRE(f.store->commit().is_ok());
  CHECK(f.query("SELECT org_id, week, learners FROM rs_study ORDER BY rowid") == after_a);
  CHECK(f.query("SELECT hex(data) FROM column_snapshots WHERE record_set = 'study'") == snapshot_a);
  // Undone twice is refused.
  REQUIRE(f.store->begin().is_ok());
  CHECK_FALSE(f.store->undo_batch(b, f.schema).is_ok());
  f.store->rollback();
}

TEST_CASE("--replace removes exactly the stated scope, says what, and can be undone") {
  Fixture f;
  f.import("orgs.csv", kOrgs, as_of("2023-01-01"));
  f.import("study.csv",
           "org_id,week,learners\nB1,2023-W10,3\nB2,2023-W10,4\nB3,2023-W10,5\nB1,2023-W11,6\n");
  ReplaceRequest request;
  request.record_set = "study";
  request.period = "2023-W10";
  request.under = "C1";
  request.dry_run = true;
  ReplaceReport dry = replace_rows(*f.store, f.schema, request, f.diagnostics);
  REQUIRE_MESSAGE(dry.exit_code == 0, render_all(f.diagnostics));
  CHECK(format_replace_report(dry) ==
        "dry run: would remove 2 rows of study, period 2023-W10, subtree of C1\n  B1, 2023-W10\n  B2, 2023-W10\n");
  CHECK(f.query("SELECT count(*) FROM rs_study") == "4\n");

  request.dry_run = false;
  ReplaceReport done = replace_rows(*f.store, f.schema, request, f.diagnostics);
  REQUIRE(done.exit_code == 0);
  CHECK(done.removed == 2);
  CHECK(f.query("SELECT org_id FROM rs_study ORDER BY org_id, week") == "B1\nB3\n");
  REQUIRE(f.store->begin().is_ok());
  REQUIRE(f.store->undo_batch(done.batch_id, f.schema).is_ok());
  REQUIRE(f.store->commit().is_ok());
  CHECK(f.query("SELECT count(*) FROM rs_study") == "4\n");

  request.under = "NOPE";
  CHECK(replace_rows(*f.store, f.schema, request, f.diagnostics).exit_code == 2);
  CHECK(render_all(f.diagnostics).find("--under NOPE: no such org in the store") != std::string::npos);
}

}  // namespace
}  // namespace cadence

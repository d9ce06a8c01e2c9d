#include "adapters/import/importer.h"

#include <doctest/doctest.h>
#include <sqlite3.h>

#include "engine/calendar/period.h"
#include "tests/adapters/store/test_support.h"

namespace cadence {
namespace {

using testing::TempDir;

constexpr const char* kOrgs =
    "id,name,parent_id,kind,secretary\n"
    "R,团市委,,committee,\n"
    "C1,原州区团委,R,committee,\n"
    "B1,一支部,C1,branch,张三\n"
    "B2,二支部,C1,branch,\n";

// A 智慧团建-style export: Chinese headers, a column the pack does not know,
// status codes and labels, lenient dates.
constexpr const char* kMembers =
    "团员编号,所在团支部,姓名,出生日期,团籍状态,联系电话\n"
    "M1,B1,甲,2000/3/1,0,1\n"
    "M2,B2,乙,2001年5月6日,正常,2\n"
    "M3,B1,丙,1999-01-02,满28周岁离团,3\n";

// Options that import every file as `record_set` ("" = as mapped).
ImportOptions forced_as(const char* record_set) {
  ImportOptions options;
  options.force_record_set = record_set;
  return options;
}

struct Fixture {
  TempDir dir;
  Schema schema = testing::league_schema();
  Store store = std::move(Store::open(dir.path("cadence.db")).value());
  Diagnostics diagnostics;

  ImportReport import(std::vector<std::string> files, ImportOptions options = {}) {
    for (std::string& file : files) file = dir.path(file);
    return import_files(store, schema, files, options, diagnostics);
  }
  // Diagnostics as the CLI prints them, with the temp directory removed.
  std::string problems() const {
    std::string text = render_all(diagnostics);
    const std::string prefix = dir.path("");
    for (std::size_t at = text.find(prefix); at != std::string::npos; at = text.find(prefix)) {
      text.erase(at, prefix.size());
    }
    return text;
  }
  std::string query_text(const std::string& sql) {
    return testing::query_rows(dir.path("cadence.db"), sql);
  }
};

TEST_CASE("orgs and a Chinese-header members export import, codes map and originals are kept") {
  Fixture f;
  f.dir.write("orgs.csv", kOrgs);
  f.dir.write("团员名单.csv", kMembers);  // no record set has this name: mapped by its header
  ImportReport report = f.import({"团员名单.csv", "orgs.csv"});
  REQUIRE_MESSAGE(report.exit_code == 0, f.problems());
  REQUIRE(report.files.size() == 2);
  CHECK(report.files[0].record_set == "orgs");  // orgs go first whatever the order given
  CHECK(report.files[1].record_set == "members");
  CHECK(report.files[1].rows_added == 3);
  CHECK(f.query_text("SELECT id, status, status__raw, birth_date FROM rs_members ORDER BY id") ==
        "M1|active|0|11017\nM2|active|正常|11448\nM3|left|满28周岁离团|10593\n");
}

TEST_CASE("typing problems name file, line and header, and nothing is stored") {
  Fixture f;
  f.dir.write("orgs.csv", kOrgs);
  REQUIRE(f.import({"orgs.csv"}).exit_code == 0);
  f.dir.write("members.csv",
              "团员编号,所在团支部,出生日期,团籍状态\n"
              "M1,B1,2023-02-30,0\n"
              ",B1,2000-01-01,0\n"
              "M3,B9,2000-01-01,0\n"
              "M1,B2,2000-01-01,0\n"
              "M5,C1,2000-01-01,0\n");
  f.dir.write("study.csv",
              "org_id,week,learners\n"
              "B1,2023-W53,3\n"
              "B2,2023-W10,-1\n"
              "B2,2023-W10,many\n");
  ImportReport report = f.import({"members.csv", "study.csv"});
  CHECK(report.exit_code == 2);
  CHECK_FALSE(report.stored);
  CHECK(f.problems() ==
        "members.csv:2: error: column '出生日期': '2023-02-30' is not a date\n"
        "members.csv:3: error: column '团员编号': missing value\n"
        "members.csv:4: error: column '所在团支部': unknown org 'B9'\n"
        "members.csv:5: error: column '团员编号': duplicate key (M1), first at line 2\n"
        "members.csv:6: error: column '所在团支部': org 'C1' is a committee; members belong to branches\n"
        "study.csv:2: error: column 'week': '2023-W53' is not an ISO week (like 2023-W10)\n"
        "study.csv:3: error: column 'learners': '-1' is below the minimum 0\n"
        "study.csv:4: error: column 'learners': 'many' is not an integer\n");
  CHECK(*f.store.row_count("members") == 0);
  CHECK(*f.store.row_count("study") == 0);
  CHECK(f.store.batches()->size() == 1);
}

TEST_CASE("an error in one file leaves the store byte-for-byte as it was") {
  Fixture f;
  f.dir.write("orgs.csv", kOrgs);
  f.dir.write("study.csv", "org_id,week,learners\nB1,2023-W10,3\nB2,2023-W10,4\n");
  REQUIRE(f.import({"orgs.csv", "study.csv"}).exit_code == 0);
  const std::string before = f.query_text("SELECT * FROM rs_study ORDER BY rowid") +
                             f.query_text("SELECT count(*) FROM import_batches") +
                             f.query_text("SELECT hex(data) FROM column_snapshots ORDER BY record_set, position");
  // A valid newer week in one file, an unknown org in another: all or nothing.
  f.dir.write("study_w11.csv", "org_id,week,learners\nB1,2023-W11,5\n");
  f.dir.write("study_w12.csv", "org_id,week,learners\nB7,2023-W12,5\n");
  ImportReport report = f.import({"study_w11.csv", "study_w12.csv"}, forced_as("study"));
  CHECK(report.exit_code == 2);
  CHECK(f.problems() == "study_w12.csv:2: error: column 'org_id': unknown org 'B7'\n");
  const std::string after = f.query_text("SELECT * FROM rs_study ORDER BY rowid") +
                            f.query_text("SELECT count(*) FROM import_batches") +
                            f.query_text("SELECT hex(data) FROM column_snapshots ORDER BY record_set, position");
  CHECK(after == before);
}

TEST_CASE("re-importing the same file changes nothing and says so") {
  Fixture f;
  f.dir.write("orgs.csv", kOrgs);
  REQUIRE(f.import({"orgs.csv"}).exit_code == 0);
  ImportReport again = f.import({"orgs.csv"});
  CHECK(again.exit_code == 0);
  REQUIRE(again.files.size() == 1);
  CHECK(again.files[0].already_imported_batch == std::optional<int64_t>(1));
  CHECK(format_import_report(again).find("already imported (batch 1)") != std::string::npos);
  CHECK(f.store.batches()->size() == 1);
  CHECK(*f.store.row_count("orgs") == 4);
}

TEST_CASE("a newer export replaces rows by key and the batch counts the changes") {
  Fixture f;
  f.dir.write("orgs.csv", kOrgs);
  f.dir.write("members.csv", kMembers);
  REQUIRE(f.import({"orgs.csv", "members.csv"}).exit_code == 0);
  f.dir.write("members.csv",
              "团员编号,所在团支部,姓名,出生日期,团籍状态\n"
              "M1,B1,甲,2000/3/1,0\n"
              "M2,B1,乙,2001年5月6日,正常\n"
              "M4,B2,丁,2002-02-02,0\n");
  ImportReport report = f.import({"members.csv"});
  REQUIRE_MESSAGE(report.exit_code == 0, f.problems());
  CHECK(report.files[0].rows_added == 1);
  CHECK(report.files[0].rows_replaced == 1);
  CHECK(report.files[0].rows_unchanged == 1);
  // M3 (B1) is not in this snapshot of B1: closed, no longer current.
  CHECK(report.files[0].rows_closed == 1);
  CHECK(*f.store.row_count("members") == 3);
  const std::vector<ImportBatch> batches = f.store.batches().value();
  CHECK(batches.back().rows_replaced == 1);
  CHECK(batches.back().rows_added == 1);
}

TEST_CASE("a newer study export replaces the rows of the branches and weeks it contains") {
  Fixture f;
  f.dir.write("orgs.csv", kOrgs);
  f.dir.write("study.csv", "org_id,week,learners\nB1,2023-W10,3\nB2,2023-W10,4\nB1,2023-W11,2\n");
  REQUIRE(f.import({"orgs.csv", "study.csv"}).exit_code == 0);
  f.dir.write("study.csv", "org_id,week,learners\nB1,2023-W11,5\nB2,2023-W11,1\n");
  ImportReport report = f.import({"study.csv"});
  REQUIRE(report.exit_code == 0);
  CHECK(report.files[0].rows_added == 1);
  CHECK(report.files[0].rows_replaced == 1);
  // Weeks are stored as Period ordinals.
  const std::string w10 = std::to_string(Period::parse("2023-W10")->ordinal());
  const std::string w11 = std::to_string(Period::parse("2023-W11")->ordinal());
  CHECK(f.query_text("SELECT org_id, week, learners FROM rs_study ORDER BY week, org_id") ==
        "B1|" + w10 + "|3\nB2|" + w10 + "|4\nB1|" + w11 + "|5\nB2|" + w11 + "|1\n");
}

TEST_CASE("skip-invalid stores the valid rows and writes the rejected ones with reasons") {
  Fixture f;
  f.dir.write("orgs.csv", kOrgs);
  f.dir.write("study.csv", "org_id,week,learners\nB1,2023-W10,3\nB9,2023-W10,4\nB2,2023-W10,x\nB2,2023-W11,1\n");
  ImportOptions options;
  options.skip_invalid = true;
  ImportReport report = f.import({"orgs.csv", "study.csv"}, options);
  REQUIRE_MESSAGE(report.exit_code == 0, f.problems());
  CHECK_FALSE(f.diagnostics.has_errors());
  CHECK(f.diagnostics.warning_count() == 2);
  CHECK(*f.store.row_count("study") == 2);
  const FileImport& study = report.files[1];
  CHECK(study.rows_rejected == 2);
  CHECK(study.rejects_file == f.dir.path("study.rejects.csv"));
  CHECK(testing::read_text(study.rejects_file) ==
        "org_id,week,learners,reasons\n"
        "B9,2023-W10,4,column 'org_id': unknown org 'B9'\n"
        "B2,2023-W10,x,column 'learners': 'x' is not an integer\n");
  CHECK(f.store.batches()->back().rows_rejected == 2);
  // The rejects file is never picked up as input when importing the folder.
  ImportReport folder = f.import({""}, options);
  CHECK(folder.files.size() == 2);
}

TEST_CASE("the org tree is checked over stored and imported orgs") {
  Fixture f;
  f.dir.write("orgs.csv", kOrgs);
  REQUIRE(f.import({"orgs.csv"}).exit_code == 0);
  f.dir.write("orgs_update.csv", "id,name,parent_id,kind\nC1,原州区团委,B1,committee\nX1,孤儿,NOPE,branch\n");
  ImportReport report = f.import({"orgs_update.csv"}, forced_as("orgs"));
  CHECK(report.exit_code == 2);
  const std::string problems = f.problems();
  CHECK(problems.find("NOPE") != std::string::npos);
  CHECK(problems.find("cycle") != std::string::npos);
  CHECK(*f.store.row_count("orgs") == 4);
}

TEST_CASE("transfers must name known members and orgs") {
  Fixture f;
  f.dir.write("orgs.csv", kOrgs);
  f.dir.write("members.csv", kMembers);
  f.dir.write("transfers.csv", "member_id,from_org,to_org,requested_on\nM1,B1,B2,2023-06-01\nM9,B1,Q1,2023-06-01\n");
  ImportReport report = f.import({"transfers.csv", "members.csv", "orgs.csv"});
  CHECK(report.exit_code == 2);
  CHECK(f.problems() ==
        "members.csv:1: warning: record set 'members' has no column for the header cell '联系电话': its values are not imported.\n"
        "transfers.csv:3: error: column 'to_org': unknown org 'Q1'\n"
        "transfers.csv:3: error: column 'member_id': unknown member 'M9'\n");
}

TEST_CASE("a file whose name and header fit no record set is an error") {
  Fixture f;
  f.dir.write("mystery.csv", "a,b\n1,2\n");
  ImportReport report = f.import({"mystery.csv"});
  CHECK(report.exit_code == 2);
  CHECK(f.problems().find("mystery.csv:1: error: cannot tell which record set") == 0);
}

TEST_CASE("the report says what happened per file") {
  Fixture f;
  f.dir.write("orgs.csv", "2023年组织名单\nid,name,parent_id,kind\nR,团市委,,committee\nB1,一支部,R,branch\n合计：2\n");
  ImportOptions options;
  options.as_of = Date::parse("2023-03-06");
  ImportReport report = f.import({"orgs.csv"}, options);
  REQUIRE_MESSAGE(report.exit_code == 0, f.problems());
  CHECK(format_import_report(report) ==
        f.dir.path("orgs.csv") + " → orgs (UTF-8, 1 title row skipped, 1 footer row skipped)\n"
                                 "  2 rows: 2 added, 0 updated, 0 unchanged, 0 rejected\n"
                                 "  snapshot as of 2023-03-06 (from --as-of)\n"
                                 "  footer row skipped, line 5: 合计：2 (not a valid row: column 'name': missing value)\n");
}

// Issue 29: "2023-W31,,," as the last row of episodes was skipped as "1
// footer row". A row that validates against the schema is data.
TEST_CASE("a last row that looks like a footer but is a valid row is kept, and a real footer is skipped and said why") {
  Fixture f;
  RecordSetSchema episodes;
  episodes.name = "episodes";
  episodes.time_column = "week";
  episodes.columns = {testing::column("week", ColumnType::kWeek, true), testing::column("title", ColumnType::kText),
                      testing::column("note", ColumnType::kText), testing::column("link", ColumnType::kText)};
  f.schema.record_sets.push_back(episodes);
  f.dir.write("episodes.csv", "week,title,note,link\n2023-W30,第30期,,\n2023-W31,,,\n");
  ImportReport kept = f.import({"episodes.csv"});
  REQUIRE_MESSAGE(kept.exit_code == 0, f.problems());
  CHECK(kept.files[0].skipped_footer_rows == 0);
  CHECK(kept.files[0].rows_added == 2);
  CHECK(*f.store.row_count("episodes") == 2);

  f.dir.write("episodes.csv", "week,title,note,link\n2023-W32,第32期,,\n2023-W33,,,\n合计：2期,,,\n");
  ImportReport footer = f.import({"episodes.csv"});
  REQUIRE_MESSAGE(footer.exit_code == 0, f.problems());
  CHECK(footer.files[0].rows_added == 2);
  REQUIRE(footer.files[0].skipped_footers.size() == 1);
  CHECK(footer.files[0].skipped_footers[0].line == 4);
  CHECK(footer.files[0].skipped_footers[0].problem ==
        "column 'week': '合计：2期' is not an ISO week (like 2023-W10)");
  CHECK(*f.store.row_count("episodes") == 4);
}

// Issue 29: a transfers row with an empty requested_on (the set's time
// column, by which a keyless set is replaced) was stored again at every
// re-import. An empty time cell is matched as equal: it is replaced like
// any period. (Keyed sets refuse empty key cells: "missing value".)
TEST_CASE("re-importing a transfers row with an empty requested_on three times stores it once") {
  Fixture f;
  f.dir.write("orgs.csv", kOrgs);
  f.dir.write("members.csv", kMembers);
  REQUIRE(f.import({"orgs.csv", "members.csv"}).exit_code == 0);
  const std::string header = "member_id,from_org,to_org,requested_on\n";
  const std::string undated = "M1,B1,B2,\n";
  // Three exports that differ elsewhere, so none is skipped as already imported.
  const std::vector<std::string> exports = {header + undated, header + undated + "M2,B2,B1,2023-06-01\n",
                                            header + "M2,B2,B1,2023-06-02\n" + undated};
  for (std::size_t round = 0; round < exports.size(); ++round) {
    CAPTURE(round);
    f.dir.write("transfers.csv", exports[round]);
    ImportReport report = f.import({"transfers.csv"});
    REQUIRE_MESSAGE(report.exit_code == 0, f.problems());
    CHECK(report.files[0].already_imported_batch == std::nullopt);
    if (round > 0) CHECK(report.files[0].rows_unchanged == 1);
    CHECK(f.query_text("SELECT count(*) FROM rs_transfers WHERE requested_on IS NULL") == "1\n");
  }
  CHECK(f.query_text("SELECT count(*) FROM rs_transfers") == "3\n");
}

TEST_CASE("an encoding named with --encoding reads a file detection refuses") {
  Fixture f;
  f.dir.write("orgs.csv", "id,name,parent_id,kind\nR,Comit\xE9 municipal,,committee\n");
  CHECK(f.import({"orgs.csv"}).exit_code == 2);
  CHECK(f.problems().find("orgs.csv:2:8: error: not valid UTF-8: byte 0xE9") == 0);
  f.diagnostics = Diagnostics();
  ImportOptions latin1;
  latin1.encoding = EncodingChoice::kLatin1;
  ImportReport report = f.import({"orgs.csv"}, latin1);
  REQUIRE_MESSAGE(report.exit_code == 0, f.problems());
  CHECK(report.files[0].encoding == "ISO-8859-1");
  CHECK(f.query_text("SELECT name FROM rs_orgs") == "Comité municipal\n");
}

// Issue 29: "O0000037,2023-W30,1,005" under a three-column header stored
// learners = 1 and dropped 005.
TEST_CASE("a row wider than its header is an error at the first extra cell, or a rejected row") {
  Fixture f;
  f.dir.write("orgs.csv", kOrgs);
  f.dir.write("study.csv", "org_id,week,learners\nB1,2023-W30,1\nB2,2023-W30,1,005\n");
  ImportReport report = f.import({"orgs.csv", "study.csv"});
  CHECK(report.exit_code == 2);
  CHECK(f.problems() ==
        "study.csv:3:15: error: the row has a value beyond its header's 3 columns: cell 4 '005' has no column (it "
        "would be dropped)\n");
  CHECK(f.query_text("SELECT count(*) FROM sqlite_master WHERE name = 'rs_study'") == "0\n");
}

// The snapshot of a set imported into an empty table is written from the
// typed rows in memory: it must be the one rebuild_snapshot reads back from
// the table, byte for byte (dictionaries, null masks and all).
TEST_CASE("a first import writes the snapshot the rows themselves would give") {
  Fixture f;
  f.dir.write("orgs.csv", kOrgs);
  f.dir.write("members.csv", kMembers);
  // More rows than one INSERT statement holds, with repeats and nulls.
  std::string study = "org_id,week,learners\n";
  for (int row = 0; row < 700; ++row) {
    study += std::string(row % 3 == 0 ? "B1" : "B2") + ",2023-W" + std::to_string(row % 50 + 1) + "," +
             std::to_string(row % 7) + "\n";
  }
  f.dir.write("study.csv", study);
  ImportReport report = f.import({"orgs.csv", "members.csv", "study.csv"});
  REQUIRE_MESSAGE(report.exit_code == 0, f.problems());
  CHECK(*f.store.row_count("study") == 700);
  const std::string snapshots = "SELECT record_set, position, rows, hex(data), hex(nulls), hex(dictionary) "
                                "FROM column_snapshots ORDER BY record_set, position";
  const std::string written = f.query_text(snapshots);
  CHECK(written.find("members|4|3|") != std::string::npos);  // status, 3 rows
  REQUIRE(f.store.begin().is_ok());
  for (const char* name : {"orgs", "members", "study"}) {
    REQUIRE(f.store.rebuild_snapshot(*f.schema.find(name)).is_ok());
  }
  REQUIRE(f.store.commit().is_ok());
  CHECK(f.query_text(snapshots) == written);
}

TEST_CASE("two files of one record set in one command: the second merges into the first") {
  Fixture f;
  f.dir.write("orgs.csv", kOrgs);
  f.dir.write("study_a.csv", "org_id,week,learners\nB1,2023-W10,3\nB2,2023-W10,4\n");
  f.dir.write("study_b.csv", "org_id,week,learners\nB1,2023-W10,5\nB1,2023-W11,1\n");
  ImportReport report = f.import({"orgs.csv", "study_a.csv", "study_b.csv"}, forced_as(""));
  REQUIRE_MESSAGE(report.exit_code == 0, f.problems());
  REQUIRE(report.files.size() == 3);
  CHECK(report.files[1].rows_added == 2);
  CHECK(report.files[2].rows_added == 1);
  CHECK(report.files[2].rows_replaced == 1);  // study_b's B1 W10 replaced study_a's; B2 W10 stays
  const std::string w11 = std::to_string(Period::parse("2023-W11")->ordinal());
  CHECK(f.query_text("SELECT org_id, week, learners FROM rs_study ORDER BY rowid").find("B1|" + w11 + "|1") !=
        std::string::npos);
  Diagnostics load;
  Result<std::optional<RecordSet>> loaded = f.store.load_record_set(*f.schema.find("study"), load);
  REQUIRE(loaded.is_ok());
  CHECK((*loaded)->rows() == 3);
}

TEST_CASE("rows stored ahead of a later file's error are rolled back with everything else") {
  Fixture f;
  f.dir.write("orgs.csv", kOrgs);
  REQUIRE(f.import({"orgs.csv"}).exit_code == 0);
  const std::string before = f.query_text("SELECT count(*) FROM import_batches") +
                             f.query_text("SELECT hex(data) FROM column_snapshots ORDER BY record_set, position");
  // members.csv types cleanly and is stored ahead; transfers.csv (after it)
  // names an unknown member: nothing of either may stay.
  f.dir.write("members.csv", kMembers);
  f.dir.write("transfers.csv", "member_id,from_org,to_org,requested_on\nM7,B1,B2,2023-06-01\n");
  ImportReport report = f.import({"members.csv", "transfers.csv"});
  CHECK(report.exit_code == 2);
  CHECK(f.problems() ==
        "members.csv:1: warning: record set 'members' has no column for the header cell '联系电话': its values are not imported.\n"
        "transfers.csv:2: error: column 'member_id': unknown member 'M7'\n");
  CHECK(*f.store.row_count("members") == 0);
  CHECK(*f.store.row_count("transfers") == 0);
  CHECK(f.query_text("SELECT count(*) FROM import_batches") +
            f.query_text("SELECT hex(data) FROM column_snapshots ORDER BY record_set, position") ==
        before);
  // The same files once the member exists: stored. Events are stored as
  // they are read, snapshots (members) after the checks across files.
  f.dir.write("transfers.csv", "member_id,from_org,to_org,requested_on\nM1,B1,B2,2023-06-01\n");
  ImportReport fixed = f.import({"transfers.csv", "members.csv"});
  REQUIRE_MESSAGE(fixed.exit_code == 0, f.problems());
  CHECK(f.query_text("SELECT id, record_set FROM import_batches ORDER BY id") ==
        "1|orgs\n2|transfers\n3|members\n");
}

}  // namespace
}  // namespace cadence

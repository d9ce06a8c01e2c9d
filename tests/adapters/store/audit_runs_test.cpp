// Store::save_audit_run, audit_runs and run_findings (adapters/store/audit_runs.cpp),
// and migration 6, which turned the findings rows of older stores into one
// blob per run.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <filesystem>
#include <string>
#include <vector>

#include "adapters/store/migrations.h"
#include "adapters/store/store.h"
#include "tests/adapters/store/store_probes.h"
#include "tests/adapters/store/test_support.h"

namespace cadence {
namespace {

using testing::describe;
using testing::scalar;
using testing::TempDir;

StoredFinding finding(std::string rule, std::string org, std::string period, std::string message) {
  return testing::stored_finding(std::move(rule), std::move(org), std::move(period), std::move(message), 250000,
                                 3500000, "3");
}

std::string read_findings(Store& store, int64_t run) {
  auto findings = store.run_findings(run);
  REQUIRE_MESSAGE(findings.is_ok(), findings.status().message());
  return describe(*findings);
}

void exec(sqlite3* db, const std::string& sql) {
  char* error = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
  const std::string message = error ? error : "";
  sqlite3_free(error);
  REQUIRE_MESSAGE(rc == SQLITE_OK, message);
}

AuditRun run_of(std::string periods) {
  AuditRun run;
  run.pack_id = "bench";
  run.pack_version = "1";
  run.pack_checksum = "ab";
  run.periods = std::move(periods);
  run.started_at = "2023-03-06T08:00:00Z";
  return run;
}

TEST_CASE("a saved run's findings read back ordered by rule, org and period") {
  TempDir dir;
  Store store = std::move(Store::open(dir.path("c.db")).value());
  StoredFinding rate =
      finding("study.weekly_rate", "O2", "2023-W10", "清河镇团支部 参学率 25.0%（1/4），低于 60%");
  rate.numerator = 1;
  rate.denominator = 4;
  const std::vector<StoredFinding> first = {rate, finding("org.small", "O2", "2023", "small"),
                                            finding("org.small", "O10", "2023", "")};
  auto one = store.save_audit_run(run_of("2023-W10,2023"), first);
  REQUIRE(one.is_ok());
  auto two = store.save_audit_run(run_of("2023-W11"), std::vector<StoredFinding>());
  REQUIRE(two.is_ok());
  CHECK(*two == *one + 1);

  CHECK(
      read_findings(store, *one) ==
      "org.small|O10|2023|fail|250000|3500000|-/-|3|\n"
      "org.small|O2|2023|fail|250000|3500000|-/-|3|small\n"
      "study.weekly_rate|O2|2023-W10|fail|250000|3500000|1/4|3|清河镇团支部 参学率 25.0%（1/4），低于 60%\n");
  CHECK(read_findings(store, *two).empty());
  // A run id never recorded has no findings (explain --run says so).
  CHECK(read_findings(store, 99).empty());
  auto runs = store.audit_runs();
  REQUIRE(runs.is_ok());
  REQUIRE(runs->size() == 2);
  CHECK(runs->front().finding_count == 3);
  CHECK(runs->back().finding_count == 0);
  // One row per run, whatever its number of findings.
  CHECK(scalar(dir.path("c.db"), "SELECT count(*) FROM run_findings") == 2);
}

// A store at `path` holding one run of one finding, then `sql` run on the
// file directly (what a damaged or hand-edited store looks like).
void store_with_one_run(const std::string& path, const std::string& sql) {
  {
    Store store = std::move(Store::open(path).value());
    REQUIRE(store.save_audit_run(run_of("2023"), {finding("r", "O1", "2023", "m")}).is_ok());
  }
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  exec(db, sql);
  sqlite3_close(db);
}

// The audit's way (audit_command.cpp): read in one read transaction, record
// the run with the batches read.
Result<int64_t> save_as_audit(Store& store, const std::vector<StoredFinding>& findings) {
  AuditRun run = run_of("2023-W10");
  auto batches = store.batches();
  REQUIRE(batches.is_ok());
  run.batches = batch_ids(*batches);
  return store.save_audit_run(run, findings);
}

ImportBatch batch_of(const char* sha256) { return testing::study_batch("s.csv", sha256, 1, 0); }

TEST_CASE("a run read and saved in one read transaction is recorded when nothing changed") {
  TempDir dir;
  Store store = std::move(Store::open(dir.path("c.db")).value());
  REQUIRE(store.add_batch(batch_of("a")).is_ok());
  REQUIRE(store.begin_read().is_ok());
  auto id = save_as_audit(store, {finding("r", "O1", "2023-W10", "m")});
  REQUIRE_MESSAGE(id.is_ok(), id.status().message());
  CHECK_FALSE(store.in_transaction());
  auto runs = store.audit_runs();
  REQUIRE(runs.is_ok());
  REQUIRE(runs->size() == 1);
  CHECK(runs->front().batches == "1");
}

TEST_CASE("an import committed during the read transaction: the run is recorded with the batches it read") {
  TempDir dir;
  Store audit = std::move(Store::open(dir.path("c.db")).value());
  Store import = std::move(Store::open(dir.path("c.db")).value());
  REQUIRE(import.add_batch(batch_of("a")).is_ok());
  REQUIRE(audit.begin_read().is_ok());
  auto read = audit.batches();  // the snapshot is taken by begin_read
  REQUIRE(import.begin().is_ok());
  REQUIRE(import.add_batch(batch_of("b")).is_ok());
  REQUIRE(import.commit().is_ok());
  REQUIRE(read.is_ok());
  CHECK(batch_ids(*read) == "1");
  CHECK(batch_ids(*audit.batches()) == "1");  // still the snapshot
  auto id = save_as_audit(audit, {finding("r", "O1", "2023-W10", "m")});
  REQUIRE_MESSAGE(id.is_ok(), id.status().message());
  CHECK_FALSE(audit.in_transaction());
  auto runs = audit.audit_runs();
  REQUIRE(runs.is_ok());
  REQUIRE(runs->size() == 1);
  CHECK(runs->front().batches == "1");  // not "1,2": batch 2 was not read
}

TEST_CASE("another run committed during the read transaction does not change the provenance: recorded") {
  TempDir dir;
  Store first = std::move(Store::open(dir.path("c.db")).value());
  Store second = std::move(Store::open(dir.path("c.db")).value());
  REQUIRE(first.add_batch(batch_of("a")).is_ok());
  REQUIRE(first.begin_read().is_ok());
  REQUIRE(second.begin_read().is_ok());
  REQUIRE(save_as_audit(second, {finding("r", "O2", "2023-W10", "m")}).is_ok());
  // first's snapshot is now stale (SQLITE_BUSY_SNAPSHOT on upgrade), but the
  // batches are those it read.
  auto id = save_as_audit(first, {finding("r", "O1", "2023-W10", "m")});
  REQUIRE_MESSAGE(id.is_ok(), id.status().message());
  CHECK(*id == 2);
  CHECK(read_findings(first, 2).find("O1") != std::string::npos);
}

TEST_CASE("a store opened read-only is read but never written, and a missing one is not created") {
  TempDir dir;
  {
    Store store = std::move(Store::open(dir.path("c.db")).value());
    REQUIRE(store.save_audit_run(run_of("2023-W10"), {finding("r", "O1", "2023-W10", "m")}).is_ok());
  }
  auto store = Store::open(dir.path("c.db"), StoreAccess::kReadOnly);
  REQUIRE_MESSAGE(store.is_ok(), store.status().message());
  CHECK(store->audit_runs()->size() == 1);
  CHECK(read_findings(*store, 1).find("O1") != std::string::npos);
  CHECK_FALSE(store->begin().is_ok());
  CHECK_FALSE(store->save_audit_run(run_of("2023-W11"), std::vector<StoredFinding>{}).is_ok());
  CHECK_FALSE(store->in_transaction());
  auto missing = Store::open(dir.path("missing.db"), StoreAccess::kReadOnly);
  REQUIRE_FALSE(missing.is_ok());
  CHECK(missing.status().message().find("no store at") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir.path("missing.db")));
}

TEST_CASE("a damaged findings blob is an error naming the run") {
  TempDir dir;
  const std::string path = dir.path("c.db");
  store_with_one_run(path, "UPDATE run_findings SET findings = substr(findings, 1, 12) WHERE run_id = 1");
  Store store = std::move(Store::open(path).value());
  auto findings = store.run_findings(1);
  REQUIRE_FALSE(findings.is_ok());
  CHECK(findings.status().code() == StatusCode::kStoreError);
  CHECK(findings.status().message().starts_with("the findings of run 1: damaged findings blob (12 bytes): "));
}

TEST_CASE("migration 6 turns the findings rows of older stores into blobs and loses none") {
  TempDir dir;
  const std::string path = dir.path("old.db");
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  for (int version = 1; version <= 5; ++version) {
    exec(db, std::string(store::migrations()[static_cast<std::size_t>(version - 1)].script));
  }
  // Three runs as a cadence at schema 5 recorded them: the rows in the
  // evaluator's order, not sorted; run 2 had no findings.
  exec(db,
       "INSERT INTO audit_runs(id, pack_sha256, periods, started_at, pack_id, pack_version, as_of, batches, "
       "finding_count) VALUES (1, 'ab', '2023-W10', 't1', 'bench', '1', NULL, '1', 3), "
       "(2, 'ab', '2023-W11', 't2', 'bench', '1', '2023-03-20', '1,2', 0), "
       "(3, 'ab', '2023-W10', 't3', 'bench', '1', NULL, '1,2', 2);");
  exec(db,
       "INSERT INTO findings(run_id, rule, org_id, period, status, value, score, value_micros, score_micros, "
       "numerator, denominator, gap, message) VALUES "
       "(1, 'study.weekly_rate', 'O9', '2023-W10', 'fail', 0.5, 2.3, 500000, 2333333, 9, 18, '2', "
       "'庙寨村团支部 参学率 50.0%（9/18），低于 60%'), "
       "(1, 'org.small', 'O10', '2023', 'warn', 2, 1, 2000000, 1000000, NULL, NULL, '1', 'small'), "
       "(1, 'study.weekly_rate', 'O10', '2023-W10', 'fail', 0, 3, 0, 3000000, 0, 7, '5', ''), "
       "(3, 'study.weekly_rate', 'O9', '2023-W10', 'fail', 0.25, 2.7, 250000, 2666667, 3, NULL, '4', "
       "'later'), "
       "(3, 'org.small', 'O10', '2023', 'warn', -1, 1, -1000000, 1000000, NULL, NULL, '', 'small');"
       "PRAGMA user_version = 5;");
  sqlite3_close(db);

  Store store = std::move(Store::open(path).value());
  CHECK(*store.schema_version() == store::latest_schema_version());
  CHECK(read_findings(store, 1) ==
        "org.small|O10|2023|warn|2000000|1000000|-/-|1|small\n"
        "study.weekly_rate|O10|2023-W10|fail|0|3000000|0/7|5|\n"
        "study.weekly_rate|O9|2023-W10|fail|500000|2333333|9/18|2|庙寨村团支部 参学率 50.0%（9/18），低于 "
        "60%\n");
  CHECK(read_findings(store, 2).empty());
  CHECK(read_findings(store, 3) ==
        "org.small|O10|2023|warn|-1000000|1000000|-/-||small\n"
        "study.weekly_rate|O9|2023-W10|fail|250000|2666667|3/-|4|later\n");
  auto runs = store.audit_runs();
  REQUIRE(runs.is_ok());
  REQUIRE(runs->size() == 3);
  CHECK(runs->at(1).as_of == "2023-03-20");
  CHECK(runs->at(1).batches == "1,2");
  CHECK(scalar(path, "SELECT count(*) FROM run_findings") == 3);
  CHECK(scalar(path, "SELECT count(*) FROM sqlite_schema WHERE name = 'findings'") == 0);
  CHECK(*store.integrity_check() == "ok");
  // The store records on as before.
  auto next = store.save_audit_run(run_of("2023-W12"), {finding("r", "O1", "2023-W12", "m")});
  REQUIRE(next.is_ok());
  CHECK(*next == 4);
}

TEST_CASE("deleting a run deletes its findings blob") {
  TempDir dir;
  const std::string path = dir.path("c.db");
  store_with_one_run(path, "PRAGMA foreign_keys = ON; DELETE FROM audit_runs WHERE id = 1;");
  CHECK(scalar(path, "SELECT count(*) FROM run_findings") == 0);
}

}  // namespace
}  // namespace cadence

// The migration list (adapters/store/migrations.cpp) and how Store::open
// applies it: numbered, each with its version bump in one transaction, and
// migration 7, which made audit_runs.pack_sha256 a real SHA-256.
#include "adapters/store/migrations.h"

#include <doctest/doctest.h>
#include <sqlite3.h>

#include <string>

#include "adapters/store/store.h"
#include "tests/adapters/store/store_probes.h"
#include "tests/adapters/store/test_support.h"

namespace cadence {
namespace {

using testing::scalar;
using testing::TempDir;

void exec(sqlite3* db, const std::string& sql) {
  char* error = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
  const std::string message = error ? error : "";
  sqlite3_free(error);
  REQUIRE_MESSAGE(rc == SQLITE_OK, message);
}

// A database as a cadence at schema `version` left it: migrations 1 ..
// version applied, conversions included, then `rows`.
void make_store_at(const std::string& path, int version, const std::string& rows) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  for (int applied = 1; applied <= version; ++applied) {
    const store::Migration& migration = store::migrations()[static_cast<std::size_t>(applied - 1)];
    exec(db, std::string(migration.script));
    if (migration.convert != nullptr) REQUIRE(migration.convert(db).is_ok());
  }
  exec(db, rows + "PRAGMA user_version = " + std::to_string(version) + ";");
  sqlite3_close(db);
}

std::string text(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  sqlite3_stmt* statement = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(statement) == SQLITE_ROW);
  const auto* value = sqlite3_column_text(statement, 0);
  std::string out = value == nullptr ? "NULL" : reinterpret_cast<const char*>(value);
  sqlite3_finalize(statement);
  sqlite3_close(db);
  return out;
}

const std::string kTwoOldRuns =
    "INSERT INTO audit_runs(id, pack_sha256, periods, started_at, pack_id, pack_version, batches) VALUES "
    "(1, '9f3c0a1b2c3d4e5f', '2023-W10', 't1', 'bench', '1', '1'), "
    "(2, '0123456789abcdef', '2023-W11', 't2', 'bench', '1', '1');";

TEST_CASE("the schema version is the number of migrations, and each has a script") {
  CHECK(store::latest_schema_version() == static_cast<int>(store::migrations().size()));
  CHECK(store::latest_schema_version() >= 7);
  for (const store::Migration& migration : store::migrations()) CHECK(!migration.script.empty());
}

TEST_CASE("a new store has every migration applied") {
  TempDir dir;
  Store store = std::move(Store::open(dir.path("new.db")).value());
  CHECK(*store.schema_version() == store::latest_schema_version());
  CHECK(scalar(dir.path("new.db"), "SELECT count(*) FROM pragma_table_info('audit_runs') "
                                   "WHERE name = 'legacy_pack_fnv1a'") == 1);
}

TEST_CASE("migration 7 keeps an old run's FNV-1a checksum as legacy and leaves pack_sha256 unknown") {
  TempDir dir;
  const std::string path = dir.path("old.db");
  make_store_at(path, 6, kTwoOldRuns);

  Store store = std::move(Store::open(path).value());
  CHECK(*store.schema_version() == store::latest_schema_version());
  CHECK(text(path, "SELECT legacy_pack_fnv1a FROM audit_runs WHERE id = 1") == "9f3c0a1b2c3d4e5f");
  CHECK(text(path, "SELECT legacy_pack_fnv1a FROM audit_runs WHERE id = 2") == "0123456789abcdef");
  auto runs = store.audit_runs();
  REQUIRE(runs.is_ok());
  REQUIRE(runs->size() == 2);
  CHECK(runs->at(0).pack_checksum.empty());
  CHECK(runs->at(1).pack_checksum.empty());
  CHECK(runs->at(1).periods == "2023-W11");

  // A run recorded from now on keeps its SHA-256 and has no legacy checksum.
  AuditRun run;
  run.pack_id = "bench";
  run.pack_checksum = std::string(64, 'e');
  run.periods = "2023-W12";
  run.started_at = "t3";
  auto id = store.save_audit_run(run, std::vector<StoredFinding>{});
  REQUIRE(id.is_ok());
  CHECK(text(path, "SELECT pack_sha256 FROM audit_runs WHERE id = 3") == std::string(64, 'e'));
  CHECK(text(path, "SELECT legacy_pack_fnv1a FROM audit_runs WHERE id = 3") == "NULL");
}

TEST_CASE("a migration that fails leaves the store at the version before it, its rows untouched") {
  TempDir dir;
  const std::string path = dir.path("clash.db");
  // A column migration 7 adds exists already, so its ALTER TABLE fails.
  make_store_at(path, 6, kTwoOldRuns + "ALTER TABLE audit_runs ADD COLUMN legacy_pack_fnv1a TEXT;");
  auto store = Store::open(path);
  REQUIRE_FALSE(store.is_ok());
  CHECK(store.status().message().starts_with("migration 7 failed: "));
  CHECK(scalar(path, "PRAGMA user_version") == 6);
  CHECK(text(path, "SELECT pack_sha256 FROM audit_runs WHERE id = 1") == "9f3c0a1b2c3d4e5f");
}

}  // namespace
}  // namespace cadence

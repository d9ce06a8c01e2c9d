// A crash in the middle of an import (kill -9) leaves the store exactly as it
// was: the child process imports a large study export; once its transaction
// is open and full of rows (it reports "rebuilding the snapshot", the last
// step before COMMIT), the parent kills it with SIGKILL after a short random
// delay, then checks that the database is sound and holds the previous rows.
#include <doctest/doctest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sqlite3.h>

#include <algorithm>
#include <random>
#include <string>

#include "adapters/import/importer.h"
#include "tests/adapters/store/test_support.h"

namespace cadence {
namespace {

using testing::TempDir;

constexpr int kBranches = 2000;
// Large enough that the open transaction spills pages into the WAL (the page
// cache holds ~2 MB), small enough for a sanitizer build.
constexpr int kStudyRows = 600'000;
constexpr int kMaxTries = 8;

std::string large_study_export() {
  std::string text = "org_id,week,learners\n";
  text.reserve(static_cast<std::size_t>(kStudyRows) * 20);
  for (int row = 0; row < kStudyRows; ++row) {
    const int week = (row / kBranches) % 52 + 1;
    text += "B" + std::to_string(row % kBranches) + ",2023-W" + (week < 10 ? "0" : "") + std::to_string(week) + "," +
            std::to_string(row % 50) + "\n";
  }
  return text;
}

struct Counts {
  int64_t study = 0;
  std::size_t batches = 0;
  // The history tables and the undo marks follow the rows: all or nothing.
  int64_t versions = 0;
  int64_t open_versions = 0;
  std::size_t undone = 0;
  friend bool operator==(const Counts&, const Counts&) = default;
};

int64_t scalar(const std::string& db, const std::string& sql) {
  sqlite3* connection = nullptr;
  REQUIRE(sqlite3_open(db.c_str(), &connection) == SQLITE_OK);
  sqlite3_stmt* statement = nullptr;
  int64_t value = -1;
  if (sqlite3_prepare_v2(connection, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK &&
      sqlite3_step(statement) == SQLITE_ROW) {
    value = sqlite3_column_int64(statement, 0);
  }
  sqlite3_finalize(statement);
  sqlite3_close(connection);
  return value;
}

Counts counts_of(Store& store, const std::string& db) {
  const std::vector<ImportBatch> batches = store.batches().value();
  const auto undone = static_cast<std::size_t>(
      std::count_if(batches.begin(), batches.end(), [](const ImportBatch& b) { return !b.undone_at.empty(); }));
  return Counts{store.row_count("study").value(), batches.size(),
                scalar(db, "SELECT count(*) FROM rs_study__history"),
                scalar(db, "SELECT count(*) FROM rs_study__history WHERE closed_by IS NULL"), undone};
}

// Reads the child's stderr until the line that says the transaction is about
// to commit; false when the child ended first.
bool wait_for_snapshot_step(int fd) {
  std::string seen;
  char buffer[4096];
  while (true) {
    const ssize_t got = read(fd, buffer, sizeof buffer);
    if (got <= 0) return false;
    seen.append(buffer, static_cast<std::size_t>(got));
    if (seen.find("rebuilding the snapshot of study") != std::string::npos) return true;
  }
}

TEST_CASE("kill -9 during an import leaves the store exactly as before") {
  TempDir dir;
  const std::string db = dir.path("cadence.db");
  const Schema schema = testing::league_schema();
  std::string orgs = "id,name,parent_id,kind\nR,root,,committee\n";
  for (int branch = 0; branch < kBranches; ++branch) {
    orgs += "B" + std::to_string(branch) + ",b,R,branch\n";
  }
  const std::vector<std::string> first = {dir.write("orgs.csv", orgs),
                                          dir.write("study_w01.csv", "org_id,week,learners\nB1,2022-W52,3\n")};
  Counts previous;
  {
    Store store = std::move(Store::open(db).value());
    Diagnostics diagnostics;
    REQUIRE(import_files(store, schema, first, ImportOptions{}, diagnostics).exit_code == 0);
    previous = counts_of(store, db);
  }
  REQUIRE(previous == Counts{1, 2, 1, 1, 0});
  const std::string big = dir.write("study.csv", large_study_export());

  std::mt19937 random(20230306);
  std::uniform_int_distribution<int> delay_us(0, 20'000);
  int killed_mid_transaction = 0;
  for (int attempt = 0; attempt < kMaxTries && killed_mid_transaction == 0; ++attempt) {
    int pipe_fds[2];
    REQUIRE(pipe(pipe_fds) == 0);
    const pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
      close(pipe_fds[0]);
      dup2(pipe_fds[1], STDERR_FILENO);
      Result<Store> store = Store::open(db);
      if (!store.is_ok()) _exit(3);
      Diagnostics diagnostics;
      ImportOptions options;
      options.progress = true;
      const ImportReport report = import_files(*store, schema, {big}, options, diagnostics);
      _exit(report.exit_code);
    }
    close(pipe_fds[1]);
    const bool in_transaction = wait_for_snapshot_step(pipe_fds[0]);
    if (in_transaction) usleep(static_cast<useconds_t>(delay_us(random)));
    kill(child, SIGKILL);
    int status = 0;
    REQUIRE(waitpid(child, &status, 0) == child);
    close(pipe_fds[0]);
    REQUIRE_MESSAGE(in_transaction, "the child ended before its import reached the snapshot step");

    Store store = std::move(Store::open(db).value());
    CHECK(store.integrity_check().value() == "ok");
    const Counts now = counts_of(store, db);
    const bool died_by_kill = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
    if (died_by_kill && now == previous) {
      ++killed_mid_transaction;
    } else {
      // The kill came after COMMIT: the import must then be complete.
      CHECK(now == Counts{previous.study + kStudyRows, previous.batches + 1, previous.versions + kStudyRows,
                          previous.open_versions + kStudyRows, 0});
      previous = now;
    }
  }
  CHECK(killed_mid_transaction == 1);

  // The loop stops at its first kill inside the transaction, which may come
  // before any attempt committed: the undo below needs the large batch.
  if (previous.study < kStudyRows) {
    Store store = std::move(Store::open(db).value());
    Diagnostics diagnostics;
    REQUIRE(import_files(store, schema, {big}, ImportOptions{}, diagnostics).exit_code == 0);
    previous = counts_of(store, db);
  }

  // kill -9 during `import --undo` of that large batch: the undo (versions
  // removed and reopened, current rows and snapshot rebuilt, batch marked)
  // happens entirely or not at all.
  const int64_t last_batch = [&] {
    Store store = std::move(Store::open(db).value());
    return store.batches().value().back().id;
  }();
  int killed_mid_undo = 0;
  for (int attempt = 0; attempt < kMaxTries && killed_mid_undo == 0; ++attempt) {
    int pipe_fds[2];
    REQUIRE(pipe(pipe_fds) == 0);
    const pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
      close(pipe_fds[0]);
      Result<Store> store = Store::open(db);
      if (!store.is_ok() || !store->begin().is_ok()) _exit(3);
      // The transaction is open: tell the parent, then undo.
      if (write(pipe_fds[1], "u", 1) != 1) _exit(4);
      if (!store->undo_batch(last_batch, schema).is_ok()) _exit(5);
      _exit(store->commit().is_ok() ? 0 : 6);
    }
    close(pipe_fds[1]);
    char signal_byte = 0;
    const bool began = read(pipe_fds[0], &signal_byte, 1) == 1;
    if (began) usleep(static_cast<useconds_t>(delay_us(random)));
    kill(child, SIGKILL);
    int status = 0;
    REQUIRE(waitpid(child, &status, 0) == child);
    close(pipe_fds[0]);
    REQUIRE_MESSAGE(began, "the child ended before its undo began");

    Store store = std::move(Store::open(db).value());
    CHECK(store.integrity_check().value() == "ok");
    const Counts now = counts_of(store, db);
    const bool died_by_kill = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
    if (died_by_kill && now == previous) {
      ++killed_mid_undo;
    } else {
      // Committed: the batch's rows and versions are gone, the batch marked.
      INFO("child status ", status, "; now: study ", now.study, " batches ", now.batches, " versions ", now.versions,
           " open ", now.open_versions, " undone ", now.undone, "; before: study ", previous.study, " versions ",
           previous.versions, " open ", previous.open_versions, " undone ", previous.undone);
      CHECK(now == Counts{previous.study - kStudyRows, previous.batches, previous.versions - kStudyRows,
                          previous.open_versions - kStudyRows, 1});
      break;
    }
  }
  CHECK(killed_mid_undo == 1);
}

}  // namespace
}  // namespace cadence

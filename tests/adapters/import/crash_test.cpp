// A crash in the middle of an import (kill -9) leaves the store exactly as it
// was: the child process imports a large study export; once its transaction
// is open and full of rows (it reports "rebuilding the snapshot", the last
// step before COMMIT), the parent kills it with SIGKILL after a short random
// delay, then checks that the database is sound and holds the previous rows.
#include <doctest/doctest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

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
  friend bool operator==(const Counts&, const Counts&) = default;
};

Counts counts_of(Store& store) {
  return Counts{store.row_count("study").value(), store.batches().value().size()};
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
                                          dir.write("study_w01.csv", "org_id,week,learners\nB1,2023-W01,3\n")};
  Counts previous;
  {
    Store store = std::move(Store::open(db).value());
    Diagnostics diagnostics;
    REQUIRE(import_files(store, schema, first, ImportOptions{}, diagnostics).exit_code == 0);
    previous = counts_of(store);
  }
  REQUIRE(previous == Counts{1, 2});
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
    const Counts now = counts_of(store);
    const bool died_by_kill = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
    if (died_by_kill && now == previous) {
      ++killed_mid_transaction;
    } else {
      // The kill came after COMMIT: the import must then be complete.
      CHECK(now == Counts{previous.study + kStudyRows, previous.batches + 1});
      previous = now;
    }
  }
  CHECK(killed_mid_transaction == 1);
}

}  // namespace
}  // namespace cadence

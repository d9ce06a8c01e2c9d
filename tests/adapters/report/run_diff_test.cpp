#include "adapters/report/run_diff.h"

#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

namespace cadence {
namespace {

AuditRun run(int64_t id, std::string periods, std::string started_at) {
  AuditRun out;
  out.id = id;
  out.periods = std::move(periods);
  out.started_at = std::move(started_at);
  return out;
}

StoredFinding finding(std::string rule, std::string org, std::string period, int64_t value_micros) {
  StoredFinding out;
  out.rule = std::move(rule);
  out.org_id = std::move(org);
  out.period = std::move(period);
  out.status = "fail";
  out.value_micros = value_micros;
  return out;
}

std::string describe(const std::vector<FindingChange>& changes) {
  std::string out;
  for (const auto& change : changes) {
    out += std::string(to_string(change.change)) + " " + change.finding.rule + " " + change.finding.org_id + " " +
           change.finding.period + " " + std::to_string(change.finding.value_micros) + " was " +
           std::to_string(change.previous_value_micros) + " since " + std::to_string(change.open_since_run) + "\n";
  }
  return out;
}

// Run 1 looked at W10 and W11, run 2 at W11 and W12.
const AuditRun kOlder = run(1, "2023-W10,2023-W11", "2023-03-20T08:00:00Z");
const AuditRun kNewer = run(2, "2023-W11,2023-W12", "2023-03-27T08:00:00Z");
const std::vector<StoredFinding> kBefore = {
    finding("r", "B1", "2023-W11", 500000),   // same value after: persisting
    finding("r", "B2", "2023-W11", 250000),   // changed value after: revised
    finding("r", "B3", "2023-W11", 0),        // gone, its period re-graded: resolved
    finding("r", "B4", "2023-W10", 0),        // gone, and W11 re-graded without it: it stopped failing
};
const std::vector<StoredFinding> kAfter = {
    finding("r", "B2", "2023-W11", 400000),
    finding("r", "B1", "2023-W11", 500000),
    finding("r", "B1", "2023-W12", 100000),  // B1 failed W11 too: persisting since W11
    finding("r", "B5", "2023-W12", 0),       // W11 graded in both without B5: new
};

TEST_CASE("findings are new, persisting, revised or resolved by (rule, org, period), in that order") {
  const auto changes = diff_runs(kOlder, kBefore, kNewer, kAfter, {});
  CHECK(describe(changes) ==
        "new r B5 2023-W12 0 was 0 since 0\n"
        "persisting r B1 2023-W11 500000 was 500000 since 0\n"
        "persisting r B1 2023-W12 100000 was 0 since 0\n"
        "revised r B2 2023-W11 400000 was 250000 since 0\n"
        "resolved r B3 2023-W11 0 was 0 since 0\n"
        "resolved r B4 2023-W10 0 was 0 since 0\n");
  CHECK(changes[2].since_period == "2023-W11");
  CHECK(changes[1].since_period.empty());
}

TEST_CASE("runs of other periods are compared like with like: the rest is listed apart, never new") {
  // Run 1 graded January's first weeks; run 2 grades W10 alone, with nothing
  // graded right before it: its findings cannot be called new.
  const AuditRun january = run(1, "2023-W01,2023-W02", "2023-01-16T08:00:00Z");
  const AuditRun march = run(2, "2023-W10", "2023-03-13T08:00:00Z");
  const std::vector<StoredFinding> before = {finding("r", "B1", "2023-W01", 0)};
  const std::vector<StoredFinding> after = {finding("r", "B1", "2023-W10", 0), finding("r", "B2", "2023-W10", 0)};
  const auto changes = diff_runs(january, before, march, after, {});
  CHECK(describe(changes) ==
        "not compared r B1 2023-W10 0 was 0 since 0\n"
        "not compared r B2 2023-W10 0 was 0 since 0\n"
        "not compared r B1 2023-W01 0 was 0 since 0\n");
  const std::string text = format_diff(january, march, changes, {{"B1", "一支部"}});
  CHECK(text.find("  new: 0\n") != std::string::npos);
  CHECK(text.find("  not compared (a period only one run graded): 3\n") != std::string::npos);
  CHECK(text.find("not compared\tr\tB1 一支部\t2023-W10\tvalue 0.000000\tonly run 2 graded this period\n") !=
        std::string::npos);
  CHECK(text.find("not compared\tr\tB1 一支部\t2023-W01\tvalue 0.000000\tonly run 1 graded this period\n") !=
        std::string::npos);
}

TEST_CASE("a finding in both runs is open since the first run that had it") {
  const std::map<FindingIdentity, int64_t> first_seen = {{{"r", "B1", "2023-W11"}, 1},
                                                         {{"r", "B5", "2023-W12"}, 7}};
  const auto changes = diff_runs(kOlder, kBefore, kNewer, kAfter, first_seen);
  REQUIRE(changes.size() == 6);
  CHECK(changes[0].open_since_run == 0);  // new: not carried over, whatever the history says
  CHECK(changes[1].open_since_run == 1);
  CHECK(changes[3].open_since_run == 0);  // not in the history given
}

TEST_CASE("the summary counts each kind, then one tab-separated line per change, with names") {
  const std::map<FindingIdentity, int64_t> first_seen = {{{"r", "B1", "2023-W11"}, 1}};
  CHECK(format_diff(kOlder, kNewer, diff_runs(kOlder, kBefore, kNewer, kAfter, first_seen), {{"B1", "一支部"}}) ==
        "run 1 (2023-03-20T08:00:00Z) → run 2 (2023-03-27T08:00:00Z)\n"
        "  new: 1\n"
        "  persisting: 2\n"
        "  revised: 1\n"
        "  resolved: 2\n"
        "new\tr\tB5\t2023-W12\tvalue 0.000000\n"
        "persisting\tr\tB1 一支部\t2023-W11\tvalue 0.500000\topen since run 1\n"
        "persisting\tr\tB1 一支部\t2023-W12\tvalue 0.100000\tfailing since 2023-W11\n"
        "revised\tr\tB2\t2023-W11\tvalue 0.400000 (was 0.250000)\n"
        "resolved\tr\tB3\t2023-W11\tvalue 0.000000\n"
        "resolved\tr\tB4\t2023-W10\tvalue 0.000000\n");
}

TEST_CASE("two empty runs differ in nothing") {
  CHECK(diff_runs(kOlder, {}, kNewer, {}, {}).empty());
  CHECK(format_diff(kOlder, kNewer, {}) ==
        "run 1 (2023-03-20T08:00:00Z) → run 2 (2023-03-27T08:00:00Z)\n  new: 0\n  persisting: 0\n  revised: 0\n"
        "  resolved: 0\n");
}

}  // namespace
}  // namespace cadence

// Times cadence's evaluation alone, in memory: the store is loaded once
// (Store::load_dataset, timed separately), then evaluate() + rank_findings()
// run N times on the same Dataset. This isolates the engine from SQLite
// reads, pack loading and report writing, which the end-to-end `cadence
// audit` figures in bench/run.sh include.
//
//   eval_bench --db STORE --pack PACK [--runs N] [--threads T]
//              [--year 2023 | --week 2023-W10 --month 2023-03]
//
// Prints one line, key=value pairs, times in milliseconds (wall clock):
//   eval_bench load_ms=812.4 eval_median_ms=95.1 eval_min_ms=93.0
//   eval_max_ms=99.7 rank_median_ms=12.0 cpu_median_ms=160.2
//   faults_median=240 runs=5 findings=123456
// (eval_* time evaluate() and rank_findings() together; rank_* the ranking;
// cpu_* the process's CPU time over the same span, all threads; faults_*
// the page faults in it: on a shared host, the CPU time moves less than
// the wall clock, and the faults show memory given back to the kernel
// between runs.)
// Exit status: 0 ok, 2 usage or input error.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "adapters/cli/pack_session.h"
#include "adapters/cli/period_selection.h"
#include "adapters/store/store.h"
#include "engine/eval/evaluator.h"
#include "engine/rank/ranking.h"

namespace {

using Clock = std::chrono::steady_clock;

double milliseconds_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

struct Options {
  std::string db;
  std::string pack;
  int runs = 5;
  int threads = 2;
  bool scores_only = false;  // what the findings file needs: no messages
  cadence::PeriodOptions periods;
};

// The process's CPU time (all threads) in milliseconds and its page faults.
struct Usage {
  double cpu_ms = 0;
  double faults = 0;
};

Usage usage_now() {
  rusage now{};
  getrusage(RUSAGE_SELF, &now);
  auto ms = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) * 1000.0 + static_cast<double>(t.tv_usec) / 1000.0;
  };
  return {ms(now.ru_utime) + ms(now.ru_stime), static_cast<double>(now.ru_minflt + now.ru_majflt)};
}

double median_of(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const std::size_t middle = values.size() / 2;
  return values.size() % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
}

int usage() {
  std::fprintf(stderr,
               "usage: eval_bench --db STORE --pack PACK [--runs N] [--threads T] "
               "[--year Y | --week W --month M] [--detail full|scores]\n");
  return 2;
}

// Returns false on a malformed command line.
bool parse(int argc, char** argv, Options& options) {
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (i + 1 >= argc) return false;
    const std::string value = argv[++i];
    if (flag == "--db") {
      options.db = value;
    } else if (flag == "--pack") {
      options.pack = value;
    } else if (flag == "--runs") {
      options.runs = std::atoi(value.c_str());
    } else if (flag == "--threads") {
      options.threads = std::atoi(value.c_str());
    } else if (flag == "--detail") {
      if (value != "full" && value != "scores") return false;
      options.scores_only = value == "scores";
    } else if (flag == "--year") {
      options.periods.years.push_back(value);
    } else if (flag == "--week") {
      options.periods.weeks.push_back(value);
    } else if (flag == "--month") {
      options.periods.months.push_back(value);
    } else {
      return false;
    }
  }
  return !options.db.empty() && !options.pack.empty() && options.runs >= 1 && options.threads >= 1;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  if (!parse(argc, argv, options)) return usage();
  if (options.periods.years.empty() && options.periods.weeks.empty() && options.periods.months.empty()) {
    options.periods.years.push_back("2023");
  }
  auto selection = cadence::select_periods(options.periods);
  if (!selection.is_ok()) {
    std::fprintf(stderr, "eval_bench: %s\n", selection.status().message().c_str());
    return 2;
  }
  auto compiled = cadence::load_compiled_pack(options.pack, false);
  if (!compiled) return 2;

  const auto load_start = Clock::now();
  auto store = cadence::Store::open(options.db);
  if (!store.is_ok()) {
    std::fprintf(stderr, "eval_bench: cannot open %s: %s\n", options.db.c_str(), store.status().message().c_str());
    return 2;
  }
  cadence::Diagnostics diagnostics;
  auto dataset = store->load_dataset(compiled->pack->schema, diagnostics);
  if (!dataset.is_ok()) {
    std::fprintf(stderr, "eval_bench: cannot load the data: %s\n", dataset.status().message().c_str());
    return 2;
  }
  const double load_ms = milliseconds_since(load_start);

  cadence::EvaluationRequest request;
  request.periods = selection->periods;
  request.as_of = selection->as_of;
  request.threads = options.threads;
  if (options.scores_only) request.detail = cadence::EvaluationRequest::Detail::kScores;
  const cadence::Calendars calendars = cadence::resolve_calendars(*compiled->plan, *dataset);

  std::vector<double> times;       // evaluate() + rank_findings()
  std::vector<double> rank_times;  // rank_findings() alone
  std::vector<double> cpu_times;   // evaluate() + rank_findings(), all threads
  std::vector<double> faults;
  std::size_t findings = 0;
  for (int run = 0; run < options.runs; ++run) {
    const Usage before = usage_now();
    const auto start = Clock::now();
    cadence::Outcome outcome = cadence::evaluate(*compiled->plan, *dataset, calendars, request);
    const auto rank_start = Clock::now();
    auto ranked = cadence::rank_findings(*compiled->plan, *dataset, outcome.findings, options.threads);
    rank_times.push_back(milliseconds_since(rank_start));
    times.push_back(milliseconds_since(start));
    const Usage after = usage_now();
    cpu_times.push_back(after.cpu_ms - before.cpu_ms);
    faults.push_back(after.faults - before.faults);
    // Every run must compute the same thing; a changing count is a bug in
    // the engine, not noise.
    if (run > 0 && outcome.findings.size() != findings) {
      std::fprintf(stderr, "eval_bench: run %d found %zu findings, run 0 found %zu\n", run,
                   outcome.findings.size(), findings);
      return 2;
    }
    findings = outcome.findings.size();
    if (ranked.empty() && findings != 0) {
      std::fprintf(stderr, "eval_bench: %zu findings but no ranked org\n", findings);
      return 2;
    }
  }
  std::sort(times.begin(), times.end());
  std::printf(
      "eval_bench load_ms=%.1f eval_median_ms=%.1f eval_min_ms=%.1f eval_max_ms=%.1f rank_median_ms=%.1f "
      "cpu_median_ms=%.1f faults_median=%.0f runs=%d findings=%zu\n",
      load_ms, median_of(times), times.front(), times.back(), median_of(rank_times), median_of(cpu_times),
      median_of(faults), options.runs, findings);
  return 0;
}

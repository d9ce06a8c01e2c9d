#include "engine/eval/streaks.h"

#include <algorithm>

#include "engine/core/parallel.h"
#include "engine/core/status.h"

namespace cadence {

namespace {

// Runs fit a byte (written to fresh memory for every (period × org) cell:
// BENCHMARKS.md "Figures behind engine/eval's comments") because they restart each year.
constexpr int kMostPeriodsInAYear = 53;

// One range of orgs, slot after slot, with its own running counts.
void count_range(const RuleOutcome& outcome, std::size_t first, std::size_t last, StreakRuns& runs) {
  std::vector<uint8_t> current(last - first, 0);
  const std::size_t slots = outcome.periods.size();
  int periods_this_year = 0;
  for (std::size_t slot = 0; slot < slots; ++slot) {
    if (slot > 0 && outcome.periods[slot].year() != outcome.periods[slot - 1].year()) {
      std::fill(current.begin(), current.end(), uint8_t{0});
      periods_this_year = 0;
    }
    CADENCE_ASSERT(++periods_this_year <= kMostPeriodsInAYear);
    // Three arrays of bytes that do not overlap: said so, the loop is
    // vectorised (byte pointers may alias anything).
    const Verdict* __restrict verdicts = outcome.verdicts[slot].data() + first;
    uint8_t* __restrict slot_runs = runs[slot].data() + first;
    uint8_t* __restrict range_runs = current.data();
    for (std::size_t org = 0; org < last - first; ++org) {
      // Selects, not branches: verdicts come in no order a predictor learns.
      const Verdict verdict = verdicts[org];
      const bool failed = verdict == Verdict::kFail;
      const bool ends = verdict == Verdict::kPass || verdict == Verdict::kWarn;
      const uint8_t run = range_runs[org];
      const uint8_t next = failed ? static_cast<uint8_t>(run + 1) : ends ? uint8_t{0} : run;
      range_runs[org] = next;
      slot_runs[org] = failed ? next : uint8_t{0};
    }
  }
}

}  // namespace

StreakRuns count_streaks(const RuleOutcome& outcome, std::size_t orgs, int threads) {
  const std::size_t slots = outcome.periods.size();
  CADENCE_ASSERT(outcome.verdicts.size() == slots);
  StreakRuns runs(slots);
  for (auto& slot_runs : runs) slot_runs.resize(orgs);
  constexpr std::size_t kOrgRange = 8192;
  parallel_for(threads, (orgs + kOrgRange - 1) / kOrgRange, [&](std::size_t range) {
    const std::size_t first = range * kOrgRange;
    count_range(outcome, first, std::min(orgs, first + kOrgRange), runs);
  });
  return runs;
}

}  // namespace cadence

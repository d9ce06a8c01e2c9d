// Streaks: for each period slot and org of one rule, the consecutive failing
// periods ending there (what `streak(rule)` reads).
#pragma once

#include <cstdint>
#include <vector>

#include "engine/eval/rule_results.h"

namespace cadence {

// [slot][org]: the run of failures ending at that slot, 0 where the cell
// did not fail.
using StreakRuns = std::vector<std::vector<uint8_t>>;

// Counts a rule's runs: a failure extends the run, a pass or a warning ends
// it, a cell not evaluated leaves it; runs restart with each year (contract.md
// B8: "counted from 2023-W01 at the earliest"), so a run is at most 53, the
// weeks of an ISO year, and a byte holds it. Orgs are independent: ranges of
// them are counted on `threads` threads.
StreakRuns count_streaks(const RuleOutcome& outcome, std::size_t orgs, int threads);

}  // namespace cadence

// The results of the rules run so far: per rule, its verdicts (and values,
// when read) on its periods, and on demand the streaks counted from them.
// Rules read other rules' results (`failed()`, `streak()`, `value()`)
// through this class alone: it implements RuleResultSource, the narrow
// interface the aggregator and the expression evaluator see.
//
// Thread safety: a rule's results are written by its run, before any rule
// reading them starts (the plan's order); reads and streak counting may then
// happen on any thread.
#pragma once

#include <cstdint>
#include <mutex>
#include <vector>

#include "engine/core/status.h"
#include "engine/eval/expression_evaluator.h"
#include "engine/eval/finding.h"

namespace cadence {

// The verdicts of one rule on its periods (including periods evaluated only
// because another rule's streak needed them).
struct RuleOutcome {
  std::vector<Period> periods;                 // sorted
  std::vector<std::vector<Verdict>> verdicts;  // [period][org]
  // [period][org] (zero when not evaluated); empty unless the request keeps
  // values or another rule reads this rule's value.
  std::vector<std::vector<Rational>> values;
  std::vector<bool> requested;  // [period]: findings were asked for
  // ratio() rules, [period]: the graded cells whose rate is above 100 % (more
  // in the numerator than the denominator: a fault of the data, which the
  // rule grades as written), and the first such org (kNoOrg: none).
  std::vector<int64_t> rates_above_one;
  std::vector<OrgIndex> first_above_one;
};

class RuleResults : public RuleResultSource {
 public:
  // `rules` outcomes, none run yet; streaks over `orgs` orgs are counted on
  // `threads` threads.
  RuleResults(std::size_t rules, std::size_t orgs, int threads);

  RuleOutcome& outcome(int rule) { return outcomes_[index(rule)]; }
  const RuleOutcome& outcome(int rule) const { return outcomes_[index(rule)]; }

  // Counts the rule's streaks, once (later calls return at once).
  // Thread-safe; the rule must have run.
  void ensure_streaks(int rule);

  // RuleResultSource: failed(rule), streak(rule) or value(rule) for the
  // frame's orgs and periods; null where the rule did not run on a period
  // (or, for value(), where the cell has no value).
  void rule_result(const lang::BoundExpr& call, const Frame& frame, Vec& out) override;

  // The outcomes, moved out: the results are done.
  std::vector<RuleOutcome> take_outcomes() { return std::move(outcomes_); }

 private:
  std::size_t index(int rule) const {
    CADENCE_ASSERT(rule >= 0 && static_cast<std::size_t>(rule) < outcomes_.size());
    return static_cast<std::size_t>(rule);
  }

  std::vector<RuleOutcome> outcomes_;
  std::vector<std::vector<std::vector<uint8_t>>> streaks_;  // by rule: [slot][org], empty until counted
  std::vector<std::mutex> streak_mutexes_;                  // by rule
  std::size_t orgs_;
  int threads_;
};

}  // namespace cadence

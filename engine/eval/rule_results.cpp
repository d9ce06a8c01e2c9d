#include "engine/eval/rule_results.h"

#include <algorithm>

#include "engine/eval/streaks.h"

namespace cadence {

RuleResults::RuleResults(std::size_t rules, std::size_t orgs, int threads)
    : outcomes_(rules), streaks_(rules), streak_mutexes_(rules), orgs_(orgs), threads_(threads) {}

void RuleResults::ensure_streaks(int rule) {
  const std::size_t at = index(rule);
  std::lock_guard lock(streak_mutexes_[at]);
  if (!streaks_[at].empty()) return;
  streaks_[at] = count_streaks(outcomes_[at], orgs_, threads_);
}

void RuleResults::rule_result(const lang::BoundExpr& call, const Frame& frame, Vec& out) {
  const lang::RuleReference& reference = std::get<lang::RuleReference>(call.call());
  const std::size_t dependency = index(reference.rule);
  const RuleOutcome& outcome = outcomes_[dependency];
  bool is_failed = reference.result == lang::RuleResultKind::kFailed;
  bool is_streak = reference.result == lang::RuleResultKind::kStreak;
  out.reset(is_failed ? lang::Type::kBool : lang::Type::kNumber, frame.size);
  if (is_streak) ensure_streaks(reference.rule);
  // The dependency's slot for a period, −1 when it did not run on it.
  auto slot_of = [&](const Period& period) -> std::ptrdiff_t {
    auto it = std::lower_bound(outcome.periods.begin(), outcome.periods.end(), period);
    return it == outcome.periods.end() || *it != period ? -1 : it - outcome.periods.begin();
  };
  const bool scalar = frame.period_slots == nullptr;
  const std::ptrdiff_t scalar_slot = scalar && frame.size > 0 ? slot_of(frame.period(0)) : -1;
  if (scalar && scalar_slot >= 0 && (is_failed || is_streak)) {
    // One period for the batch (cell frames): one row of verdicts or runs,
    // read straight by org (a streak rule reads every cell of its dependency).
    const auto slot = static_cast<std::size_t>(scalar_slot);
    if (is_streak) {
      const uint8_t* runs = streaks_[dependency][slot].data();
      for (std::size_t i = 0; i < frame.size; ++i) out.num[i] = runs[frame.orgs[i]];
    } else {
      const Verdict* verdicts = outcome.verdicts[slot].data();
      for (std::size_t i = 0; i < frame.size; ++i)
        out.num[i] = verdicts[frame.orgs[i]] == Verdict::kFail ? 1 : 0;
    }
    return;
  }
  for (std::size_t i = 0; i < frame.size; ++i) {
    std::ptrdiff_t found = scalar ? scalar_slot : slot_of(frame.period(i));
    if (found < 0) {
      out.set_null(i);
      continue;
    }
    auto slot = static_cast<std::size_t>(found);
    auto org = static_cast<std::size_t>(frame.orgs[i]);
    Verdict verdict = outcome.verdicts[slot][org];
    if (is_failed) {
      out.num[i] = verdict == Verdict::kFail ? 1 : 0;
    } else if (is_streak) {
      out.num[i] = streaks_[dependency][slot][org];
    } else if (verdict == Verdict::kPass || verdict == Verdict::kWarn || verdict == Verdict::kFail) {
      out.set_number(i, outcome.values[slot][org]);
    } else {
      out.set_null(i);
    }
  }
}

}  // namespace cadence

// What the evaluator says about one (rule, org, period).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "engine/calendar/period.h"
#include "engine/eval/message_text.h"
#include "engine/eval/rational.h"
#include "engine/org/org_tree.h"

namespace cadence {

// The verdict for a cell. Everything but pass/warn/fail is "not evaluated",
// with the reason.
enum class Verdict : uint8_t {
  kOutOfScope = 0,         // the org is not in the rule's scope
  kPass,
  kWarn,
  kFail,
  kNoEvent,                // the period is not in the rule's event calendar (no episode that week)
  kZeroDenominator,        // ratio with a zero denominator and on_zero: skip
  kWaived,                 // a waiver covers the org and period
  kNoValue,                // the value is null (e.g. min of no rows)
  kPending,                // the period's deadline has not passed at the audit's as-of date: not graded yet
};

std::string_view to_string(Verdict verdict);
inline bool is_finding(Verdict verdict) { return verdict == Verdict::kWarn || verdict == Verdict::kFail; }

// A child of an org with a failing pooled rate, and how much it lacks:
// threshold × denominator − numerator, in the numerator's unit (learners).
struct Contributor {
  OrgIndex org = kNoOrg;
  int64_t numerator = 0;
  int64_t denominator = 0;
  Rational shortfall;
};

// The contributors of one finding: at most five, on the few findings of a
// committee's failing pooled rate; every other finding keeps one null
// pointer (8 bytes, where a std::vector took 24 in each finding).
class Contributors {
 public:
  Contributors() = default;
  Contributors(std::vector<Contributor> list)  // NOLINT(google-explicit-constructor): a list is contributors
      : list_(list.empty() ? nullptr : std::make_unique<std::vector<Contributor>>(std::move(list))) {}
  Contributors(const Contributors& other)
      : list_(other.list_ ? std::make_unique<std::vector<Contributor>>(*other.list_) : nullptr) {}
  Contributors(Contributors&&) noexcept = default;
  Contributors& operator=(const Contributors& other) {
    if (this != &other) *this = Contributors(other);
    return *this;
  }
  Contributors& operator=(Contributors&&) noexcept = default;
  ~Contributors() = default;

  bool empty() const { return !list_; }
  std::size_t size() const { return list_ ? list_->size() : 0; }
  const Contributor& operator[](std::size_t i) const { return (*list_)[i]; }
  const Contributor* begin() const { return list_ ? list_->data() : nullptr; }
  const Contributor* end() const { return list_ ? list_->data() + list_->size() : nullptr; }

 private:
  std::unique_ptr<std::vector<Contributor>> list_;
};

struct Finding {
  int rule = 0;            // plan rule index
  OrgIndex org = kNoOrg;
  Period period;
  Verdict status = Verdict::kFail;
  bool has_ratio = false;  // value = numerator / denominator (beside status: 8 bytes less padding)
  // A failure of a rule whose line varies (CompiledRule::line, a target):
  // numerator / denominator is the line the value crossed. Never with has_ratio.
  bool has_line = false;
  // What ranking and the findings file read, in the finding's first 40
  // bytes: ranking reads one cache line of each finding.
  int64_t score_micros = 0;  // weight × (1 + shortfall), rounded half-up to 6 decimals
  int64_t value_micros = 0;  // value rounded half-up to 6 decimals
  Rational value;
  int64_t numerator = 0;
  int64_t denominator = 0;
  // The threshold and the gap to compliance follow from the rule and these:
  // requirement_of (requirement.h).
  MessageText message;     // empty when the request asked for scores only
  // For a pooled rate below its threshold: the branches (leaves of the
  // subtree, at any depth) that pulled it down most (largest shortfall
  // first, then org id), at most five.
  Contributors pulled_down;
};
// What the evaluator writes for every finding, most of it to fresh memory:
// keep it from growing unnoticed (BENCHMARKS.md "Figures behind engine/eval's comments").
static_assert(sizeof(Finding) <= 88, "a Finding is written once per finding to fresh memory: keep it small");

}  // namespace cadence

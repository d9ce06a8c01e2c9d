// Ranking findings for people, exactly as contract.md "Ranking" says:
//   score(v) = w · (1 + shortfall)        (computed by the evaluator)
//   per org: findings by score desc, then rule id, then period;
//   orgs: by total score desc (sum of the rounded scores), then org id.
// Rule ids and org ids compare in byte order ("O10" before "O9"); periods by
// their text, which is chronological within a kind.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "engine/eval/evaluator.h"
#include "engine/plan/plan.h"
#include "engine/table/dataset.h"

namespace cadence {

// An org's ranked findings: a slice of one array that the orgs ranked
// together share (an array for some 500 orgs: one allocation an org was
// 40,000 of them at M, made on the ranking's threads and freed with it).
class RankedFindings {
 public:
  RankedFindings() = default;
  RankedFindings(std::shared_ptr<const std::vector<const Finding*>> shared, std::size_t begin,
                 std::size_t size)
      : shared_(std::move(shared)), begin_(begin), size_(size) {}

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const Finding* operator[](std::size_t i) const { return (*shared_)[begin_ + i]; }
  const Finding* const* begin() const { return shared_ ? shared_->data() + begin_ : nullptr; }
  const Finding* const* end() const { return shared_ ? shared_->data() + begin_ + size_ : nullptr; }

 private:
  std::shared_ptr<const std::vector<const Finding*>> shared_;
  std::size_t begin_ = 0;
  std::size_t size_ = 0;
};

struct RankedOrg {
  OrgIndex org = kNoOrg;
  int64_t total_micros = 0;
  RankedFindings findings;  // ranked
};

// Orgs with at least one finding, ranked. Findings must outlive the result.
// The orgs' own orderings are shared among `threads` threads; the result is
// the same for any count.
std::vector<RankedOrg> rank_findings(const Plan& plan, const Dataset& dataset, const FindingList& findings,
                                     int threads = 1);

// Roll-up for one committee: its failing descendants by rule, and its own
// pooled-rate findings with the children that pulled them down most.
struct RuleCount {
  std::string rule;
  int failing_orgs = 0;
  int warning_orgs = 0;
};

struct Rollup {
  OrgIndex committee = kNoOrg;
  int64_t total_micros = 0;          // the subtree's total score
  std::vector<RuleCount> by_rule;    // rule id order
  std::vector<const Finding*> own;   // the committee's own findings, ranked
};

// One roll-up per org at `depth` whose kind is in `kinds` (default: the
// county committees, depth 1, kind committee), in org id order.
std::vector<Rollup> rollup_findings(const Plan& plan, const Dataset& dataset, const std::vector<RankedOrg>& ranked,
                                    int depth = 1, const std::vector<std::string>& kinds = {"committee"});

}  // namespace cadence

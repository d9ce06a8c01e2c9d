// Ranking findings for people, exactly as contract.md "Ranking" says:
//   score(v) = w · (1 + shortfall)        (computed by the evaluator)
//   per org: findings by score desc, then rule id, then period;
//   (cadence: between score and rule id, the rule's severity, gravest
//   first; the contract's rules all have the default, so its order holds);
//   orgs: by total score desc (sum of the rounded scores), then org id.
// Rule ids and org ids compare in byte order ("O10" before "O9"); periods by
// their text, which is chronological within a kind.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "engine/eval/evaluator.h"
#include "engine/plan/plan.h"
#include "engine/table/dataset.h"

namespace cadence {

struct RankedOrg {
  OrgIndex org = kNoOrg;
  int64_t total_micros = 0;
  std::vector<const Finding*> findings;  // ranked
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

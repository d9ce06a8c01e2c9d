#include "engine/rank/ranking.h"

#include <algorithm>
#include <iterator>
#include <memory>

#include "engine/core/parallel.h"
#include "engine/table/huge_pages.h"

namespace cadence {
namespace {

// A finding's sort key, copied out of the Finding so that ordering an org's
// findings compares contiguous memory instead of chasing pointers: contract.md
// orders them by score (descending), rule id and period, which `order`
// packs into one 128-bit number to compare, ascending. One rule has one
// cadence, so the periods compared are of one kind, whose zero-padded text
// orders as (year, index) does; a finding of a period is either a warning
// or a failure, so the status (last) never decides.
__extension__ typedef unsigned __int128
    Order;  // NOLINT(modernize-use-using): __extension__ silences -Wpedantic

struct FindingKey {
  Order order;
  const Finding* finding;
};

FindingKey key_of(const Finding& finding, uint32_t rule_rank) {
  // Scores descending: the complement of the score with its sign bit flipped.
  const uint64_t score = ~(static_cast<uint64_t>(finding.score_micros) ^ (uint64_t{1} << 63));
  const auto period = static_cast<uint32_t>(finding.period.year() * 64 + finding.period.index());
  const uint64_t rest =
      (uint64_t{rule_rank} << 32) | (period * 16 + (15 - static_cast<uint32_t>(finding.status)));
  return {(static_cast<Order>(score) << 64) | rest, &finding};
}

int64_t score_of(const FindingKey& key) {
  return static_cast<int64_t>(~static_cast<uint64_t>(key.order >> 64) ^ (uint64_t{1} << 63));
}

// A lambda, not a function pointer, so that std::sort inlines it.
constexpr auto finding_before = [](const FindingKey& a, const FindingKey& b) { return a.order < b.order; };

}  // namespace

std::vector<RankedOrg> rank_findings(const Plan& plan, const Dataset& dataset, const FindingList& findings,
                                      int threads) {
  const OrgTree& tree = dataset.tree();
  std::vector<int> order(plan.rules.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
  std::sort(order.begin(), order.end(), [&](int a, int b) {
    return plan.rules[static_cast<std::size_t>(a)].spec->id < plan.rules[static_cast<std::size_t>(b)].spec->id;
  });
  std::vector<uint32_t> rule_rank(plan.rules.size());
  for (std::size_t position = 0; position < order.size(); ++position) {
    rule_rank[static_cast<std::size_t>(order[position])] = static_cast<uint32_t>(position);
  }
  const auto orgs = static_cast<std::size_t>(tree.size());
  // Each part keeps two counters per org: more parts than findings per org
  // would cost more memory than they save time (`--threads 64` at L would
  // hold 350 MB of counters).
  const std::size_t findings_per_org = orgs == 0 ? 0 : findings.size() / orgs;
  const auto parts = std::clamp<std::size_t>(findings_per_org, 1, static_cast<std::size_t>(std::max(1, threads)));

  // Group by org with a counting sort (orgs are dense pre-order indices),
  // reading the findings (two passes over half a million of them at M) on
  // every thread: the evaluator's lists are split into `parts` runs of about
  // equal numbers of findings; each run counts its findings per org, then
  // writes its keys after the earlier runs' keys of the same org, so the
  // keys of an org are in the findings' order whatever the thread count.
  const auto& lists = findings.lists();
  std::vector<std::size_t> first_list{0};
  for (std::size_t part = 1, seen = 0, list = 0; part < parts; ++part) {
    while (list < lists.size() && seen < findings.size() * part / parts) seen += lists[list++].size();
    first_list.push_back(list);
  }
  first_list.push_back(lists.size());
  std::vector<std::vector<uint32_t>> counts(parts);
  parallel_for(static_cast<int>(parts), parts, [&](std::size_t part) {
    counts[part].assign(orgs, 0);
    for (std::size_t list = first_list[part]; list < first_list[part + 1]; ++list) {
      for (const Finding& finding : lists[list]) ++counts[part][static_cast<std::size_t>(finding.org)];
    }
  });
  std::vector<std::size_t> begin(orgs + 1, 0);
  std::vector<std::vector<std::size_t>> next(parts, std::vector<std::size_t>(orgs));
  for (std::size_t org = 0, at = 0; org < orgs; ++org) {
    begin[org] = at;
    for (std::size_t part = 0; part < parts; ++part) {
      next[part][org] = at;
      at += counts[part][org];
    }
    begin[org + 1] = at;
  }
  // Every key is written below: a vector would first zero 12 MB (at M) of
  // fresh memory for nothing.
  const std::unique_ptr<FindingKey[]> keys(new FindingKey[findings.size()]);
  advise_huge_pages(keys.get(), findings.size() * sizeof(FindingKey));
  parallel_for(static_cast<int>(parts), parts, [&](std::size_t part) {
    std::vector<std::size_t>& at = next[part];
    for (std::size_t list = first_list[part]; list < first_list[part + 1]; ++list) {
      for (const Finding& finding : lists[list]) {
        keys[at[static_cast<std::size_t>(finding.org)]++] =
            key_of(finding, rule_rank[static_cast<std::size_t>(finding.rule)]);
      }
    }
  });

  // Each org's findings are sorted on their own: the orgs are split into
  // `parts` ranges of about equal numbers of findings, and the ranges'
  // lists are joined in org order.
  auto rank_orgs = [&](std::size_t from, std::size_t to, std::vector<RankedOrg>& out) {
    for (std::size_t org = from; org < to; ++org) {
      FindingKey* first = keys.get() + begin[org];
      FindingKey* last = keys.get() + begin[org + 1];
      if (first == last) continue;
      std::sort(first, last, finding_before);
      RankedOrg entry;
      entry.org = static_cast<OrgIndex>(org);
      entry.findings.reserve(static_cast<std::size_t>(last - first));
      for (auto it = first; it != last; ++it) {
        entry.total_micros += score_of(*it);
        entry.findings.push_back(it->finding);
      }
      out.push_back(std::move(entry));
    }
  };
  std::vector<std::size_t> bounds{0};
  for (std::size_t part = 1; part < parts; ++part) {
    // The first org whose findings start at or after part/parts of them all.
    std::size_t target = findings.size() * part / parts;
    auto at = std::lower_bound(begin.begin(), begin.end() - 1, target);
    bounds.push_back(std::max(bounds.back(), static_cast<std::size_t>(at - begin.begin())));
  }
  bounds.push_back(orgs);
  std::vector<std::vector<RankedOrg>> ranked_parts(parts);
  parallel_for(static_cast<int>(parts), parts, [&](std::size_t part) { rank_orgs(bounds[part], bounds[part + 1], ranked_parts[part]); });
  std::vector<RankedOrg> ranked;
  for (auto& list : ranked_parts) std::move(list.begin(), list.end(), std::back_inserter(ranked));
  std::sort(ranked.begin(), ranked.end(), [&](const RankedOrg& a, const RankedOrg& b) {
    if (a.total_micros != b.total_micros) return a.total_micros > b.total_micros;
    return tree.id(a.org) < tree.id(b.org);
  });
  return ranked;
}

std::vector<Rollup> rollup_findings(const Plan& plan, const Dataset& dataset, const std::vector<RankedOrg>& ranked,
                                    int depth, const std::vector<std::string>& kinds) {
  const OrgTree& tree = dataset.tree();
  const RecordSet& orgs = dataset.orgs();
  int kind_column = orgs.schema().column_index("kind");
  std::vector<Rollup> rollups;
  std::vector<int> rollup_of(static_cast<std::size_t>(tree.size()), -1);
  for (OrgIndex org = 0; org < tree.size(); ++org) {
    if (tree.depth(org) != depth) continue;
    if (kind_column >= 0 && !kinds.empty()) {
      const Column& kind = orgs.column(static_cast<std::size_t>(kind_column));
      if (kind.is_null(static_cast<std::size_t>(org))) continue;
      const std::string& text = kind.text(static_cast<std::size_t>(org));
      if (std::find(kinds.begin(), kinds.end(), text) == kinds.end()) continue;
    }
    Rollup rollup;
    rollup.committee = org;
    for (OrgIndex member = org; member < tree.subtree_end(org); ++member) {
      rollup_of[static_cast<std::size_t>(member)] = static_cast<int>(rollups.size());
    }
    rollups.push_back(std::move(rollup));
  }
  std::vector<std::map<std::string, std::pair<std::set<OrgIndex>, std::set<OrgIndex>>>> counts(rollups.size());
  for (const auto& entry : ranked) {
    int index = rollup_of[static_cast<std::size_t>(entry.org)];
    if (index < 0) continue;
    Rollup& rollup = rollups[static_cast<std::size_t>(index)];
    rollup.total_micros += entry.total_micros;
    for (const Finding* finding : entry.findings) {
      const std::string& rule = plan.rules[static_cast<std::size_t>(finding->rule)].spec->id;
      auto& pair = counts[static_cast<std::size_t>(index)][rule];
      (finding->status == Verdict::kFail ? pair.first : pair.second).insert(entry.org);
      if (entry.org == rollup.committee) rollup.own.push_back(finding);
    }
  }
  for (std::size_t i = 0; i < rollups.size(); ++i) {
    for (const auto& [rule, pair] : counts[i]) {
      rollups[i].by_rule.push_back({rule, static_cast<int>(pair.first.size()), static_cast<int>(pair.second.size())});
    }
  }
  std::sort(rollups.begin(), rollups.end(),
            [&](const Rollup& a, const Rollup& b) { return tree.id(a.committee) < tree.id(b.committee); });
  return rollups;
}

}  // namespace cadence

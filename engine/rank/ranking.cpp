#include "engine/rank/ranking.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <iterator>

#include "engine/core/parallel.h"

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

// Orgs ranked together: their keys stay in the second-level cache while
// they are grouped and sorted (BENCHMARKS.md).
constexpr std::size_t kRangeOrgs = FindingList::kRangeOrgs;
static_assert(kRangeOrgs <= 65536, "a key's org within its range is 16 bits");

// A run of one list's findings whose orgs lie in one range of kRangeOrgs.
struct Piece {
  std::size_t list = 0;
  std::size_t begin = 0;
  std::size_t end = 0;
};

// The orgs by total score (descending), then id. It runs on one thread
// after the ranges, where a comparison sort cost too much (BENCHMARKS.md):
// instead the orgs are put in id order by their id ranks (distinct, below
// the tree's size), then sorted stably by total, a byte of it at a time (a
// radix sort, skipping bytes every total shares).
std::vector<RankedOrg> in_total_order(std::vector<RankedOrg> ranked, const OrgTree& tree) {
  constexpr uint32_t kNone = UINT32_MAX;
  std::vector<uint32_t> at_rank(static_cast<std::size_t>(tree.size()), kNone);
  for (std::size_t i = 0; i < ranked.size(); ++i) {
    at_rank[static_cast<std::size_t>(tree.id_rank(ranked[i].org))] = static_cast<uint32_t>(i);
  }
  struct Key {
    uint64_t order;  // the total's complement with its sign bit flipped: ascending is by total descending
    uint32_t item;   // in `ranked`
  };
  std::vector<Key> keys;
  keys.reserve(ranked.size());
  for (uint32_t item : at_rank) {
    if (item == kNone) continue;
    const auto total = static_cast<uint64_t>(ranked[item].total_micros);
    keys.push_back({~(total ^ (uint64_t{1} << 63)), item});
  }
  std::vector<Key> sorted(keys.size());
  for (int shift = 0; shift < 64; shift += 8) {
    // place[byte + 1] counts the keys with that byte; summed, place[byte]
    // is where the first of them goes.
    std::array<std::size_t, 257> place{};
    for (const Key& key : keys) ++place[((key.order >> shift) & 0xff) + 1];
    if (std::find(place.begin(), place.end(), keys.size()) != place.end()) continue;  // one byte for all
    for (std::size_t byte = 1; byte < place.size(); ++byte) place[byte] += place[byte - 1];
    for (const Key& key : keys) sorted[place[(key.order >> shift) & 0xff]++] = key;
    keys.swap(sorted);
  }
  std::vector<RankedOrg> ordered;
  ordered.reserve(ranked.size());
  for (const Key& key : keys) ordered.push_back(std::move(ranked[key.item]));
  return ordered;
}

}  // namespace

std::vector<RankedOrg> rank_findings(const Plan& plan, const Dataset& dataset, const FindingList& findings,
                                     int threads) {
  const OrgTree& tree = dataset.tree();
  std::vector<int> order(plan.rules.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
  // Among equal scores the graver rule first, then rule id: a rule's rank
  // in that order is its part of the key (a pack that sets no severity
  // keeps contract.md's order by id).
  std::sort(order.begin(), order.end(), [&](int a, int b) {
    const RuleSpec& left = *plan.rules[static_cast<std::size_t>(a)].spec;
    const RuleSpec& right = *plan.rules[static_cast<std::size_t>(b)].spec;
    if (left.severity != right.severity) return left.severity > right.severity;
    return left.id < right.id;
  });
  std::vector<uint32_t> rule_rank(plan.rules.size());
  for (std::size_t position = 0; position < order.size(); ++position) {
    rule_rank[static_cast<std::size_t>(order[position])] = static_cast<uint32_t>(position);
  }
  const auto orgs = static_cast<std::size_t>(tree.size());
  const std::size_t ranges = (orgs + kRangeOrgs - 1) / kRangeOrgs;

  // Grouping every finding by org in one array of keys scattered
  // each key to its org's place: a cache miss a finding. Instead, each list
  // is cut into runs of findings whose orgs lie in one range, and each range
  // is then grouped and ranked on its own, in cache, on any thread
  // (BENCHMARKS.md). A
  // list's runs come with it (FindingList::runs): a few per list, one per
  // range a batch spans.
  const auto& lists = findings.lists();
  std::vector<std::vector<Piece>> pieces(ranges);
  for (std::size_t list = 0; list < lists.size(); ++list) {
    const auto& runs = findings.runs(list);
    for (std::size_t r = 0; r < runs.size(); ++r) {
      const std::size_t end = r + 1 < runs.size() ? runs[r + 1].begin : lists[list].size();
      pieces[runs[r].range].push_back({list, runs[r].begin, end});
    }
  }

  // Each range: its findings' keys grouped by org (a counting sort), each
  // org's keys sorted, the org's entry made.
  std::vector<std::vector<RankedOrg>> ranked_ranges(ranges);
  parallel_for(threads, ranges, [&](std::size_t range) {
    const std::size_t first_org = range * kRangeOrgs;
    const std::size_t range_orgs = std::min(kRangeOrgs, orgs - first_org);
    std::size_t total = 0;
    for (const Piece& piece : pieces[range]) total += piece.end - piece.begin;
    if (total == 0) return;
    // A thread's buffers serve all its ranges: fresh ones, a few hundred
    // kilobytes each, would be mapped and faulted in range after range.
    thread_local std::vector<FindingKey> made;
    thread_local std::vector<uint16_t> made_org;  // the key's org, from first_org
    thread_local std::vector<uint32_t> begin;
    thread_local std::vector<uint32_t> at;
    thread_local std::vector<FindingKey> keys;
    made.clear();
    made_org.clear();
    begin.assign(range_orgs + 1, 0);
    for (const Piece& piece : pieces[range]) {
      for (std::size_t i = piece.begin; i < piece.end; ++i) {
        const Finding& finding = lists[piece.list][i];
        const auto org = static_cast<uint16_t>(static_cast<std::size_t>(finding.org) - first_org);
        made.push_back(key_of(finding, rule_rank[static_cast<std::size_t>(finding.rule)]));
        made_org.push_back(org);
        ++begin[org + 1];
      }
    }
    for (std::size_t org = 0; org < range_orgs; ++org) begin[org + 1] += begin[org];
    at.assign(begin.begin(), begin.end() - 1);
    keys.resize(total);
    for (std::size_t k = 0; k < total; ++k) keys[at[made_org[k]]++] = made[k];
    std::vector<RankedOrg>& out = ranked_ranges[range];
    for (std::size_t org = 0; org < range_orgs; ++org) {
      FindingKey* first = keys.data() + begin[org];
      FindingKey* last = keys.data() + begin[org + 1];
      if (first == last) continue;
      std::sort(first, last, finding_before);
      RankedOrg entry;
      entry.org = static_cast<OrgIndex>(first_org + org);
      entry.findings.reserve(static_cast<std::size_t>(last - first));
      for (auto it = first; it != last; ++it) {
        entry.total_micros = add_micros(entry.total_micros, score_of(*it));
        entry.findings.push_back(it->finding);
      }
      out.push_back(std::move(entry));
    }
  });
  std::vector<RankedOrg> ranked;
  for (auto& list : ranked_ranges) std::move(list.begin(), list.end(), std::back_inserter(ranked));
  return in_total_order(std::move(ranked), tree);
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
    rollup.total_micros = add_micros(rollup.total_micros, entry.total_micros);
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
  std::sort(rollups.begin(), rollups.end(), [&](const Rollup& a, const Rollup& b) {
    return tree.id_rank(a.committee) < tree.id_rank(b.committee);
  });
  return rollups;
}

}  // namespace cadence

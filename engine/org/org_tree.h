// The organization tree: one root, every other org has exactly one parent.
//
// Orgs are numbered in pre-order (children in byte order of their ids), so
// that the subtree of org i is the contiguous range [i, subtree_end(i)). This
// is what makes roll-ups (pooled sums over a subtree) linear time: record sets
// sorted by org pre-order have each subtree's rows in one slice.
//
// Boost.Graph holds the graph while building (depth-first search gives the
// order); the finished tree is a few flat arrays. Immutable after build, so
// safe to share between threads.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/core/diagnostic.h"

namespace cadence {

// An org's pre-order number: 0 is the root.
using OrgIndex = int32_t;
inline constexpr OrgIndex kNoOrg = -1;

struct OrgInput {
  std::string id;
  std::string parent_id;  // empty for the root
  SourceSpan span;        // where the org was read, for diagnostics
};

class OrgTree {
 public:
  // Builds the tree or reports every problem: duplicate ids, unknown parents
  // (orphans), several roots or none, and cycles (each cycle listing its
  // members, e.g. "cycle: O3 → O7 → O3"). Returns nullopt when any error was
  // reported.
  //
  // Messages, each at the span of the org concerned:
  //   duplicate org id 'O5' (lines 3 and 7)      -- "rows" when spans have no line
  //   org 'O8' has unknown parent 'O99'
  //   the org tree has several roots: 'R1', 'R2' (only one org may have an empty parent_id)
  //   the org tree has no root (no org has an empty parent_id)
  //   cycle in the org tree: O3 → O7 → O9 → O3
  // A cycle is reported once; each arrow goes from an org to its parent, and
  // the listing starts at the member that comes first in the input. Orgs
  // hanging below a cycle or below an orphan are not reported again: fixing
  // the first problem fixes them. Later duplicates are ignored for the rest
  // of the checks (references resolve to the first org with the id).
  static std::optional<OrgTree> build(const std::vector<OrgInput>& orgs, Diagnostics& diagnostics);

  int32_t size() const { return static_cast<int32_t>(ids_.size()); }
  OrgIndex root() const { return 0; }
  std::optional<OrgIndex> find(std::string_view id) const;
  const std::string& id(OrgIndex org) const { return ids_[static_cast<std::size_t>(org)]; }
  OrgIndex parent(OrgIndex org) const { return parents_[static_cast<std::size_t>(org)]; }
  int depth(OrgIndex org) const { return depths_[static_cast<std::size_t>(org)]; }
  // One past the last org of org's subtree.
  OrgIndex subtree_end(OrgIndex org) const { return subtree_ends_[static_cast<std::size_t>(org)]; }
  bool in_subtree(OrgIndex org, OrgIndex ancestor) const {
    return ancestor <= org && org < subtree_end(ancestor);
  }
  // Children in pre-order (their ids in byte order).
  std::span<const OrgIndex> children(OrgIndex org) const;
  // Parent first, root last.
  std::vector<OrgIndex> ancestors(OrgIndex org) const;
  // The ancestor (or org itself) at the given depth; kNoOrg if org is shallower.
  OrgIndex ancestor_at_depth(OrgIndex org, int depth) const;
  // Position of the org in the input vector given to build().
  int32_t input_position(OrgIndex org) const { return input_positions_[static_cast<std::size_t>(org)]; }
  // The org's place in byte order of the ids (0 first): orders orgs as
  // their ids do, without comparing strings. Every "then by org id" order
  // uses it: ranking breaks many ties by id (BENCHMARKS.md).
  int32_t id_rank(OrgIndex org) const { return id_ranks_[static_cast<std::size_t>(org)]; }

 private:
  // Depths and child lists from parents_ (build's last step).
  void link_children();

  std::vector<std::string> ids_;
  std::vector<OrgIndex> parents_;
  std::vector<int32_t> depths_;
  std::vector<OrgIndex> subtree_ends_;
  std::vector<int32_t> child_offsets_;  // children of i: child_list_[child_offsets_[i] .. [i+1])
  std::vector<OrgIndex> child_list_;
  std::vector<int32_t> input_positions_;
  std::vector<int32_t> id_ranks_;
  // Ids → orgs, an open-addressing hash table (linear probing, at most half
  // full): a slot holds the id's hash in its high 32 bits and the org in its
  // low 32 bits, or ~0 when empty. Flat, because a node-based map's cache
  // misses dominated building a large tree (BENCHMARKS.md). Never iterated
  // for output.
  std::vector<uint64_t> id_slots_;
};

}  // namespace cadence

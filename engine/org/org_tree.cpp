#include "engine/org/org_tree.h"

#include <algorithm>
#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/graph/depth_first_search.hpp>
#include <cstring>
#include <utility>
#include <boost/property_map/property_map.hpp>

#include "engine/core/status.h"

namespace cadence {
namespace {

// Parent links by input position, while checking.
constexpr int32_t kRootParent = -1;     // empty parent_id
constexpr int32_t kUnknownParent = -2;  // parent_id names no org (already reported)
constexpr int32_t kDuplicate = -3;      // a later org with an id already taken: ignored

// Compressed sparse rows: a tree is two flat arrays, not a little edge
// vector per org (BENCHMARKS.md).
using Graph = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, boost::no_property,
                                                 boost::no_property, uint32_t, uint32_t>;
using Vertex = boost::graph_traits<Graph>::vertex_descriptor;

// Records the pre-order number of each vertex when it is discovered and the
// end of its subtree (the next number to hand out) when it is finished.
class PreorderVisitor : public boost::default_dfs_visitor {
 public:
  PreorderVisitor(std::vector<int32_t>& preorder, std::vector<int32_t>& subtree_ends, int32_t& next)
      : preorder_(&preorder), subtree_ends_(&subtree_ends), next_(&next) {}
  void discover_vertex(Vertex vertex, const Graph& /*graph*/) const {
    (*preorder_)[vertex] = (*next_)++;
  }
  void finish_vertex(Vertex vertex, const Graph& /*graph*/) const {
    (*subtree_ends_)[static_cast<std::size_t>((*preorder_)[vertex])] = *next_;
  }

 private:
  // Pointers: Boost copies visitors by value.
  std::vector<int32_t>* preorder_;
  std::vector<int32_t>* subtree_ends_;
  int32_t* next_;
};

// "lines 3 and 7" when both spans know their line, else the input rows.
std::string describe_pair(const OrgInput& first, std::size_t first_position, const OrgInput& second,
                          std::size_t second_position) {
  if (first.span.line > 0 && second.span.line > 0) {
    return "lines " + std::to_string(first.span.line) + " and " + std::to_string(second.span.line);
  }
  return "rows " + std::to_string(first_position + 1) + " and " + std::to_string(second_position + 1);
}

// The first 8 bytes of an id, big-endian, zero-padded: comparing these
// numbers agrees with byte order of the ids except where they tie, so most
// comparisons of a sort touch no string.
uint64_t id_prefix(const std::string& id) {
  unsigned char bytes[8] = {};
  std::memcpy(bytes, id.data(), std::min<std::size_t>(id.size(), 8));
  uint64_t prefix = 0;
  for (unsigned char byte : bytes) prefix = (prefix << 8) | byte;
  return prefix;
}

constexpr uint64_t kEmptySlot = ~uint64_t{0};

uint64_t hash_id(std::string_view id) { return std::hash<std::string_view>{}(id); }

// The slot holding id, or the empty slot where it would go. `id_of(value)`
// gives the id of a slot's stored value.
template <typename IdOf>
std::size_t probe(const std::vector<uint64_t>& slots, std::string_view id, uint64_t hash, IdOf id_of) {
  const std::size_t mask = slots.size() - 1;
  const uint64_t tag = hash >> 32;
  for (std::size_t slot = static_cast<std::size_t>(hash) & mask;; slot = (slot + 1) & mask) {
    const uint64_t entry = slots[slot];
    if (entry == kEmptySlot) return slot;
    if ((entry >> 32) == tag && id_of(static_cast<uint32_t>(entry)) == id) return slot;
  }
}

// Step 1: ids → input position in id_slots; the first org with an id keeps
// it, later ones are reported and marked kDuplicate in parent_of.
void index_ids(const std::vector<OrgInput>& orgs, std::vector<uint64_t>& id_slots, std::vector<int32_t>& parent_of,
               Diagnostics& diagnostics) {
  CADENCE_ASSERT(parent_of.size() == orgs.size());
  std::size_t capacity = 2;
  while (capacity < 2 * orgs.size()) capacity *= 2;
  id_slots.assign(capacity, kEmptySlot);
  auto input_id = [&orgs](uint32_t position) -> const std::string& { return orgs[position].id; };
  const auto count = static_cast<int32_t>(orgs.size());
  for (int32_t position = 0; position < count; ++position) {
    const OrgInput& org = orgs[static_cast<std::size_t>(position)];
    const uint64_t hash = hash_id(org.id);
    uint64_t& entry = id_slots[probe(id_slots, org.id, hash, input_id)];
    if (entry == kEmptySlot) {
      entry = (hash & ~uint64_t{0xffffffff}) | static_cast<uint32_t>(position);
    } else {
      const auto first = static_cast<std::size_t>(static_cast<uint32_t>(entry));
      diagnostics.error(org.span, "duplicate org id '" + org.id + "' (" +
                                      describe_pair(orgs[first], first, org, static_cast<std::size_t>(position)) +
                                      ")");
      parent_of[static_cast<std::size_t>(position)] = kDuplicate;
    }
  }
}

// Step 2: parent links, orphans and roots. Returns the roots in input order;
// reports none or several.
std::vector<int32_t> link_parents(const std::vector<OrgInput>& orgs, const std::vector<uint64_t>& id_slots,
                                  std::vector<int32_t>& parent_of, Diagnostics& diagnostics) {
  auto input_id = [&orgs](uint32_t position) -> const std::string& { return orgs[position].id; };
  auto find_input = [&](const std::string& id) -> int32_t {
    const uint64_t entry = id_slots[probe(id_slots, id, hash_id(id), input_id)];
    return entry == kEmptySlot ? -1 : static_cast<int32_t>(static_cast<uint32_t>(entry));
  };
  std::vector<int32_t> roots;
  const auto count = static_cast<int32_t>(orgs.size());
  for (int32_t position = 0; position < count; ++position) {
    const auto p = static_cast<std::size_t>(position);
    if (parent_of[p] == kDuplicate) continue;
    const OrgInput& org = orgs[p];
    if (org.parent_id.empty()) {
      roots.push_back(position);
      continue;
    }
    const int32_t parent = find_input(org.parent_id);
    if (parent < 0) {
      diagnostics.error(org.span, "org '" + org.id + "' has unknown parent '" + org.parent_id + "'");
      parent_of[p] = kUnknownParent;
    } else {
      parent_of[p] = parent;
    }
  }
  if (roots.size() > 1) {
    std::string listing;
    for (int32_t root : roots) {
      if (!listing.empty()) listing += ", ";
      listing += "'" + orgs[static_cast<std::size_t>(root)].id + "'";
    }
    diagnostics.error(orgs[static_cast<std::size_t>(roots[1])].span,
                      "the org tree has several roots: " + listing +
                          " (only one org may have an empty parent_id)");
  } else if (roots.empty()) {
    SourceSpan span;
    if (!orgs.empty()) span.file = orgs.front().span.file;
    diagnostics.error(span, "the org tree has no root (no org has an empty parent_id)");
  }
  return roots;
}

// Step 3: cycles. Parent links form a functional graph: walking up from any
// org ends at a root, at an orphan, or in a cycle. Each walk stops at orgs
// seen by earlier walks, so every cycle is found exactly once and the orgs
// below it are never reported on their own.
void report_cycles(const std::vector<OrgInput>& orgs, const std::vector<int32_t>& parent_of,
                   Diagnostics& diagnostics) {
  enum : uint8_t { kUnseen, kOnWalk, kDone };
  std::vector<uint8_t> state(orgs.size(), kUnseen);
  std::vector<int32_t> walk;
  const auto count = static_cast<int32_t>(orgs.size());
  for (int32_t start = 0; start < count; ++start) {
    if (state[static_cast<std::size_t>(start)] != kUnseen) continue;
    walk.clear();
    int32_t at = start;
    while (at >= 0 && state[static_cast<std::size_t>(at)] == kUnseen) {
      state[static_cast<std::size_t>(at)] = kOnWalk;
      walk.push_back(at);
      at = parent_of[static_cast<std::size_t>(at)];
    }
    if (at >= 0 && state[static_cast<std::size_t>(at)] == kOnWalk) {
      auto cycle_begin = std::find(walk.begin(), walk.end(), at);
      std::vector<int32_t> cycle(cycle_begin, walk.end());
      // Start at the member that comes first in the input: the span points there.
      std::rotate(cycle.begin(), std::min_element(cycle.begin(), cycle.end()), cycle.end());
      std::string listing;
      for (int32_t member : cycle) listing += orgs[static_cast<std::size_t>(member)].id + " → ";
      listing += orgs[static_cast<std::size_t>(cycle.front())].id;
      diagnostics.error(orgs[static_cast<std::size_t>(cycle.front())].span, "cycle in the org tree: " + listing);
    }
    for (int32_t visited : walk) state[static_cast<std::size_t>(visited)] = kDone;
  }
}

// Step 4: every org but the root as (id prefix, input position), in byte
// order of ids.
std::vector<std::pair<uint64_t, int32_t>> non_roots_by_id(const std::vector<OrgInput>& orgs,
                                                          const std::vector<int32_t>& parent_of) {
  std::vector<std::pair<uint64_t, int32_t>> by_id;
  by_id.reserve(orgs.size());
  const auto count = static_cast<int32_t>(orgs.size());
  for (int32_t position = 0; position < count; ++position) {
    if (parent_of[static_cast<std::size_t>(position)] >= 0) {
      by_id.emplace_back(id_prefix(orgs[static_cast<std::size_t>(position)].id), position);
    }
  }
  std::sort(by_id.begin(), by_id.end(), [&orgs](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first < b.first;
    return orgs[static_cast<std::size_t>(a.second)].id < orgs[static_cast<std::size_t>(b.second)].id;
  });
  return by_id;
}

// Step 5: pre-order number of each input position, and each org's subtree
// end (by pre-order number). Edges go parent → child in byte order of the
// child ids, so that the depth-first search meets children in that order.
std::vector<int32_t> number_preorder(const std::vector<int32_t>& parent_of,
                                     const std::vector<std::pair<uint64_t, int32_t>>& by_id, int32_t root,
                                     std::vector<OrgIndex>& subtree_ends) {
  const std::size_t size = parent_of.size();
  // A stable counting sort by parent keeps each parent's children in id
  // order, which is the sorted edge list the graph wants.
  std::vector<uint32_t> edge_starts(size + 1, 0);
  for (const auto& entry : by_id) ++edge_starts[static_cast<std::size_t>(parent_of[static_cast<std::size_t>(entry.second)]) + 1];
  for (std::size_t org = 0; org < size; ++org) edge_starts[org + 1] += edge_starts[org];
  std::vector<std::pair<uint32_t, uint32_t>> edges(by_id.size());
  for (const auto& entry : by_id) {
    const auto parent = static_cast<uint32_t>(parent_of[static_cast<std::size_t>(entry.second)]);
    edges[edge_starts[parent]++] = {parent, static_cast<uint32_t>(entry.second)};
  }
  Graph graph(boost::edges_are_sorted, edges.begin(), edges.end(), static_cast<uint32_t>(size));

  std::vector<int32_t> preorder(size, kNoOrg);
  subtree_ends.assign(size, 0);
  int32_t next = 0;
  std::vector<boost::default_color_type> colors(size, boost::white_color);
  // Boost's depth_first_visit keeps its own stack (no recursion), so a deep
  // chain of orgs cannot overflow the call stack.
  boost::depth_first_visit(graph, static_cast<Vertex>(root), PreorderVisitor(preorder, subtree_ends, next),
                           boost::make_iterator_property_map(colors.begin(), boost::get(boost::vertex_index, graph)));
  CADENCE_ASSERT(next == static_cast<int32_t>(size));
  return preorder;
}

// Step 6: every org's place in byte order of ids: the sorted edge list's
// order, with the root (which has no edge) put in its place.
void rank_ids(const std::vector<OrgInput>& orgs, const std::vector<std::pair<uint64_t, int32_t>>& by_id, int32_t root,
              const std::vector<int32_t>& preorder, std::vector<int32_t>& id_ranks) {
  CADENCE_ASSERT(by_id.size() + 1 == orgs.size());
  const std::string& root_id = orgs[static_cast<std::size_t>(root)].id;
  const auto root_at = std::partition_point(by_id.begin(), by_id.end(), [&](const auto& entry) {
    return orgs[static_cast<std::size_t>(entry.second)].id < root_id;
  });
  id_ranks.resize(orgs.size());
  int32_t rank = 0;
  auto place = [&](int32_t position) {
    id_ranks[static_cast<std::size_t>(preorder[static_cast<std::size_t>(position)])] = rank++;
  };
  for (auto entry = by_id.begin(); entry != root_at; ++entry) place(entry->second);
  place(root);
  for (auto entry = root_at; entry != by_id.end(); ++entry) place(entry->second);
}

}  // namespace

std::optional<OrgTree> OrgTree::build(const std::vector<OrgInput>& orgs, Diagnostics& diagnostics) {
  const int errors_before = diagnostics.error_count();
  const auto count = static_cast<int32_t>(orgs.size());
  OrgTree tree;

  std::vector<int32_t> parent_of(orgs.size(), kRootParent);
  index_ids(orgs, tree.id_slots_, parent_of, diagnostics);
  const std::vector<int32_t> roots = link_parents(orgs, tree.id_slots_, parent_of, diagnostics);
  report_cycles(orgs, parent_of, diagnostics);
  if (diagnostics.error_count() > errors_before) return std::nullopt;

  // From here: unique ids, one root, no orphans, no cycles, so every org is
  // reachable from the root.
  CADENCE_ASSERT(roots.size() == 1);
  const int32_t root = roots.front();
  const std::vector<std::pair<uint64_t, int32_t>> by_id = non_roots_by_id(orgs, parent_of);
  const std::vector<int32_t> preorder = number_preorder(parent_of, by_id, root, tree.subtree_ends_);

  tree.ids_.resize(orgs.size());
  tree.parents_.resize(orgs.size());
  tree.input_positions_.resize(orgs.size());
  for (int32_t position = 0; position < count; ++position) {
    const auto p = static_cast<std::size_t>(position);
    const auto org = static_cast<std::size_t>(preorder[p]);
    tree.ids_[org] = orgs[p].id;
    tree.input_positions_[org] = position;
    tree.parents_[org] = parent_of[p] >= 0 ? preorder[static_cast<std::size_t>(parent_of[p])] : kNoOrg;
  }
  rank_ids(orgs, by_id, root, preorder, tree.id_ranks_);
  // The id slots now point at pre-order numbers instead of input positions.
  for (uint64_t& entry : tree.id_slots_) {
    if (entry != kEmptySlot) {
      entry = (entry & ~uint64_t{0xffffffff}) | static_cast<uint32_t>(preorder[static_cast<uint32_t>(entry)]);
    }
  }
  tree.link_children();
  return tree;
}

// A parent precedes its children in pre-order, so one forward pass gives
// depths, and children are met in pre-order, i.e. in byte order of ids.
void OrgTree::link_children() {
  const std::size_t size = parents_.size();
  depths_.assign(size, 0);
  child_offsets_.assign(size + 1, 0);
  for (std::size_t org = 1; org < size; ++org) {
    const auto parent = static_cast<std::size_t>(parents_[org]);
    depths_[org] = depths_[parent] + 1;
    ++child_offsets_[parent + 1];
  }
  for (std::size_t org = 0; org < size; ++org) child_offsets_[org + 1] += child_offsets_[org];
  child_list_.resize(size > 0 ? size - 1 : 0);
  std::vector<int32_t> fill(child_offsets_.begin(), child_offsets_.end() - 1);
  for (std::size_t org = 1; org < size; ++org) {
    const auto parent = static_cast<std::size_t>(parents_[org]);
    child_list_[static_cast<std::size_t>(fill[parent]++)] = static_cast<OrgIndex>(org);
  }
}

std::optional<OrgIndex> OrgTree::find(std::string_view id) const {
  if (id_slots_.empty()) return std::nullopt;
  auto id_of = [this](uint32_t org) -> const std::string& { return ids_[org]; };
  const uint64_t entry = id_slots_[probe(id_slots_, id, hash_id(id), id_of)];
  if (entry == kEmptySlot) return std::nullopt;
  return static_cast<OrgIndex>(static_cast<uint32_t>(entry));
}

std::span<const OrgIndex> OrgTree::children(OrgIndex org) const {
  const auto begin = static_cast<std::size_t>(child_offsets_[static_cast<std::size_t>(org)]);
  const auto end = static_cast<std::size_t>(child_offsets_[static_cast<std::size_t>(org) + 1]);
  return std::span<const OrgIndex>(child_list_.data() + begin, end - begin);
}

std::vector<OrgIndex> OrgTree::ancestors(OrgIndex org) const {
  std::vector<OrgIndex> result;
  for (OrgIndex at = parent(org); at != kNoOrg; at = parent(at)) result.push_back(at);
  return result;
}

OrgIndex OrgTree::ancestor_at_depth(OrgIndex org, int depth) const {
  if (depth < 0 || depth > this->depth(org)) return kNoOrg;
  OrgIndex at = org;
  while (this->depth(at) > depth) at = parent(at);
  return at;
}

}  // namespace cadence

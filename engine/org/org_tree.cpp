#include "engine/org/org_tree.h"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/depth_first_search.hpp>
#include <boost/property_map/property_map.hpp>

#include "engine/core/status.h"

namespace cadence {
namespace {

// Parent links by input position, while checking.
constexpr int32_t kRootParent = -1;     // empty parent_id
constexpr int32_t kUnknownParent = -2;  // parent_id names no org (already reported)
constexpr int32_t kDuplicate = -3;      // a later org with an id already taken: ignored

using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
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

}  // namespace

std::optional<OrgTree> OrgTree::build(const std::vector<OrgInput>& orgs, Diagnostics& diagnostics) {
  const int errors_before = diagnostics.error_count();
  const auto count = static_cast<int32_t>(orgs.size());
  OrgTree tree;

  // Ids → input position; the first org with an id keeps it.
  tree.index_by_id_.reserve(orgs.size());
  std::vector<int32_t> parent_of(orgs.size(), kRootParent);
  for (int32_t position = 0; position < count; ++position) {
    const OrgInput& org = orgs[static_cast<std::size_t>(position)];
    auto [it, inserted] = tree.index_by_id_.try_emplace(org.id, position);
    if (!inserted) {
      const auto first = static_cast<std::size_t>(it->second);
      diagnostics.error(org.span, "duplicate org id '" + org.id + "' (" +
                                      describe_pair(orgs[first], first, org, static_cast<std::size_t>(position)) +
                                      ")");
      parent_of[static_cast<std::size_t>(position)] = kDuplicate;
    }
  }

  // Parent links, orphans and roots.
  std::vector<int32_t> roots;
  for (int32_t position = 0; position < count; ++position) {
    const auto p = static_cast<std::size_t>(position);
    if (parent_of[p] == kDuplicate) continue;
    const OrgInput& org = orgs[p];
    if (org.parent_id.empty()) {
      roots.push_back(position);
      continue;
    }
    auto it = tree.index_by_id_.find(org.parent_id);
    if (it == tree.index_by_id_.end()) {
      diagnostics.error(org.span, "org '" + org.id + "' has unknown parent '" + org.parent_id + "'");
      parent_of[p] = kUnknownParent;
    } else {
      parent_of[p] = it->second;
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

  // Cycles. Parent links form a functional graph: walking up from any org
  // ends at a root, at an orphan, or in a cycle. Each walk stops at orgs seen
  // by earlier walks, so every cycle is found exactly once and the orgs below
  // it are never reported on their own.
  {
    enum : uint8_t { kUnseen, kOnWalk, kDone };
    std::vector<uint8_t> state(orgs.size(), kUnseen);
    std::vector<int32_t> walk;
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

  if (diagnostics.error_count() > errors_before) return std::nullopt;

  // From here: unique ids, one root, no orphans, no cycles, so every org is
  // reachable from the root. Edges go parent → child, added in byte order of
  // the child ids, so that the depth-first search meets children in that order.
  std::vector<int32_t> by_id;
  by_id.reserve(orgs.size());
  for (int32_t position = 0; position < count; ++position) {
    if (parent_of[static_cast<std::size_t>(position)] >= 0) by_id.push_back(position);
  }
  std::sort(by_id.begin(), by_id.end(), [&orgs](int32_t a, int32_t b) {
    return orgs[static_cast<std::size_t>(a)].id < orgs[static_cast<std::size_t>(b)].id;
  });
  Graph graph(orgs.size());
  for (int32_t child : by_id) {
    boost::add_edge(static_cast<Vertex>(parent_of[static_cast<std::size_t>(child)]), static_cast<Vertex>(child),
                    graph);
  }

  std::vector<int32_t> preorder(orgs.size(), kNoOrg);
  tree.subtree_ends_.assign(orgs.size(), 0);
  int32_t next = 0;
  std::vector<boost::default_color_type> colors(orgs.size(), boost::white_color);
  // Boost's depth_first_visit keeps its own stack (no recursion), so a deep
  // chain of orgs cannot overflow the call stack.
  boost::depth_first_visit(graph, static_cast<Vertex>(roots.front()),
                           PreorderVisitor(preorder, tree.subtree_ends_, next),
                           boost::make_iterator_property_map(colors.begin(), boost::get(boost::vertex_index, graph)));
  CADENCE_ASSERT(next == count);

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
  for (auto& entry : tree.index_by_id_) entry.second = preorder[static_cast<std::size_t>(entry.second)];

  // A parent precedes its children in pre-order, so one forward pass gives
  // depths, and children are met in pre-order, i.e. in byte order of ids.
  tree.depths_.assign(orgs.size(), 0);
  tree.child_offsets_.assign(orgs.size() + 1, 0);
  for (int32_t org = 1; org < count; ++org) {
    const auto parent = static_cast<std::size_t>(tree.parents_[static_cast<std::size_t>(org)]);
    tree.depths_[static_cast<std::size_t>(org)] = tree.depths_[parent] + 1;
    ++tree.child_offsets_[parent + 1];
  }
  for (std::size_t org = 0; org < orgs.size(); ++org) tree.child_offsets_[org + 1] += tree.child_offsets_[org];
  tree.child_list_.resize(orgs.size() > 0 ? orgs.size() - 1 : 0);
  std::vector<int32_t> fill(tree.child_offsets_.begin(), tree.child_offsets_.end() - 1);
  for (int32_t org = 1; org < count; ++org) {
    const auto parent = static_cast<std::size_t>(tree.parents_[static_cast<std::size_t>(org)]);
    tree.child_list_[static_cast<std::size_t>(fill[parent]++)] = org;
  }
  return tree;
}

std::optional<OrgIndex> OrgTree::find(std::string_view id) const {
  auto it = index_by_id_.find(id);
  if (it == index_by_id_.end()) return std::nullopt;
  return it->second;
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

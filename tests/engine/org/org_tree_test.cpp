#include "engine/org/org_tree.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

namespace cadence {
namespace {

// {id, parent_id} pairs; org i is read from line i + 2 of orgs.csv (after the header).
std::vector<OrgInput> inputs(const std::vector<std::pair<std::string, std::string>>& orgs) {
  std::vector<OrgInput> result;
  int line = 2;
  for (const auto& [id, parent] : orgs) result.push_back({id, parent, SourceSpan{"orgs.csv", line++, 0, 1, "id"}});
  return result;
}

std::vector<std::string> messages(const Diagnostics& diagnostics) {
  std::vector<std::string> result;
  for (const Diagnostic& diagnostic : diagnostics.items()) result.push_back(diagnostic.message);
  return result;
}

std::vector<std::string> ids(const OrgTree& tree, const std::vector<OrgIndex>& orgs) {
  std::vector<std::string> result;
  for (OrgIndex org : orgs) result.push_back(tree.id(org));
  return result;
}

// R
// ├─ C1 ── B10, B11
// ├─ C10
// └─ C2 ── B20, G2 ── B2a, B2b
// given in scrambled order: the tree must not depend on input order.
OrgTree ten_orgs() {
  Diagnostics diagnostics;
  auto tree = OrgTree::build(inputs({{"B2b", "G2"},
                                     {"C2", "R"},
                                     {"R", ""},
                                     {"B11", "C1"},
                                     {"G2", "C2"},
                                     {"C10", "R"},
                                     {"B10", "C1"},
                                     {"C1", "R"},
                                     {"B2a", "G2"},
                                     {"B20", "C2"}}),
                             diagnostics);
  REQUIRE(diagnostics.empty());
  REQUIRE(tree.has_value());
  return std::move(*tree);
}

TEST_CASE("orgs are numbered in pre-order with children in byte order of their ids") {
  OrgTree tree = ten_orgs();
  REQUIRE(tree.size() == 10);
  std::vector<std::string> order;
  for (OrgIndex org = 0; org < tree.size(); ++org) order.push_back(tree.id(org));
  // "C1" < "C10" < "C2" in byte order.
  CHECK(order == std::vector<std::string>{"R", "C1", "B10", "B11", "C10", "C2", "B20", "G2", "B2a", "B2b"});
  CHECK(tree.root() == 0);
  CHECK(tree.parent(0) == kNoOrg);
  CHECK(tree.parent(*tree.find("B2a")) == *tree.find("G2"));
}

TEST_CASE("id_rank orders every org as its id does in byte order, the root among them") {
  OrgTree tree = ten_orgs();
  std::vector<std::pair<int32_t, std::string>> by_rank;
  for (OrgIndex org = 0; org < tree.size(); ++org) by_rank.emplace_back(tree.id_rank(org), tree.id(org));
  std::sort(by_rank.begin(), by_rank.end());
  std::vector<std::string> order;
  for (int32_t rank = 0; rank < tree.size(); ++rank) {
    CHECK(by_rank[static_cast<std::size_t>(rank)].first == rank);  // 0 .. size − 1, each once
    order.push_back(by_rank[static_cast<std::size_t>(rank)].second);
  }
  CHECK(order == std::vector<std::string>{"B10", "B11", "B20", "B2a", "B2b", "C1", "C10", "C2", "G2", "R"});

  // A root whose id sorts first, and one whose id sorts between others.
  for (const std::string& root : {std::string("A"), std::string("C15")}) {
    Diagnostics diagnostics;
    auto other = OrgTree::build(inputs({{"C2", root}, {root, ""}, {"C1", root}, {"B", "C1"}}), diagnostics);
    REQUIRE(other.has_value());
    std::vector<std::string> ranked(4);
    for (OrgIndex org = 0; org < other->size(); ++org)
      ranked[static_cast<std::size_t>(other->id_rank(org))] = other->id(org);
    CHECK(ranked == (root == "A" ? std::vector<std::string>{"A", "B", "C1", "C2"}
                                 : std::vector<std::string>{"B", "C1", "C15", "C2"}));
  }
}

TEST_CASE("a subtree is the contiguous range from the org to subtree_end") {
  OrgTree tree = ten_orgs();
  std::vector<OrgIndex> ends;
  for (OrgIndex org = 0; org < tree.size(); ++org) ends.push_back(tree.subtree_end(org));
  CHECK(ends == std::vector<OrgIndex>{10, 4, 3, 4, 5, 10, 7, 10, 9, 10});
  const OrgIndex c2 = *tree.find("C2");
  CHECK(tree.in_subtree(*tree.find("B2b"), c2));
  CHECK_FALSE(tree.in_subtree(*tree.find("B11"), c2));
  CHECK(tree.in_subtree(c2, c2));
}

TEST_CASE("depths count from the root at 0") {
  OrgTree tree = ten_orgs();
  CHECK(tree.depth(tree.root()) == 0);
  CHECK(tree.depth(*tree.find("C10")) == 1);
  CHECK(tree.depth(*tree.find("B20")) == 2);
  CHECK(tree.depth(*tree.find("B2b")) == 3);
}

TEST_CASE("children come in byte order of their ids") {
  OrgTree tree = ten_orgs();
  auto children = tree.children(tree.root());
  CHECK(ids(tree, {children.begin(), children.end()}) == std::vector<std::string>{"C1", "C10", "C2"});
  auto g2 = tree.children(*tree.find("G2"));
  CHECK(ids(tree, {g2.begin(), g2.end()}) == std::vector<std::string>{"B2a", "B2b"});
  CHECK(tree.children(*tree.find("C10")).empty());
}

TEST_CASE("ancestors run from the parent up to the root") {
  OrgTree tree = ten_orgs();
  CHECK(ids(tree, tree.ancestors(*tree.find("B2a"))) == std::vector<std::string>{"G2", "C2", "R"});
  CHECK(tree.ancestors(tree.root()).empty());
}

TEST_CASE("ancestor_at_depth finds the ancestor or the org itself or none") {
  OrgTree tree = ten_orgs();
  const OrgIndex b2a = *tree.find("B2a");
  CHECK(tree.ancestor_at_depth(b2a, 0) == tree.root());
  CHECK(tree.ancestor_at_depth(b2a, 1) == *tree.find("C2"));
  CHECK(tree.ancestor_at_depth(b2a, 2) == *tree.find("G2"));
  CHECK(tree.ancestor_at_depth(b2a, 3) == b2a);
  CHECK(tree.ancestor_at_depth(*tree.find("C1"), 2) == kNoOrg);
}

TEST_CASE("find and input_position map between ids and pre-order and the input") {
  OrgTree tree = ten_orgs();
  CHECK(tree.input_position(tree.root()) == 2);
  CHECK(tree.input_position(*tree.find("B2b")) == 0);
  CHECK_FALSE(tree.find("nope").has_value());
}

TEST_CASE("a duplicate id names both lines") {
  Diagnostics diagnostics;
  auto tree = OrgTree::build(inputs({{"R", ""}, {"A", "R"}, {"A", "R"}}), diagnostics);
  CHECK_FALSE(tree.has_value());
  CHECK(messages(diagnostics) == std::vector<std::string>{"duplicate org id 'A' (lines 3 and 4)"});
  CHECK(diagnostics.items()[0].span.line == 4);
}

TEST_CASE("without lines a duplicate id names the input rows") {
  Diagnostics diagnostics;
  std::vector<OrgInput> orgs{{"R", "", {}}, {"R", "", {}}};
  CHECK_FALSE(OrgTree::build(orgs, diagnostics).has_value());
  CHECK(messages(diagnostics) == std::vector<std::string>{"duplicate org id 'R' (rows 1 and 2)"});
}

TEST_CASE("an orphan names its unknown parent and its descendants are not reported") {
  Diagnostics diagnostics;
  auto tree = OrgTree::build(inputs({{"R", ""}, {"X", "Y"}, {"X1", "X"}}), diagnostics);
  CHECK_FALSE(tree.has_value());
  CHECK(messages(diagnostics) == std::vector<std::string>{"org 'X' has unknown parent 'Y'"});
  CHECK(diagnostics.items()[0].span.line == 3);
}

TEST_CASE("several roots are listed in one error") {
  Diagnostics diagnostics;
  CHECK_FALSE(OrgTree::build(inputs({{"R1", ""}, {"A", "R1"}, {"R2", ""}, {"R3", ""}}), diagnostics).has_value());
  CHECK(messages(diagnostics) ==
        std::vector<std::string>{"the org tree has several roots: 'R1', 'R2', 'R3' (only one org may have an empty "
                                 "parent_id)"});
  CHECK(diagnostics.items()[0].span.line == 4);
}

TEST_CASE("no root is an error and so are no orgs at all") {
  Diagnostics diagnostics;
  CHECK_FALSE(OrgTree::build({}, diagnostics).has_value());
  CHECK(messages(diagnostics) ==
        std::vector<std::string>{"the org tree has no root (no org has an empty parent_id)"});
}

TEST_CASE("a cycle is reported once in parent order starting at its first org in the input") {
  Diagnostics diagnostics;
  // O9 → O3 → O7 → O9 following parent_id; below the cycle hangs O10.
  auto tree = OrgTree::build(inputs({{"R", ""}, {"O10", "O9"}, {"O7", "O9"}, {"O3", "O7"}, {"O9", "O3"}}),
                             diagnostics);
  CHECK_FALSE(tree.has_value());
  CHECK(messages(diagnostics) == std::vector<std::string>{"cycle in the org tree: O7 → O9 → O3 → O7"});
  CHECK(diagnostics.items()[0].span.line == 4);
}

TEST_CASE("an org that is its own parent is a cycle of one") {
  Diagnostics diagnostics;
  CHECK_FALSE(OrgTree::build(inputs({{"R", ""}, {"S", "S"}}), diagnostics).has_value());
  CHECK(messages(diagnostics) == std::vector<std::string>{"cycle in the org tree: S → S"});
}

TEST_CASE("every problem is reported and not only the first") {
  Diagnostics diagnostics;
  auto tree = OrgTree::build(
      inputs({{"A", "B"}, {"B", "A"}, {"C", "D"}, {"C", "A"}, {"E", "F"}, {"F", "E"}}), diagnostics);
  CHECK_FALSE(tree.has_value());
  CHECK(messages(diagnostics) == std::vector<std::string>{
                                     "duplicate org id 'C' (lines 4 and 5)",
                                     "org 'C' has unknown parent 'D'",
                                     "the org tree has no root (no org has an empty parent_id)",
                                     "cycle in the org tree: A → B → A",
                                     "cycle in the org tree: E → F → E",
                                 });
}

TEST_CASE("a long chain builds without deep recursion") {
  std::vector<std::pair<std::string, std::string>> chain{{"N0", ""}};
  for (int i = 1; i < 100000; ++i) chain.emplace_back("N" + std::to_string(i), "N" + std::to_string(i - 1));
  Diagnostics diagnostics;
  auto tree = OrgTree::build(inputs(chain), diagnostics);
  REQUIRE(tree.has_value());
  CHECK(tree->depth(tree->size() - 1) == 99999);
  CHECK(tree->subtree_end(0) == 100000);
  CHECK(tree->ancestor_at_depth(tree->size() - 1, 5) == 5);
}

}  // namespace
}  // namespace cadence

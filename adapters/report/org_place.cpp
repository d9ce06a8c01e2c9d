#include "adapters/report/org_place.h"

namespace cadence {
namespace {

std::string name_or_id(const Dataset& dataset, OrgIndex org) {
  std::string name = org_display_name(dataset, org);
  return name.empty() ? dataset.tree().id(org) : name;
}

}  // namespace

std::string org_county(const Dataset& dataset, OrgIndex org) {
  const OrgTree& tree = dataset.tree();
  if (tree.depth(org) < 2) return "";
  return name_or_id(dataset, tree.ancestor_at_depth(org, 1));
}

std::string org_place(const Dataset& dataset, OrgIndex org) {
  const OrgTree& tree = dataset.tree();
  std::string place;
  for (int depth = 1; depth < tree.depth(org); ++depth) {
    place += (place.empty() ? "" : " / ") + name_or_id(dataset, tree.ancestor_at_depth(org, depth));
  }
  return place;
}

}  // namespace cadence

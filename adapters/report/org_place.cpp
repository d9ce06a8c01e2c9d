#include "adapters/report/org_place.h"

namespace cadence {
namespace {

std::string name_or_id(const Dataset& dataset, OrgIndex org) {
  std::string name = org_display_name(dataset, org);
  return name.empty() ? dataset.tree().id(org) : name;
}

}  // namespace

std::string org_display_name(const Dataset& dataset, OrgIndex org) {
  const RecordSet& orgs = dataset.orgs();
  int column = orgs.schema().column_index("name");
  if (column < 0) return "";
  const Column& names = orgs.column(static_cast<std::size_t>(column));
  return names.is_null(static_cast<std::size_t>(org)) ? "" : std::string(names.text(static_cast<std::size_t>(org)));
}

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

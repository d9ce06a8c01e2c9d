// Where an org sits, so that a report names it unambiguously: many branches
// share a name (育才社区团支部 in four counties), so every report prints the
// county committee (depth 1 under the city) and any town or school committee
// between it and the org beside the org's own name.
//   O7 三营镇团支部 → "西吉县团委"                  (a branch right under a county)
//   O9 一中团支部   → "原州区团委 / 第一中学团委"   (a branch under a school under a county)
// The root and the counties themselves have no place (empty text).
#pragma once

#include <string>

#include "engine/rank/bulletin.h"  // org_display_name: the org's name, "" when it has none
#include "engine/table/dataset.h"

namespace cadence {

// The name (or id, when the name is empty) of the county committee the org
// lies in, or "" for the root and the counties.
std::string org_county(const Dataset& dataset, OrgIndex org);
// The names from the county down to the org's parent, joined with " / ".
std::string org_place(const Dataset& dataset, OrgIndex org);

}  // namespace cadence

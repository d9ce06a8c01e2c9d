// Internal to engine/rank: the pieces of a bulletin that bulletin.cpp and
// bulletin_lines.cpp share.
#pragma once

#include <cstddef>
#include <map>
#include <vector>

#include "engine/rank/bulletin.h"

namespace cadence {

// Periods of the other rules listed below the table: those that end in the
// month (its weeks by Monday, the month, a quarter or year ending with it).
// Defined in bulletin.cpp.
std::vector<Period> note_periods(const Period& month);

// Fills every unit's per-unit lines (definition.per_unit, not empty).
// `slot_of_unit` maps a unit to its entry in `notes`; an org counts for every
// unit whose subtree holds it. Fails when a figure names no rule or a rule
// that does not fit its measure; `notes` is then unchanged.
Status fill_unit_lines(const Plan& plan, const Dataset& dataset, const Calendars& calendars,
                       const BulletinDefinition& definition, const BulletinRequest& request,
                       const std::map<OrgIndex, std::size_t>& slot_of_unit, std::vector<BulletinUnitNotes>& notes);

}  // namespace cadence

// The calendars an evaluation reads: the working calendar (holidays and
// make-up workdays) and the event calendars, the pack's own followed by
// those drawn from a record set column. Below the expression evaluator,
// which reads them; the evaluator resolves them once per dataset.
#pragma once

#include <vector>

#include "engine/calendar/event_calendar.h"
#include "engine/calendar/working_calendar.h"
#include "engine/plan/plan.h"
#include "engine/table/dataset.h"

namespace cadence {

struct Calendars {
  WorkingCalendar working;
  std::vector<EventCalendar> events;  // by the plan's event calendar index
};

// Event calendars that a pack draws from a record set column (episodes.week)
// resolved against the data, appended to the pack's own, in plan order.
Calendars resolve_calendars(const Plan& plan, const Dataset& dataset);

}  // namespace cadence

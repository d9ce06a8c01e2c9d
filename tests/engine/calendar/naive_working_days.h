// The definition of working_days_after(), one day at a time: what it
// computed before its cumulative index, and what the index must agree with.
// Shared by working_calendar_test and the calendar_arithmetic fuzz target.
#pragma once

#include <cstdint>
#include <optional>

#include "engine/calendar/date.h"
#include "engine/calendar/working_calendar.h"

namespace cadence::testing {

inline std::optional<Date> naive_working_days_after(const WorkingCalendar& calendar, Date from, int64_t n) {
  Date day = from;
  const int step = n >= 0 ? 1 : -1;
  for (int64_t counted = 0; counted < (n >= 0 ? n : -n);) {
    day = day + step;
    if (!day.is_supported()) return std::nullopt;
    if (calendar.is_working_day(day)) ++counted;
  }
  return day;
}

}  // namespace cadence::testing

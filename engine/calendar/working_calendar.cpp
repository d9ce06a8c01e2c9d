#include "engine/calendar/working_calendar.h"

#include <algorithm>
#include <map>

#include "engine/core/status.h"

namespace cadence {

WorkingCalendar::WorkingCalendar(const std::vector<CalendarEntry>& entries,
                                 const std::vector<std::string>& region_chain)
    : region_chain_(region_chain) {
  // Apply regions in chain order so that a later region's entry for a date
  // replaces an earlier one (a province may turn a national make-up workday
  // into a holiday). Within one region the last entry for a date wins; the
  // table reader reports such duplicates to the user.
  std::map<Date, DayKind> kinds;
  for (const std::string& region : region_chain_) {
    for (const CalendarEntry& entry : entries) {
      if (entry.region == region) kinds[entry.date] = entry.kind;
    }
  }
  for (const auto& [date, kind] : kinds) {
    (kind == DayKind::kHoliday ? holidays_ : makeup_workdays_).push_back(date);
  }
}

bool WorkingCalendar::is_holiday(Date date) const {
  return std::binary_search(holidays_.begin(), holidays_.end(), date);
}

bool WorkingCalendar::is_makeup_workday(Date date) const {
  return std::binary_search(makeup_workdays_.begin(), makeup_workdays_.end(), date);
}

bool WorkingCalendar::is_working_day(Date date) const {
  // DOM-C1: working day := (Mon–Fri and not holiday) or makeup_workday.
  if (is_makeup_workday(date)) return true;
  return date.weekday() <= Weekday::kFriday && !is_holiday(date);
}

Date WorkingCalendar::working_days_after(Date from, int n) const {
  CADENCE_ASSERT(n >= 0);
  // Terminates: the tables are finite and every week outside them has five
  // working days.
  Date day = from;
  for (int counted = 0; counted < n;) {
    day = day + 1;
    if (is_working_day(day)) ++counted;
  }
  return day;
}

Date WorkingCalendar::roll_forward(Date deadline) const {
  // 民法典 第二百零三条: "期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日。"
  // The holiday ends at the last day of its run of consecutive holidays; the
  // next day is the deadline whatever it is (a make-up workday, or a plain
  // Saturday right after a Thursday–Friday regional holiday). Weekends that
  // are not in the holiday table do not move a deadline (see the header).
  Date day = deadline;
  while (is_holiday(day)) day = day + 1;
  return day;
}

}  // namespace cadence

#include "engine/calendar/working_calendar.h"

#include <algorithm>
#include <map>


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
  int32_t correction = 0;
  for (const auto& [date, kind] : kinds) {
    (kind == DayKind::kHoliday ? holidays_ : makeup_workdays_).push_back(date);
    const bool weekday = date.weekday() <= Weekday::kFriday;
    if (kind == DayKind::kHoliday && weekday) {
      --correction;
    } else if (kind == DayKind::kMakeupWorkday && !weekday) {
      ++correction;
    } else {
      continue;  // a weekend holiday or a weekday make-up day changes nothing
    }
    exceptions_.push_back(date);
    corrections_through_.push_back(correction);
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

int64_t WorkingCalendar::working_days_before(Date day) const {
  // Plain weekdays in [M, day) for the Monday M = 1969-12-29 (days() == −3):
  // five per whole week, then the days of the last part-week up to Friday.
  const int64_t offset = int64_t{day.days()} + 3;
  const int64_t weeks = offset >= 0 ? offset / 7 : -((-offset + 6) / 7);  // floor
  const int64_t rest = offset - weeks * 7;                                 // 0..6
  int64_t count = weeks * 5 + std::min<int64_t>(rest, 5);
  // Plus the table's corrections on every day before `day` (those before M
  // too: the index is then off by a constant, which differences cancel).
  const auto before = std::lower_bound(exceptions_.begin(), exceptions_.end(), day);
  if (before != exceptions_.begin()) count += corrections_through_[static_cast<std::size_t>(before - exceptions_.begin() - 1)];
  return count;
}

std::optional<Date> WorkingCalendar::working_days_after(Date from, int64_t n) const {
  if (!from.is_supported()) return std::nullopt;
  if (n == 0) return from;
  const Date first = Date::first_supported();
  const Date last = Date::last_supported();
  // No count beyond the range's length in days can stay in it; bounding it
  // first keeps −n below from overflowing.
  const int64_t span = int64_t{last - first} + 1;
  if (n > span || n < -span) return std::nullopt;
  if (n > 0) {
    // The first day d > from with n working days in (from, d]: the smallest
    // d with working_days_before(d + 1) − working_days_before(from + 1) ≥ n
    // (that count only grows, by one on each working day).
    const int64_t base = working_days_before(from + 1);
    if (from == last || working_days_before(last + 1) - base < n) return std::nullopt;
    auto enough = [&](int32_t day) { return working_days_before(Date::from_days(day) + 1) - base >= n; };
    // Galloping first: the answer is at least n days on, and usually near
    // it, so that a deadline a few working days away costs a few probes.
    int32_t low = (from + 1).days();
    int64_t step = n;
    int32_t high = static_cast<int32_t>(std::min<int64_t>(int64_t{from.days()} + n, last.days()));
    while (!enough(high)) {
      low = high + 1;
      high = static_cast<int32_t>(std::min<int64_t>(int64_t{high} + step, last.days()));
      step *= 2;
    }
    while (low < high) {
      const int32_t middle = low + (high - low) / 2;
      if (enough(middle)) {
        high = middle;
      } else {
        low = middle + 1;
      }
    }
    return Date::from_days(low);
  }
  // The last day d < from with −n working days in [d, from).
  const int64_t wanted = -n;
  const int64_t top = working_days_before(from);
  if (from == first || top - working_days_before(first) < wanted) return std::nullopt;
  auto enough = [&](int32_t day) { return top - working_days_before(Date::from_days(day)) >= wanted; };
  int32_t high = (from - 1).days();
  int64_t step = wanted;
  int32_t low = static_cast<int32_t>(std::max<int64_t>(int64_t{from.days()} - wanted, first.days()));
  while (!enough(low)) {
    high = low - 1;
    low = static_cast<int32_t>(std::max<int64_t>(int64_t{low} - step, first.days()));
    step *= 2;
  }
  while (low < high) {
    const int32_t middle = low + (high - low + 1) / 2;
    if (enough(middle)) {
      low = middle;
    } else {
      high = middle - 1;
    }
  }
  return Date::from_days(low);
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

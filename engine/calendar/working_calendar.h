// Working days with statutory holidays and make-up workdays (调休), per
// region, with a region chain such as national → ningxia.
//
// A day is a working day when it is Monday..Friday and not a holiday, or when
// it is a make-up workday (DOMAIN.md DOM-C1). Regions later in the chain add
// to earlier ones; a later region's entry for a date overrides an earlier one.
//
// The tables are data (rules/calendars/*.csv, format in calendar_table.h),
// read by adapters/pack. A day the tables do not mention is an ordinary day,
// so a year missing from the tables has no holidays. A WorkingCalendar is
// immutable once built: its const methods may be called from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/calendar/date.h"

namespace cadence {

enum class DayKind { kHoliday, kMakeupWorkday };

struct CalendarEntry {
  Date date;
  DayKind kind = DayKind::kHoliday;
  std::string region;  // "national", "ningxia", ...
  std::string name;    // "春节"
  std::string source;  // the notice it comes from, e.g. "国办发明电〔2022〕16号"
};

class WorkingCalendar {
 public:
  WorkingCalendar() = default;
  // Keeps the entries whose region is in the chain, in chain order.
  WorkingCalendar(const std::vector<CalendarEntry>& entries, const std::vector<std::string>& region_chain);

  bool is_holiday(Date date) const;
  bool is_makeup_workday(Date date) const;
  bool is_working_day(Date date) const;

  // DOM-C2: the n-th working day after `from`, not counting `from` itself
  // (民法典 第二百零一条); for n < 0 the |n|-th working day before it. n = 0
  // returns `from`. nullopt when `from` or the answer lies outside the
  // supported dates (date.h). Example: from Thursday 2023-09-28, 1 working
  // day after is the make-up Saturday 2023-10-07 (the Golden Week
  // 09-29..10-06 is skipped). O(log(distance) × log(table)), whatever n:
  // a galloping binary search over working_days_before().
  std::optional<Date> working_days_after(Date from, int64_t n) const;

  // A cumulative index of working days: working days in [a, b) number
  // working_days_before(b) − working_days_before(a) (only differences mean
  // anything; the origin is fixed but arbitrary). O(log(table)): plain
  // weekdays by formula, corrected by the table days that change a weekday
  // into a rest day or a weekend day into a working day.
  int64_t working_days_before(Date day) const;

  // DOM-C3, 民法典 第二百零三条: if the last day of a period is a statutory
  // holiday, the day after the holiday ends is the last day. Weekends that are
  // not holidays do not move a calendar-day deadline; a make-up workday counts
  // as a day after the holiday. Examples (national): 2023-10-05 and
  // 2023-10-01 → 2023-10-07 (a make-up Saturday); 2023-03-04, a plain
  // Saturday, stays. With ningxia, 古尔邦节 ends Friday 2023-06-30, so
  // 2023-06-29 → Saturday 2023-07-01: the day after the holiday ends, even
  // though it is a rest day, because only table holidays move a deadline.
  Date roll_forward(Date deadline) const;

  const std::vector<std::string>& region_chain() const { return region_chain_; }

 private:
  std::vector<std::string> region_chain_;
  std::vector<Date> holidays_;         // sorted, unique
  std::vector<Date> makeup_workdays_;  // sorted, unique
  // The table days that differ from the plain Mon–Fri rule (a weekday
  // holiday, a weekend make-up day), sorted, with the running sum of their
  // corrections (−1, +1) up to and including each: working_days_before()'s
  // index.
  std::vector<Date> exceptions_;
  std::vector<int32_t> corrections_through_;
};

}  // namespace cadence

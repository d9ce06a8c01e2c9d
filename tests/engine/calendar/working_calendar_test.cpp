#include "engine/calendar/working_calendar.h"

#include <limits>
#include <optional>

#include <doctest/doctest.h>

#include "tests/engine/calendar/calendar_test_support.h"
#include "tests/engine/calendar/naive_working_days.h"

namespace cadence {
namespace {

Date ymd(int year, int month, int day) { return Date::from_ymd(year, month, day); }

WorkingCalendar national() {
  return WorkingCalendar(testing::shipped_calendar("rules/calendars/national.csv"), {"national"});
}

WorkingCalendar guyuan() {
  return WorkingCalendar(testing::shipped_national_and_ningxia(), {"national", "ningxia"});
}

TEST_CASE("2023 national calendar: make-up Saturdays work, the Golden Week does not") {
  const WorkingCalendar calendar = national();
  // 国办发明电〔2022〕16号: 春节 … 1月28日（星期六）、1月29日（星期日）上班.
  CHECK(calendar.is_makeup_workday(ymd(2023, 1, 28)));
  CHECK(calendar.is_working_day(ymd(2023, 1, 28)));
  // 中秋节、国庆节 9月29日至10月6日放假 … 10月7日（星期六）、10月8日（星期日）上班.
  CHECK(calendar.is_working_day(ymd(2023, 10, 7)));
  CHECK(calendar.is_working_day(ymd(2023, 10, 8)));
  CHECK(calendar.is_holiday(ymd(2023, 10, 2)));
  CHECK_FALSE(calendar.is_working_day(ymd(2023, 10, 2)));
  CHECK(calendar.is_working_day(ymd(2023, 10, 9)));  // Monday after
  CHECK_FALSE(calendar.is_working_day(ymd(2023, 3, 4)));  // a plain Saturday
  CHECK(calendar.is_working_day(ymd(2023, 3, 6)));       // a plain Monday
  CHECK(calendar.is_holiday(ymd(2022, 12, 31)));         // 元旦 2023 starts in 2022
}

TEST_CASE("the shipped national table has the notices' day counts per year") {
  int holidays[4] = {0, 0, 0, 0};
  int makeup[4] = {0, 0, 0, 0};
  for (const CalendarEntry& entry : testing::shipped_calendar("rules/calendars/national.csv")) {
    CHECK(entry.region == "national");
    const int year = entry.date == ymd(2022, 12, 31) ? 2023 : entry.date.year();
    REQUIRE(year >= 2023);
    REQUIRE(year <= 2026);
    ++(entry.kind == DayKind::kHoliday ? holidays : makeup)[year - 2023];
  }
  // 2023: 3+7+1+5+3+8; 2024: 1+8+3+5+1+3+7; 2025: 1+8+3+5+3+8; 2026: 3+9+3+5+3+3+7.
  CHECK(holidays[0] == 27);
  CHECK(holidays[1] == 28);
  CHECK(holidays[2] == 28);
  CHECK(holidays[3] == 33);
  CHECK(makeup[0] == 7);
  CHECK(makeup[1] == 8);
  CHECK(makeup[2] == 5);
  CHECK(makeup[3] == 6);
}

TEST_CASE("the Ningxia chain adds 古尔邦节 2023-06-29 and 06-30") {
  CHECK_FALSE(guyuan().is_working_day(ymd(2023, 6, 29)));
  CHECK_FALSE(guyuan().is_working_day(ymd(2023, 6, 30)));
  CHECK(national().is_working_day(ymd(2023, 6, 29)));
  // 开斋节 fell on Saturday 04-22: 04-23 stays the national make-up workday.
  CHECK(guyuan().is_working_day(ymd(2023, 4, 23)));
}

TEST_CASE("a later region in the chain overrides an earlier one for the same date") {
  const std::vector<CalendarEntry> entries = {
      {ymd(2023, 4, 23), DayKind::kMakeupWorkday, "national", "劳动节", "n"},
      {ymd(2023, 4, 23), DayKind::kHoliday, "province", "test", "p"},
      {ymd(2023, 4, 24), DayKind::kHoliday, "elsewhere", "test", "e"},
  };
  const WorkingCalendar province(entries, {"national", "province"});
  CHECK(province.is_holiday(ymd(2023, 4, 23)));
  CHECK_FALSE(province.is_makeup_workday(ymd(2023, 4, 23)));
  CHECK_FALSE(province.is_working_day(ymd(2023, 4, 23)));
  CHECK(province.is_working_day(ymd(2023, 4, 24)));  // region not in the chain
  const WorkingCalendar nation(entries, {"national"});
  CHECK(nation.is_working_day(ymd(2023, 4, 23)));
  CHECK(nation.region_chain() == std::vector<std::string>{"national"});
}

TEST_CASE("an empty calendar works Monday to Friday") {
  const WorkingCalendar calendar;
  CHECK(calendar.is_working_day(ymd(2023, 10, 2)));
  CHECK_FALSE(calendar.is_working_day(ymd(2023, 10, 7)));
  CHECK(calendar.working_days_after(ymd(2023, 3, 3), 1) == ymd(2023, 3, 6));  // Friday → Monday
}

TEST_CASE("working_days_after counts working days, not the start day (民法典 第二百零一条)") {
  const WorkingCalendar calendar = national();
  const Date thursday = ymd(2023, 9, 28);
  CHECK(calendar.working_days_after(thursday, 0) == thursday);
  CHECK(calendar.working_days_after(thursday, 1) == ymd(2023, 10, 7));  // make-up Saturday
  CHECK(calendar.working_days_after(thursday, 2) == ymd(2023, 10, 8));
  CHECK(calendar.working_days_after(thursday, 3) == ymd(2023, 10, 9));
  // 5 working days after Monday 2023-03-06 is Monday 2023-03-13.
  CHECK(calendar.working_days_after(ymd(2023, 3, 6), 5) == ymd(2023, 3, 13));
  // Starting on a holiday: the first working day after 春节 is the make-up Saturday.
  CHECK(calendar.working_days_after(ymd(2023, 1, 21), 1) == ymd(2023, 1, 28));
  // With Ningxia, 5 working days after Wednesday 2023-06-28 skip 06-29 and 06-30.
  CHECK(guyuan().working_days_after(ymd(2023, 6, 28), 5) == ymd(2023, 7, 7));
  CHECK(national().working_days_after(ymd(2023, 6, 28), 5) == ymd(2023, 7, 5));
}

TEST_CASE("roll_forward moves a deadline on a holiday to the day after the holiday (民法典 第二百零三条)") {
  const WorkingCalendar calendar = national();
  CHECK(calendar.roll_forward(ymd(2023, 10, 5)) == ymd(2023, 10, 7));  // a make-up Saturday counts
  CHECK(calendar.roll_forward(ymd(2023, 10, 1)) == ymd(2023, 10, 7));
  CHECK(calendar.roll_forward(ymd(2023, 4, 5)) == ymd(2023, 4, 6));    // 清明节, one day
  CHECK(calendar.roll_forward(ymd(2023, 3, 4)) == ymd(2023, 3, 4));    // a plain Saturday stays
  CHECK(calendar.roll_forward(ymd(2023, 3, 6)) == ymd(2023, 3, 6));    // a working day stays
  CHECK(calendar.roll_forward(ymd(2022, 12, 31)) == ymd(2023, 1, 3));  // 元旦 spans the year end
  // 古尔邦节 ends on Friday 06-30: the day after it is Saturday 07-01, which is
  // not a holiday, so the deadline is 07-01 even though nobody works then.
  CHECK(guyuan().roll_forward(ymd(2023, 6, 29)) == ymd(2023, 7, 1));
  CHECK(national().roll_forward(ymd(2023, 6, 29)) == ymd(2023, 6, 29));
}

}  // namespace
}  // namespace cadence

namespace cadence {
namespace {
using testing::naive_working_days_after;

TEST_CASE("working_days_after agrees with counting day by day, both ways, across the tables") {
  const WorkingCalendar calendar = guyuan();
  // Every start from late 2022 to early 2024 (holidays of both tables, make-up
  // weekends, New Year), each count up to 30 working days either way.
  for (Date from = ymd(2022, 12, 1); from <= ymd(2024, 1, 31); from = from + 3) {
    for (int64_t n = -30; n <= 30; n += 7) {
      CAPTURE(from);
      CAPTURE(n);
      CHECK(calendar.working_days_after(from, n) == naive_working_days_after(calendar, from, n));
    }
  }
}

TEST_CASE("the working-day index counts the working days of a span") {
  const WorkingCalendar calendar = guyuan();
  const Date from = ymd(2023, 1, 1);
  int64_t counted = 0;
  for (Date day = from; day < ymd(2024, 1, 1); day = day + 1) {
    if (calendar.is_working_day(day)) ++counted;
  }
  CHECK(calendar.working_days_before(ymd(2024, 1, 1)) - calendar.working_days_before(from) == counted);
  // Before the index's origin (1969-12-29) too.
  CHECK(calendar.working_days_before(ymd(1969, 12, 29)) - calendar.working_days_before(ymd(1969, 12, 22)) == 5);
}

TEST_CASE("large working-day distances are exact and end in the supported range or report leaving it") {
  const WorkingCalendar calendar = guyuan();
  const Date from = ymd(2023, 3, 6);
  // 5000 working days: the naive loop still answers, and must agree.
  CHECK(calendar.working_days_after(from, 5000) == naive_working_days_after(calendar, from, 5000));
  CHECK(calendar.working_days_after(from, -5000) == naive_working_days_after(calendar, from, -5000));
  CHECK_FALSE(calendar.working_days_after(from, 99999999));
  CHECK_FALSE(calendar.working_days_after(from, -99999999));
  CHECK_FALSE(calendar.working_days_after(from, std::numeric_limits<int64_t>::max()));
  CHECK_FALSE(calendar.working_days_after(from, std::numeric_limits<int64_t>::min()));
  // The last working day of the range is reachable; one more is not.
  const Date last = calendar.is_working_day(Date::last_supported())
                        ? Date::last_supported()
                        : *calendar.working_days_after(Date::last_supported(), -1);
  const int64_t to_last =
      calendar.working_days_before(last + 1) - calendar.working_days_before(from + 1);
  CHECK(calendar.working_days_after(from, to_last) == last);
  CHECK_FALSE(calendar.working_days_after(from, to_last + 1));
  CHECK(calendar.working_days_after(ymd(1900, 1, 1), -1) == std::nullopt);  // a Monday, the first day
  CHECK_FALSE(calendar.working_days_after(Date::from_ymd(2200, 1, 3), 0));  // outside: nothing to count from
}

}  // namespace
}  // namespace cadence

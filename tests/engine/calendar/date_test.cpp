#include "engine/calendar/date.h"

#include <doctest/doctest.h>

#include "tests/engine/calendar/calendar_test_support.h"

namespace cadence {
namespace {

TEST_CASE("days count from 1970-01-01 and round-trip through year, month, day") {
  CHECK(Date::from_ymd(1970, 1, 1).days() == 0);
  CHECK(Date::from_ymd(1969, 12, 31).days() == -1);
  CHECK(Date::from_ymd(2023, 3, 1).days() == 19417);
  const Date date = Date::from_days(19417);
  CHECK(date.year() == 2023);
  CHECK(date.month() == 3);
  CHECK(date.day() == 1);
  CHECK(date.to_string() == "2023-03-01");
}

TEST_CASE("every day from 1900 to 2100 round-trips and follows the previous one") {
  Date previous = Date::from_ymd(1899, 12, 31);
  int checked = 0;
  for (int year = 1900; year <= 2100; ++year) {
    for (int month = 1; month <= 12; ++month) {
      for (int day = 1; day <= days_in_month(year, month); ++day) {
        const Date date = Date::from_ymd(year, month, day);
        if (date - previous != 1 || date.year() != year || date.month() != month || date.day() != day) {
          FAIL("wrong at " << year << '-' << month << '-' << day);
        }
        previous = date;
        ++checked;
      }
    }
  }
  CHECK(checked == 73414);  // 201 years, 49 of them leap (2000 is, 1900 and 2100 are not)
}

TEST_CASE("weekdays: 1970-01-01 was a Thursday, 2023-01-02 a Monday, 1969-12-28 a Sunday") {
  CHECK(Date::from_ymd(1970, 1, 1).weekday() == Weekday::kThursday);
  CHECK(Date::from_ymd(2023, 1, 2).weekday() == Weekday::kMonday);
  CHECK(Date::from_ymd(2023, 10, 7).weekday() == Weekday::kSaturday);
  CHECK(Date::from_ymd(1969, 12, 28).weekday() == Weekday::kSunday);
  CHECK(Date::from_ymd(1900, 1, 1).weekday() == Weekday::kMonday);
}

TEST_CASE("days_in_month knows leap years: 2000 and 2024 are, 1900 and 2100 are not") {
  CHECK(days_in_month(2023, 2) == 28);
  CHECK(days_in_month(2024, 2) == 29);
  CHECK(days_in_month(2000, 2) == 29);
  CHECK(days_in_month(1900, 2) == 28);
  CHECK(days_in_month(2100, 2) == 28);
  CHECK(days_in_month(2023, 4) == 30);
  CHECK(days_in_month(2023, 12) == 31);
}

TEST_CASE("valid_ymd rejects impossible dates") {
  CHECK(Date::valid_ymd(2024, 2, 29));
  CHECK_FALSE(Date::valid_ymd(2023, 2, 29));
  CHECK_FALSE(Date::valid_ymd(2023, 2, 30));
  CHECK_FALSE(Date::valid_ymd(2023, 13, 1));
  CHECK_FALSE(Date::valid_ymd(2023, 0, 1));
  CHECK_FALSE(Date::valid_ymd(2023, 4, 31));
  CHECK_FALSE(Date::valid_ymd(2023, 1, 0));
}

TEST_CASE("parse accepts only strict YYYY-MM-DD of a real date") {
  REQUIRE(Date::parse("2023-03-01").has_value());
  CHECK(*Date::parse("2023-03-01") == Date::from_ymd(2023, 3, 1));
  CHECK(*Date::parse("2024-02-29") == Date::from_ymd(2024, 2, 29));
  CHECK_FALSE(Date::parse("2023-02-30").has_value());
  CHECK_FALSE(Date::parse("2023-02-29").has_value());
  CHECK_FALSE(Date::parse("2023-3-1").has_value());
  CHECK_FALSE(Date::parse("2023/03/01").has_value());
  CHECK_FALSE(Date::parse("2023-03-01 ").has_value());
  CHECK_FALSE(Date::parse("2023-03-0x").has_value());
  CHECK_FALSE(Date::parse("+023-03-01").has_value());
  CHECK_FALSE(Date::parse("2023-13-01").has_value());
  CHECK_FALSE(Date::parse("").has_value());
}

TEST_CASE("dates order and subtract as day counts") {
  const Date a = Date::from_ymd(2023, 12, 31);
  const Date b = Date::from_ymd(2024, 1, 1);
  CHECK(a < b);
  CHECK(b - a == 1);
  CHECK(a + 1 == b);
  CHECK(b - 365 == Date::from_ymd(2023, 1, 1));
}

}  // namespace
}  // namespace cadence

#include "engine/calendar/period.h"

#include <doctest/doctest.h>

#include "tests/engine/calendar/calendar_test_support.h"

namespace cadence {
namespace {

Date ymd(int year, int month, int day) { return Date::from_ymd(year, month, day); }

std::string week_of(int year, int month, int day) {
  return Period::containing(PeriodKind::kWeek, ymd(year, month, day)).to_string();
}

TEST_CASE("ISO 8601 weeks: week 1 holds the year's first Thursday") {
  CHECK(week_of(2021, 1, 3) == "2020-W53");
  CHECK(week_of(2023, 1, 1) == "2022-W52");
  CHECK(week_of(2023, 1, 2) == "2023-W01");
  CHECK(week_of(2024, 12, 30) == "2025-W01");
  CHECK(week_of(2023, 3, 8) == "2023-W10");
  CHECK(week_of(2026, 12, 31) == "2026-W53");
  CHECK(Period::week(2023, 1).first_day() == ymd(2023, 1, 2));
  CHECK(Period::week(2023, 1).last_day() == ymd(2023, 1, 8));
  CHECK(Period::week(2025, 1).first_day() == ymd(2024, 12, 30));
  CHECK(Period::week(2020, 53).last_day() == ymd(2021, 1, 3));
}

TEST_CASE("ISO years have 52 or 53 weeks: 2020 and 2026 have 53") {
  CHECK(iso_weeks_in_year(2020) == 53);
  CHECK(iso_weeks_in_year(2026) == 53);
  CHECK(iso_weeks_in_year(2015) == 53);
  CHECK(iso_weeks_in_year(2021) == 52);
  CHECK(iso_weeks_in_year(2023) == 52);
  CHECK(iso_weeks_in_year(2024) == 52);
}

TEST_CASE("every week from 1901 to 2099 contains its own seven days, in order") {
  Period week = Period::containing(PeriodKind::kWeek, ymd(1901, 1, 1));
  const Period last = Period::containing(PeriodKind::kWeek, ymd(2099, 12, 31));
  while (week < last) {
    const Period next = week.next();
    if (next.first_day() != week.first_day() + 7 || Period::containing(PeriodKind::kWeek, week.last_day()) != week ||
        week.first_day().weekday() != Weekday::kMonday || next.ordinal() != week.ordinal() + 1) {
      FAIL("wrong after " << week.to_string());
    }
    week = next;
  }
  CHECK(week.to_string() == "2099-W53");
}

TEST_CASE("week arithmetic crosses ISO-year boundaries") {
  CHECK((Period::week(2020, 53) + 1).to_string() == "2021-W01");
  CHECK(Period::week(2023, 52).next().to_string() == "2024-W01");
  CHECK((Period::week(2023, 2) - 2).to_string() == "2022-W52");
  CHECK((Period::week(2021, 1) - 1).to_string() == "2020-W53");
  CHECK(Period::week(2024, 1) - Period::week(2023, 1) == 52);
  CHECK(Period::week(2021, 1) - Period::week(2020, 1) == 53);
}

TEST_CASE("month, quarter and year arithmetic") {
  CHECK(Period::month(2023, 12).next().to_string() == "2024-01");
  CHECK(Period::month(2023, 1).previous().to_string() == "2022-12");
  CHECK((Period::month(2023, 3) + 14).to_string() == "2024-05");
  CHECK(Period::quarter(2023, 4).next().to_string() == "2024-Q1");
  CHECK(Period::quarter(2023, 1).previous().to_string() == "2022-Q4");
  CHECK(Period::year(2023).next().to_string() == "2024");
  CHECK(Period::month(2024, 2) - Period::month(2023, 2) == 12);
}

TEST_CASE("first and last days of months, quarters and years") {
  CHECK(Period::month(2024, 2).last_day() == ymd(2024, 2, 29));
  CHECK(Period::month(2023, 2).last_day() == ymd(2023, 2, 28));
  CHECK(Period::quarter(2023, 2).first_day() == ymd(2023, 4, 1));
  CHECK(Period::quarter(2023, 2).last_day() == ymd(2023, 6, 30));
  CHECK(Period::year(2023).first_day() == ymd(2023, 1, 1));
  CHECK(Period::year(2023).last_day() == ymd(2023, 12, 31));
  CHECK(Period::month(2023, 3).contains(ymd(2023, 3, 31)));
  CHECK_FALSE(Period::month(2023, 3).contains(ymd(2023, 4, 1)));
}

TEST_CASE("containing picks the month, quarter and calendar year of a date") {
  CHECK(Period::containing(PeriodKind::kMonth, ymd(2023, 1, 1)).to_string() == "2023-01");
  CHECK(Period::containing(PeriodKind::kQuarter, ymd(2023, 9, 30)).to_string() == "2023-Q3");
  CHECK(Period::containing(PeriodKind::kQuarter, ymd(2023, 10, 1)).to_string() == "2023-Q4");
  // The calendar year, unlike the ISO week-year of the same day.
  CHECK(Period::containing(PeriodKind::kYear, ymd(2023, 1, 1)).to_string() == "2023");
}

TEST_CASE("parse reads the four forms and round-trips with to_string") {
  for (const char* text : {"2023-W10", "2023-W05", "2020-W53", "2026-W53", "2023-03", "2023-12", "2023-Q1",
                           "2023-Q4", "2023"}) {
    const std::optional<Period> period = Period::parse(text);
    REQUIRE_MESSAGE(period.has_value(), text);
    CHECK(period->to_string() == text);
  }
  CHECK(Period::parse("2023-W10")->kind() == PeriodKind::kWeek);
  CHECK(Period::parse("2023-W10")->index() == 10);
  CHECK(Period::parse("2023-Q1")->kind() == PeriodKind::kQuarter);
  CHECK(Period::parse("2023-03")->kind() == PeriodKind::kMonth);
  CHECK(Period::parse("2023")->kind() == PeriodKind::kYear);
  CHECK(Period::week(2023, 5).to_string() == "2023-W05");
}

TEST_CASE("parse rejects periods that do not exist and junk") {
  for (const char* text : {"2023-W53", "2023-W00", "2023-W5", "2023-W100", "2023-13", "2023-00", "2023-3", "2023-Q5",
                           "2023-Q0", "2023-q1", "2023-w10", "202", "20230", "2023-", "2023-03-01", "W10",
                           " 2023", "2023 ", "abcd", ""}) {
    CHECK_MESSAGE(!Period::parse(text).has_value(), text);
  }
}

TEST_CASE("covering lists the periods that intersect a date range, in order") {
  const std::vector<Period> weeks = Period::covering(PeriodKind::kWeek, ymd(2022, 12, 31), ymd(2023, 1, 9));
  REQUIRE(weeks.size() == 3);
  CHECK(weeks[0].to_string() == "2022-W52");
  CHECK(weeks[1].to_string() == "2023-W01");
  CHECK(weeks[2].to_string() == "2023-W02");
  CHECK(Period::covering(PeriodKind::kWeek, ymd(2023, 1, 2), ymd(2023, 12, 31)).size() == 52);
  const std::vector<Period> quarters = Period::covering(PeriodKind::kQuarter, ymd(2023, 3, 31), ymd(2023, 4, 1));
  REQUIRE(quarters.size() == 2);
  CHECK(quarters[1].to_string() == "2023-Q2");
  CHECK(Period::covering(PeriodKind::kMonth, ymd(2023, 5, 5), ymd(2023, 5, 5)).size() == 1);
  CHECK(Period::covering(PeriodKind::kMonth, ymd(2023, 5, 5), ymd(2023, 5, 4)).empty());
}

TEST_CASE("periods of different kinds order by kind first, then by time") {
  CHECK(Period::week(2023, 10) < Period::week(2023, 11));
  CHECK(Period::week(2022, 52) < Period::week(2023, 1));
  CHECK(Period::week(2024, 1) < Period::month(2023, 1));
  CHECK(Period::month(2023, 12) < Period::quarter(2023, 1));
}

TEST_CASE("period kinds have names that parse back") {
  for (PeriodKind kind : {PeriodKind::kWeek, PeriodKind::kMonth, PeriodKind::kQuarter, PeriodKind::kYear}) {
    CHECK(parse_period_kind(to_string(kind)) == kind);
  }
  CHECK(to_string(PeriodKind::kQuarter) == "quarter");
  CHECK_FALSE(parse_period_kind("weekly").has_value());
}

TEST_CASE("from_ordinal inverts ordinal for every kind") {
  for (const char* text : {"1969-W01", "1970-W01", "2023-W10", "2023-03", "2023-Q2", "2023"}) {
    const Period period = *Period::parse(text);
    CHECK(Period::from_ordinal(period.kind(), period.ordinal()) == period);
  }
}

}  // namespace
}  // namespace cadence

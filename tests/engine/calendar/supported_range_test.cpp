// The supported range (engine/calendar/date.h): every parse rejects years
// outside 1900..2199, and checked calendar arithmetic reports a result
// outside instead of aborting (issue 29, "Calendar ranges").
#include <limits>

#include <doctest/doctest.h>

#include "engine/calendar/period.h"
#include "engine/calendar/working_calendar.h"
#include "tests/engine/calendar/calendar_test_support.h"

namespace cadence {
namespace {

constexpr int64_t kHuge = std::numeric_limits<int64_t>::max();
constexpr int64_t kHugeNegative = std::numeric_limits<int64_t>::min();

TEST_CASE("the supported dates are 1900-01-01..2199-12-31, defined once") {
  CHECK(Date::first_supported() == Date::from_ymd(1900, 1, 1));
  CHECK(Date::last_supported() == Date::from_ymd(2199, 12, 31));
  CHECK(kSupportedDates == Date::first_supported().to_string() + ".." + Date::last_supported().to_string());
  CHECK(Date::from_ymd(1900, 1, 1).is_supported());
  CHECK_FALSE(Date::from_ymd(1899, 12, 31).is_supported());
  CHECK_FALSE(Date::from_ymd(2200, 1, 1).is_supported());
}

TEST_CASE("date parsing rejects years outside the range and says why") {
  CHECK(Date::parse("1900-01-01") == Date::first_supported());
  CHECK(Date::parse("2199-12-31") == Date::last_supported());
  for (const char* text : {"1899-12-31", "2200-01-01", "9999-12-31", "1000-03-01", "0000-01-01", "1400-01-01"}) {
    CAPTURE(text);
    CHECK_FALSE(Date::parse(text));
    CHECK(Date::is_out_of_range_text(text));
    CHECK_FALSE(Date::valid_ymd(std::stoi(std::string(text).substr(0, 4)), 1, 1));
  }
  // Not dates at all, whatever the year.
  for (const char* text : {"9999-02-30", "1000-13-01", "2023-1-5", "abcd-01-01", "2023-02-29 25:99:99"}) {
    CAPTURE(text);
    CHECK_FALSE(Date::parse(text));
    CHECK_FALSE(Date::is_out_of_range_text(text));
  }
}

TEST_CASE("period parsing rejects weeks, months, quarters and years outside the range") {
  CHECK(Period::parse("1900-W01") == Period::week(1900, 1));
  CHECK(Period::parse("2199-W52") == Period::week(2199, 52));
  CHECK(Period::parse("2199-12") == Period::month(2199, 12));
  for (const char* text : {"1000-W10", "9999-W10", "9999-12", "1000-03", "1899-Q4", "2200-Q1", "9999", "1899",
                           "2200-W01", "0000-01"}) {
    CAPTURE(text);
    CHECK_FALSE(Period::parse(text));
    CHECK(Period::is_out_of_range_text(text));
  }
  for (const char* text : {"2023-W53", "2023-13", "2023-Q5", "2023-W00", "20230"}) {
    CAPTURE(text);
    CHECK_FALSE(Period::parse(text));
    CHECK_FALSE(Period::is_out_of_range_text(text));
  }
  // The checked constructor: any year and index, nullopt outside.
  CHECK(Period::of(PeriodKind::kWeek, 2020, 53) == Period::week(2020, 53));
  CHECK_FALSE(Period::of(PeriodKind::kWeek, 2023, 53));
  CHECK_FALSE(Period::of(PeriodKind::kWeek, 1000, 10));
  CHECK_FALSE(Period::of(PeriodKind::kMonth, 9999, 3));
  CHECK_FALSE(Period::of(PeriodKind::kMonth, -5, 3));
  CHECK_FALSE(Period::of(PeriodKind::kQuarter, 2023, 0));
  CHECK_FALSE(Period::of(PeriodKind::kYear, 2023, 2));
  CHECK(iso_weeks_in_year(1000) == 0);
  CHECK(iso_weeks_in_year(9999) == 0);
  CHECK(iso_weeks_in_year(-1) == 0);
}

TEST_CASE("the supported ordinals run from the first to the last supported period of each kind") {
  CHECK(Period::from_ordinal(PeriodKind::kWeek, Period::first_supported_ordinal(PeriodKind::kWeek)) ==
        Period::week(1900, 1));
  // 2199-12-31 is a Tuesday of 2200-W01: the last supported week is 2199-W52.
  CHECK(Period::from_ordinal(PeriodKind::kWeek, Period::last_supported_ordinal(PeriodKind::kWeek)) ==
        Period::week(2199, 52));
  CHECK(Period::from_ordinal(PeriodKind::kMonth, Period::last_supported_ordinal(PeriodKind::kMonth)) ==
        Period::month(2199, 12));
  CHECK(Period::from_ordinal(PeriodKind::kQuarter, Period::first_supported_ordinal(PeriodKind::kQuarter)) ==
        Period::quarter(1900, 1));
  CHECK(Period::from_ordinal(PeriodKind::kYear, Period::last_supported_ordinal(PeriodKind::kYear)) ==
        Period::year(2199));
  CHECK_FALSE(Period::from_ordinal_checked(PeriodKind::kYear, 2200));
  CHECK(Period::from_ordinal_checked(PeriodKind::kYear, 2199) == Period::year(2199));
  CHECK_FALSE(Period::from_ordinal_checked(PeriodKind::kMonth, kHuge));
}

TEST_CASE("period shifts report a result outside the range, for any count") {
  const Period march = Period::month(2023, 3);
  CHECK(march.shifted(-1) == Period::month(2023, 2));
  CHECK(march.shifted(10) == Period::month(2024, 1));
  CHECK(march.shifted(0) == march);
  CHECK_FALSE(march.shifted(-99999999));
  CHECK_FALSE(march.shifted(99999999));
  CHECK_FALSE(march.shifted(kHuge));
  CHECK_FALSE(march.shifted(kHugeNegative));
  CHECK(Period::month(2199, 12).shifted(-1) == Period::month(2199, 11));
  CHECK_FALSE(Period::month(2199, 12).shifted(1));
  CHECK_FALSE(Period::week(1900, 1).shifted(-1));
  CHECK(Period::week(1900, 1).shifted(1) == Period::week(1900, 2));
  CHECK_FALSE(Period::week(2199, 52).shifted(1));
  CHECK(Period::quarter(2023, 1).shifted(-4) == Period::quarter(2022, 1));
  // Round trip: shifting there and back gives the period back.
  for (PeriodKind kind : {PeriodKind::kWeek, PeriodKind::kMonth, PeriodKind::kQuarter, PeriodKind::kYear}) {
    const Period start = Period::containing(kind, Date::from_ymd(2023, 3, 15));
    for (int64_t count : {1, 7, 52, 100, 170}) {  // 2023 + 170 years is 2193
      auto there = start.shifted(count);
      REQUIRE(there);
      CHECK(there->shifted(-count) == start);
      CHECK(*there - start == count);
    }
  }
}

TEST_CASE("date shifts report a result outside the range, for any count") {
  const Date day = Date::from_ymd(2023, 3, 15);
  CHECK(day.plus_days(17) == Date::from_ymd(2023, 4, 1));
  CHECK(day.plus_days(-15) == Date::from_ymd(2023, 2, 28));
  CHECK_FALSE(day.plus_days(99999999));
  CHECK_FALSE(day.plus_days(-99999999));
  CHECK_FALSE(day.plus_days(kHuge));
  CHECK_FALSE(day.plus_days(kHugeNegative));
  CHECK(Date::last_supported().plus_days(0) == Date::last_supported());
  CHECK_FALSE(Date::last_supported().plus_days(1));
  CHECK_FALSE(Date::first_supported().plus_days(-1));
  CHECK(Date::first_supported().plus_days(Date::last_supported() - Date::first_supported()) ==
        Date::last_supported());
}

TEST_CASE("periods containing the edge dates exist and print, without aborting") {
  // The week of 2199-12-31 lies partly outside the range: representable, not supported.
  const Period week = Period::containing(PeriodKind::kWeek, Date::last_supported());
  CHECK(week.to_string() == "2200-W01");
  CHECK_FALSE(week.is_supported());
  CHECK(week.last_day().to_string() == "2200-01-05");
  CHECK(Period::containing(PeriodKind::kWeek, Date::first_supported()) == Period::week(1900, 1));
  CHECK(Period::month(2199, 12).next().to_string() == "2200-01");
}

}  // namespace
}  // namespace cadence

namespace cadence {
namespace {

TEST_CASE("a calendar table row outside the supported dates is an error that says so") {
  Diagnostics diagnostics;
  const auto entries = parse_calendar_csv(
      "date,region,kind,name,source\n1899-12-31,national,holiday,元旦,通知\n2023-01-02,national,holiday,元旦,通知\n",
      "t.csv", diagnostics);
  CHECK(entries.size() == 1);
  REQUIRE(diagnostics.error_count() == 1);
  CHECK(diagnostics.items()[0].message.find("outside the supported dates 1900-01-01..2199-12-31") !=
        std::string::npos);
  CHECK(diagnostics.items()[0].span.line == 2);
}

}  // namespace
}  // namespace cadence

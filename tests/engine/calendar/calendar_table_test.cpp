#include "engine/calendar/calendar_table.h"

#include <doctest/doctest.h>

#include "tests/engine/calendar/calendar_test_support.h"

namespace cadence {
namespace {

Date ymd(int year, int month, int day) { return Date::from_ymd(year, month, day); }

TEST_CASE("a calendar table reads rows, skipping comments and blank lines") {
  Diagnostics diagnostics;
  const std::vector<CalendarEntry> entries = parse_calendar_csv(
      "# 2023\n"
      "date,region,kind,name,source\n"
      "\n"
      "2023-01-28,national,makeup_workday,春节,国办发明电〔2022〕16号\n"
      "# a comment between rows\n"
      "2023-06-29,ningxia,holiday,古尔邦节,\"secondary, verify\"\n",
      "cal.csv", diagnostics);
  CHECK(diagnostics.empty());
  REQUIRE(entries.size() == 2);
  CHECK(entries[0].date == ymd(2023, 1, 28));
  CHECK(entries[0].kind == DayKind::kMakeupWorkday);
  CHECK(entries[0].region == "national");
  CHECK(entries[0].name == "春节");
  CHECK(entries[0].source == "国办发明电〔2022〕16号");
  CHECK(entries[1].kind == DayKind::kHoliday);
  CHECK(entries[1].source == "secondary, verify");
}

TEST_CASE("a byte-order mark and CRLF line ends are accepted") {
  Diagnostics diagnostics;
  const std::vector<CalendarEntry> entries = parse_calendar_csv(
      "\xEF\xBB\xBF" "date,region,kind,name,source\r\n2023-10-02,national,holiday,国庆节,n\r\n", "cal.csv",
      diagnostics);
  CHECK(diagnostics.empty());
  REQUIRE(entries.size() == 1);
  CHECK(entries[0].source == "n");
}

TEST_CASE("every bad row is reported with its line, column and field, and dropped") {
  Diagnostics diagnostics;
  const std::vector<CalendarEntry> entries = parse_calendar_csv(
      "date,region,kind,name,source\n"
      "2023-02-30,national,holiday,春节,n\n"        // line 2: no such date
      "2023-10-02,national,day_off,国庆节,n\n"      // line 3: unknown kind
      "2023-10-03,National,holiday,国庆节,n\n"      // line 4: region not lowercase
      "2023-10-04,national,holiday,国庆节\n"        // line 5: four fields
      "2023-10-05,national,holiday,国庆节,\n"       // line 6: empty source
      "2023-10-06,national,holiday,国庆节,n\n"      // line 7: fine
      "2023-10-06,national,holiday,国庆节,n\n",     // line 8: duplicate of line 7
      "cal.csv", diagnostics);
  REQUIRE(entries.size() == 1);
  CHECK(entries[0].date == ymd(2023, 10, 6));
  REQUIRE(diagnostics.error_count() == 6);
  const std::vector<Diagnostic>& items = diagnostics.items();
  CHECK(items[0].span.line == 2);
  CHECK(items[0].span.column == 1);
  CHECK(items[0].span.field == "date");
  CHECK(items[0].span.file == "cal.csv");
  CHECK(items[1].span.line == 3);
  CHECK(items[1].span.field == "kind");
  CHECK(items[1].span.column == 21);
  CHECK(items[1].span.length == 7);
  CHECK(items[2].span.line == 4);
  CHECK(items[2].span.field == "region");
  CHECK(items[3].span.line == 5);
  CHECK(items[3].message == "expected 5 fields (date,region,kind,name,source), found 4");
  CHECK(items[4].span.line == 6);
  CHECK(items[4].span.field == "source");
  CHECK(items[5].span.line == 8);
  CHECK(items[5].message == "2023-10-06 is already listed for region 'national' on line 7");
  CHECK(render(items[0]) == "cal.csv:2:1: error: column 'date': '2023-02-30' is not a date of the form YYYY-MM-DD");
}

TEST_CASE("several problems in one row are all reported") {
  Diagnostics diagnostics;
  const std::vector<CalendarEntry> entries =
      parse_calendar_csv("date,region,kind,name,source\n2023-13-01,,weekend,,\n", "cal.csv", diagnostics);
  CHECK(entries.empty());
  CHECK(diagnostics.error_count() == 5);
}

TEST_CASE("a wrong header is one error and yields no rows") {
  Diagnostics diagnostics;
  const std::vector<CalendarEntry> entries =
      parse_calendar_csv("# c\ndate,kind,region,name,source\n2023-10-02,national,holiday,国庆节,n\n", "cal.csv",
                         diagnostics);
  CHECK(entries.empty());
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics.items()[0].span.line == 2);
  CHECK(diagnostics.items()[0].message ==
        "expected the header row 'date,region,kind,name,source', found 'date,kind,region,name,source'");
}

TEST_CASE("an empty text has no header") {
  Diagnostics diagnostics;
  CHECK(parse_calendar_csv("# only a comment\n", "cal.csv", diagnostics).empty());
  CHECK(diagnostics.error_count() == 1);
}

TEST_CASE("an unclosed quote and text after a closing quote are errors on their line") {
  Diagnostics diagnostics;
  const std::vector<CalendarEntry> entries = parse_calendar_csv(
      "date,region,kind,name,source\n"
      "2023-10-02,national,holiday,\"国庆节\"x,n\n"
      "2023-10-03,national,holiday,国庆节,\"n\n",
      "cal.csv", diagnostics);
  CHECK(entries.empty());
  REQUIRE(diagnostics.error_count() == 2);
  CHECK(diagnostics.items()[0].span.line == 2);
  CHECK(diagnostics.items()[0].message == "unexpected text after the closing quote");
  CHECK(diagnostics.items()[1].span.line == 3);
}

TEST_CASE("GBK bytes in a name are reported as not UTF-8") {
  Diagnostics diagnostics;
  // "春节" in GBK is B4 BA BD DA.
  const std::vector<CalendarEntry> entries = parse_calendar_csv(
      "date,region,kind,name,source\n2023-01-23,national,holiday,\xB4\xBA\xBD\xDA,n\n", "cal.csv", diagnostics);
  CHECK(entries.empty());
  REQUIRE(diagnostics.error_count() == 1);
  CHECK(diagnostics.items()[0].span.field == "name");
}

TEST_CASE("a make-up workday on a weekday is kept with a warning") {
  Diagnostics diagnostics;
  const std::vector<CalendarEntry> entries = parse_calendar_csv(
      "date,region,kind,name,source\n2023-10-09,national,makeup_workday,国庆节,n\n", "cal.csv", diagnostics);
  CHECK(entries.size() == 1);
  CHECK_FALSE(diagnostics.has_errors());
  CHECK(diagnostics.warning_count() == 1);
}

TEST_CASE("the shipped tables read cleanly and cite their notices") {
  const std::vector<CalendarEntry> national = testing::shipped_calendar("rules/calendars/national.csv");
  REQUIRE(national.size() == 142);
  CHECK(national.front().date == ymd(2022, 12, 31));
  CHECK(national.front().name == "元旦");
  CHECK(national.front().source == "国办发明电〔2022〕16号");
  for (const CalendarEntry& entry : national) {
    if (entry.date.year() == 2024) CHECK(entry.source == "国办发明电〔2023〕7号");
    if (entry.date.year() == 2025) CHECK(entry.source == "国办发明电〔2024〕12号");
  }
  const std::vector<CalendarEntry> ningxia = testing::shipped_calendar("rules/calendars/ningxia-2023.csv");
  REQUIRE(ningxia.size() == 2);
  CHECK(ningxia[0].region == "ningxia");
  CHECK(ningxia[0].name == "古尔邦节");
  CHECK(ningxia[0].date == ymd(2023, 6, 29));
  CHECK(ningxia[1].date == ymd(2023, 6, 30));
}

TEST_CASE("day kinds have names") {
  CHECK(to_string(DayKind::kHoliday) == "holiday");
  CHECK(to_string(DayKind::kMakeupWorkday) == "makeup_workday");
}

}  // namespace
}  // namespace cadence

// Tests for adapters/import/cell_parser (built into cadence_csv for now).
#include "adapters/import/cell_parser.h"

#include <doctest/doctest.h>

#include <limits>

namespace cadence {
namespace {

std::string date_text(std::string_view text) {
  std::optional<Date> date = parse_date_lenient(text);
  return date ? date->to_string() : "none";
}

std::string month_text(std::string_view text) {
  std::optional<Period> month = parse_month_lenient(text);
  return month ? month->to_string() : "none";
}

std::string week_text(std::string_view text) {
  std::optional<Period> week = parse_week_lenient(text);
  return week ? week->to_string() : "none";
}

TEST_CASE("trim_spaces removes ASCII whitespace and U+3000 at both ends only") {
  CHECK(trim_spaces("  a b\t") == "a b");
  CHECK(trim_spaces("\xE3\x80\x80团员\xE3\x80\x80 ") == "团员");
  CHECK(trim_spaces("   ").empty());
}

TEST_CASE("dates in the forms real exports use") {
  CHECK(date_text("2023-03-01") == "2023-03-01");
  CHECK(date_text("2023/3/1") == "2023-03-01");
  CHECK(date_text("2023-3-1") == "2023-03-01");
  CHECK(date_text("2023年3月1日") == "2023-03-01");
  CHECK(date_text("2023年3月1") == "2023-03-01");
  CHECK(date_text("2023.03.01") == "2023-03-01");
  CHECK(date_text("20230301") == "2023-03-01");
  CHECK(date_text(" 2023/12/31 00:00:00 ") == "2023-12-31");
  CHECK(date_text("\xE3\x80\x80" "2024-02-29") == "2024-02-29");
}

TEST_CASE("impossible or malformed dates are rejected") {
  CHECK(date_text("2023-02-30") == "none");
  CHECK(date_text("2023-02-29") == "none");
  CHECK(date_text("2023-13-01") == "none");
  CHECK(date_text("2023-3/1") == "none");
  CHECK(date_text("2023-03") == "none");
  CHECK(date_text("230301") == "none");
  CHECK(date_text("2023-03-01x") == "none");
  CHECK(date_text("") == "none");
}

// Issue 29: "2023-1-5 25:99:99" was stored as 2023-01-05; the time part was
// never read. Every date form takes a time after it, and every one of them
// must refuse a time that does not exist.
TEST_CASE("a trailing time of day must exist, after every date form") {
  const char* forms[] = {"2023-1-5", "2023-01-05", "2023/1/5", "2023.1.5", "2023年1月5日", "2023年1月5", "20230105"};
  for (const char* form : forms) {
    CAPTURE(form);
    const std::string date(form);
    CHECK(date_text(date + " 08:30") == "2023-01-05");
    CHECK(date_text(date + " 8:30:15") == "2023-01-05");
    CHECK(date_text(date + " 23:59:59.999") == "2023-01-05");
    CHECK(date_text(date + "T00:00:00") == "2023-01-05");
    CHECK(date_text(date + " 25:99:99") == "none");
    CHECK(date_text(date + " 24:00") == "none");
    CHECK(date_text(date + " 12:60") == "none");
    CHECK(date_text(date + " 12:30:60") == "none");
    CHECK(date_text(date + " 12:3") == "none");
    CHECK(date_text(date + " 12:30:") == "none");
    CHECK(date_text(date + " 12:30:00.") == "none");
    CHECK(date_text(date + " 12") == "none");
    CHECK(date_text(date + " :30") == "none");
    CHECK(date_text(date + " 1:2:3:4") == "none");
    CHECK(month_text(date + " 25:99:99") == "none");
  }
}

TEST_CASE("months, and a full date gives its month") {
  CHECK(month_text("2023-03") == "2023-03");
  CHECK(month_text("2023/3") == "2023-03");
  CHECK(month_text("2023年3月") == "2023-03");
  CHECK(month_text("202303") == "2023-03");
  CHECK(month_text("2023-03-15") == "2023-03");
  CHECK(month_text("2023年11月20日") == "2023-11");
  CHECK(month_text("2023-13") == "none");
  CHECK(month_text("202313") == "none");
  CHECK(month_text("2023") == "none");
}

TEST_CASE("ISO weeks, with or without the dash, one or two digits") {
  CHECK(week_text("2023-W10") == "2023-W10");
  CHECK(week_text("2023W10") == "2023-W10");
  CHECK(week_text("2023-W1") == "2023-W01");
  CHECK(week_text("2020-w53") == "2020-W53");
  CHECK(week_text("2023-W53") == "none");
  CHECK(week_text("2023-W0") == "none");
  CHECK(week_text("2023-03-01") == "none");
}

TEST_CASE("integers: trimmed, strict thousands separators, no trailing junk, no overflow") {
  CHECK(parse_integer(" 42 ") == 42);
  CHECK(parse_integer("-7") == -7);
  CHECK(parse_integer("+7") == 7);
  CHECK(parse_integer("1,234") == 1234);
  CHECK(parse_integer("-12,345,678") == -12345678);
  CHECK(parse_integer("12.0") == 12);
  CHECK(parse_integer("9223372036854775807") == std::numeric_limits<int64_t>::max());
  CHECK_FALSE(parse_integer("9223372036854775808"));
  CHECK_FALSE(parse_integer("12abc"));
  CHECK_FALSE(parse_integer("1,23"));
  CHECK_FALSE(parse_integer(",123"));
  CHECK_FALSE(parse_integer("1.5"));
  CHECK_FALSE(parse_integer(""));
  CHECK_FALSE(parse_integer("-"));
}

TEST_CASE("numbers: decimals, exponents, percentages — no NaN or infinity") {
  CHECK(parse_number("1.5") == 1.5);
  CHECK(parse_number("-0.25") == -0.25);
  CHECK(parse_number("1e3") == 1000.0);
  CHECK(parse_number("85%") == doctest::Approx(0.85));
  CHECK(parse_number("1,234") == 1234.0);
  CHECK_FALSE(parse_number("nan"));
  CHECK_FALSE(parse_number("inf"));
  CHECK_FALSE(parse_number("1e999"));
  CHECK_FALSE(parse_number("1.5x"));
  CHECK_FALSE(parse_number("%"));
}

TEST_CASE("booleans in English, digits and Chinese") {
  CHECK(parse_bool("TRUE") == true);
  CHECK(parse_bool(" yes ") == true);
  CHECK(parse_bool("1") == true);
  CHECK(parse_bool("是") == true);
  CHECK(parse_bool("false") == false);
  CHECK(parse_bool("0") == false);
  CHECK(parse_bool("否") == false);
  CHECK_FALSE(parse_bool("maybe"));
  CHECK_FALSE(parse_bool(""));
}

}  // namespace
}  // namespace cadence

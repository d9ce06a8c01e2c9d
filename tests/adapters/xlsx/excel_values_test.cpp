#include "adapters/xlsx/excel_values.h"

#include <doctest/doctest.h>

namespace cadence {
namespace {

std::string date(double serial, DateSystem system = DateSystem::k1900) {
  return excel_serial_to_iso_date(serial, system).value_or("none");
}

TEST_CASE("numbers print like a CSV export: integers without a fraction, others shortest") {
  CHECK(format_excel_number(12.0) == "12");
  CHECK(format_excel_number(-3.0) == "-3");
  CHECK(format_excel_number(0.1) == "0.1");
  CHECK(format_excel_number(3.5) == "3.5");
  CHECK(format_excel_number(1e20) == "1e+20");
}

TEST_CASE("1900 date system with Excel's leap-year bug") {
  CHECK(date(1) == "1900-01-01");
  CHECK(date(59) == "1900-02-28");
  CHECK(date(60) == "none");  // 1900-02-29 never existed
  CHECK(date(61) == "1900-03-01");
  CHECK(date(44986) == "2023-03-01");
  CHECK(date(44986.75) == "2023-03-01");  // time of day dropped
  CHECK(date(0.5) == "none");
  CHECK(date(2958465) == "9999-12-31");
  CHECK(date(2958466) == "none");
}

TEST_CASE("1904 date system counts from 1904-01-01") {
  CHECK(date(0, DateSystem::k1904) == "1904-01-01");
  CHECK(date(43524, DateSystem::k1904) == "2023-03-01");
}

TEST_CASE("date formats: built-in ids and custom codes with y, d or a month") {
  CHECK(is_builtin_date_format(14));
  CHECK(is_builtin_date_format(22));
  CHECK(is_builtin_date_format(31));  // zh-CN yyyy"年"m"月"d"日"
  CHECK_FALSE(is_builtin_date_format(0));
  CHECK_FALSE(is_builtin_date_format(2));
  CHECK(is_date_format_code("yyyy-mm-dd"));
  CHECK(is_date_format_code("yyyy\"年\"m\"月\"d\"日\""));
  CHECK(is_date_format_code("[$-804]mmmm"));
  CHECK_FALSE(is_date_format_code("0.00"));
  CHECK_FALSE(is_date_format_code("#,##0\"days\""));
  CHECK_FALSE(is_date_format_code("h:mm:ss"));
  CHECK_FALSE(is_date_format_code("[Red]0.0"));
}

}  // namespace
}  // namespace cadence

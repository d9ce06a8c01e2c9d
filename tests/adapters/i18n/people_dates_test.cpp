#include "adapters/i18n/people_dates.h"

#include <doctest/doctest.h>

#include "adapters/i18n/translate.h"

namespace cadence {
namespace {

// Chinese for one test case, English (the library's default) after it.
struct Chinese {
  Chinese() { use_language(Language::kChinese, std::nullopt); }
  ~Chinese() { use_language(Language::kEnglish, std::nullopt); }
  Chinese(const Chinese&) = delete;
  Chinese& operator=(const Chinese&) = delete;
};

TEST_CASE("periods as people write them in Chinese") {
  Chinese chinese;
  CHECK(period_for_people(Period::week(2023, 10)) == "2023年第10周（3月6日—3月12日）");
  // A week reaching into another year names that year.
  CHECK(period_for_people(Period::week(2020, 53)) == "2020年第53周（12月28日—2021年1月3日）");
  CHECK(period_for_people(Period::week(2021, 1)) == "2021年第1周（1月4日—1月10日）");
  CHECK(period_for_people(Period::week(2019, 1)) == "2019年第1周（2018年12月31日—1月6日）");
  CHECK(period_for_people(Period::month(2023, 3)) == "2023年3月");
  CHECK(period_for_people(Period::quarter(2023, 1)) == "2023年第一季度");
  CHECK(period_for_people(Period::quarter(2023, 4)) == "2023年第四季度");
  CHECK(period_for_people(Period::year(2023)) == "2023年");
  CHECK(date_for_people(Date::from_ymd(2023, 4, 5)) == "2023年4月5日");
}

TEST_CASE("times in China Standard Time, UTC+8, across midnight") {
  Chinese chinese;
  // 2026-12-07T22:40:22Z is 06:40 on the 8th in Beijing.
  CHECK(time_for_people(1796683222) == "2026年12月8日 06:40");
  CHECK(time_for_people(0) == "1970年1月1日 08:00");
}

TEST_CASE("English keeps the ISO forms typed on the command line") {
  use_language(Language::kEnglish, std::nullopt);
  CHECK(period_for_people(Period::week(2023, 10)) == "2023-W10");
  CHECK(period_for_people(Period::quarter(2023, 1)) == "2023-Q1");
  CHECK(date_for_people(Date::from_ymd(2023, 4, 5)) == "2023-04-05");
  CHECK(time_for_people(1796683222) == "2026-12-08 06:40 CST");
}

}  // namespace
}  // namespace cadence

#include "data/generator/civil_date.h"

namespace cadence::generator {

int32_t days_from_civil(int year, int month, int day) {
  const int y = year - (month <= 2 ? 1 : 0);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int year_of_era = y - era * 400;
  const int day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const int day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

CivilDate civil_from_days(int32_t days) {
  const int z = days + 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const int day_of_era = z - era * 146097;
  const int year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const int day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const int mp = (5 * day_of_year + 2) / 153;
  const int day = day_of_year - (153 * mp + 2) / 5 + 1;
  const int month = mp < 10 ? mp + 3 : mp - 9;
  return {year_of_era + era * 400 + (month <= 2 ? 1 : 0), month, day};
}

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

int iso_weekday(int32_t days) {
  // 1970-01-01 was a Thursday (4).
  const int offset = static_cast<int>(((days % 7) + 7) % 7);
  return (offset + 3) % 7 + 1;
}

int32_t iso_week_monday(int iso_year, int week) {
  // January 4th is always in week 1.
  const int32_t january4 = days_from_civil(iso_year, 1, 4);
  return january4 - (iso_weekday(january4) - 1) + 7 * (week - 1);
}

int iso_weeks_in_year(int iso_year) {
  return (iso_week_monday(iso_year + 1, 1) - iso_week_monday(iso_year, 1)) / 7;
}

}  // namespace cadence::generator

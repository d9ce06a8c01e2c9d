// Calendar arithmetic the generator needs, and nothing more: days since
// 1970-01-01, civil dates, ISO weeks. The engine has its own calendar types;
// the generator keeps this small copy so that it depends on no engine code
// and cannot drift when the engine's calendar changes.
#pragma once

#include <cstdint>

namespace cadence::generator {

struct CivilDate {
  int year;
  int month;  // 1..12
  int day;    // 1..31
};

// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
int32_t days_from_civil(int year, int month, int day);
CivilDate civil_from_days(int32_t days);
int days_in_month(int year, int month);

// ISO 8601: Monday = 1 .. Sunday = 7.
int iso_weekday(int32_t days);
// ISO 8601: week 1 is the week with the year's first Thursday.
int32_t iso_week_monday(int iso_year, int week);
int iso_weeks_in_year(int iso_year);

}  // namespace cadence::generator

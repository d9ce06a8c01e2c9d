#include "engine/calendar/date.h"

#include <cstdio>

#include <boost/date_time/gregorian/gregorian.hpp>

#include "engine/core/status.h"

namespace cadence {
namespace {

namespace greg = boost::gregorian;
using Calendar = greg::gregorian_calendar;

// Boost.Date_Time represents years 1400..9999 (greg_year throws outside);
// we check the range ourselves so that no Boost exception can escape.
constexpr int kMinYear = 1400;
constexpr int kMaxYear = 9999;

// Julian day number of 1970-01-01, the epoch of Date::days().
const uint32_t kEpochDayNumber = Calendar::day_number(Calendar::ymd_type(1970, 1, 1));

Calendar::ymd_type to_ymd(Date date) {
  const int64_t day_number = int64_t{kEpochDayNumber} + date.days();
  // A Date outside the supported years can only come from from_days() or
  // arithmetic on an already absurd value: a bug, not user input.
  CADENCE_ASSERT(day_number >= Calendar::day_number(Calendar::ymd_type(kMinYear, 1, 1)));
  CADENCE_ASSERT(day_number <= Calendar::day_number(Calendar::ymd_type(kMaxYear, 12, 31)));
  return Calendar::from_day_number(static_cast<uint32_t>(day_number));
}

// The value of a run of ASCII digits; -1 if any character is not a digit.
int parse_digits(std::string_view text) {
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return -1;
    value = value * 10 + (c - '0');
  }
  return value;
}

}  // namespace

bool Date::valid_ymd(int year, int month, int day) {
  if (year < kMinYear || year > kMaxYear || month < 1 || month > 12 || day < 1) return false;
  return day <= days_in_month(year, month);
}

Date Date::from_ymd(int year, int month, int day) {
  CADENCE_ASSERT(valid_ymd(year, month, day));
  const uint32_t day_number = Calendar::day_number(Calendar::ymd_type(
      static_cast<unsigned short>(year), static_cast<unsigned short>(month), static_cast<unsigned short>(day)));
  return Date(static_cast<int32_t>(int64_t{day_number} - int64_t{kEpochDayNumber}));
}

std::optional<Date> Date::parse(std::string_view text) {
  // Strict "YYYY-MM-DD": ten characters, dashes at 4 and 7, digits elsewhere.
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const int year = parse_digits(text.substr(0, 4));
  const int month = parse_digits(text.substr(5, 2));
  const int day = parse_digits(text.substr(8, 2));
  if (year < 0 || month < 0 || day < 0 || !valid_ymd(year, month, day)) return std::nullopt;
  return from_ymd(year, month, day);
}

int Date::year() const { return to_ymd(*this).year; }
int Date::month() const { return to_ymd(*this).month; }
int Date::day() const { return to_ymd(*this).day; }

Weekday Date::weekday() const {
  // 1970-01-01 was a Thursday. Floor modulo keeps days before the epoch right.
  // Plain arithmetic here because is_working_day() calls this in loops.
  const int32_t from_monday = ((days_ + 3) % 7 + 7) % 7;  // 0 = Monday
  return static_cast<Weekday>(from_monday + 1);
}

std::string Date::to_string() const {
  const auto ymd = to_ymd(*this);
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", static_cast<int>(ymd.year),
                static_cast<int>(ymd.month), static_cast<int>(ymd.day));
  return buffer;
}

int days_in_month(int year, int month) {
  CADENCE_ASSERT(year >= kMinYear && year <= kMaxYear && month >= 1 && month <= 12);
  return Calendar::end_of_month_day(static_cast<unsigned short>(year), static_cast<unsigned short>(month));
}

}  // namespace cadence

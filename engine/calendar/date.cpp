#include "engine/calendar/date.h"

#include <cstdio>

#include <boost/date_time/gregorian/gregorian.hpp>

#include "engine/core/status.h"

namespace cadence {
namespace {

namespace greg = boost::gregorian;
using Calendar = greg::gregorian_calendar;

// Boost.Date_Time represents years 1400..9999 (greg_year throws outside);
// we check the range ourselves so that no Boost exception can escape. Only
// internal values may lie between these and the supported years.
constexpr int kMinRepresentableYear = 1400;
constexpr int kMaxRepresentableYear = 9999;

// Julian day number of 1970-01-01, the epoch of Date::days().
const uint32_t kEpochDayNumber = Calendar::day_number(Calendar::ymd_type(1970, 1, 1));

Calendar::ymd_type to_ymd(Date date) {
  const int64_t day_number = int64_t{kEpochDayNumber} + date.days();
  // A Date outside the representable years can only come from from_days()
  // or unchecked arithmetic on an already absurd value: a bug, not user
  // input (user input and checked arithmetic stay in the supported range).
  CADENCE_ASSERT(day_number >= Calendar::day_number(Calendar::ymd_type(kMinRepresentableYear, 1, 1)));
  CADENCE_ASSERT(day_number <= Calendar::day_number(Calendar::ymd_type(kMaxRepresentableYear, 12, 31)));
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

bool is_leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

// Month length by the Gregorian rule alone, for any year (is_out_of_range_text
// judges years Boost cannot represent).
int gregorian_month_length(int year, int month) {
  static constexpr int kLengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap(year) ? 29 : kLengths[month - 1];
}

struct Ymd {
  int year = -1;
  int month = -1;
  int day = -1;
};

// "YYYY-MM-DD" split into numbers, any year 0000..9999; nullopt when not of
// that shape or not a real day of the month.
std::optional<Ymd> split_iso(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const Ymd ymd{parse_digits(text.substr(0, 4)), parse_digits(text.substr(5, 2)), parse_digits(text.substr(8, 2))};
  if (ymd.year < 0 || ymd.month < 1 || ymd.month > 12 || ymd.day < 1) return std::nullopt;
  if (ymd.day > gregorian_month_length(ymd.year, ymd.month)) return std::nullopt;
  return ymd;
}

}  // namespace

bool Date::valid_ymd(int year, int month, int day) {
  if (year < kFirstSupportedYear || year > kLastSupportedYear || month < 1 || month > 12 || day < 1) return false;
  return day <= days_in_month(year, month);
}

Date Date::from_ymd(int year, int month, int day) {
  CADENCE_ASSERT(year >= kMinRepresentableYear && year <= kMaxRepresentableYear && month >= 1 && month <= 12 &&
                 day >= 1 && day <= days_in_month(year, month));
  const uint32_t day_number = Calendar::day_number(Calendar::ymd_type(
      static_cast<unsigned short>(year), static_cast<unsigned short>(month), static_cast<unsigned short>(day)));
  return Date(static_cast<int32_t>(int64_t{day_number} - int64_t{kEpochDayNumber}));
}

std::optional<Date> Date::parse(std::string_view text) {
  // Strict "YYYY-MM-DD": ten characters, dashes at 4 and 7, digits elsewhere.
  const std::optional<Ymd> ymd = split_iso(text);
  if (!ymd || !valid_ymd(ymd->year, ymd->month, ymd->day)) return std::nullopt;
  return from_ymd(ymd->year, ymd->month, ymd->day);
}

bool Date::is_out_of_range_text(std::string_view text) {
  const std::optional<Ymd> ymd = split_iso(text);
  return ymd && (ymd->year < kFirstSupportedYear || ymd->year > kLastSupportedYear);
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

std::optional<Date> Date::plus_days(int64_t days) const {
  // Compared before adding, so that no count can overflow.
  if (days > int64_t{last_supported().days_} - days_ || days < int64_t{first_supported().days_} - days_) {
    return std::nullopt;
  }
  return Date(static_cast<int32_t>(days_ + days));
}

int days_in_month(int year, int month) {
  CADENCE_ASSERT(year >= kMinRepresentableYear && year <= kMaxRepresentableYear && month >= 1 && month <= 12);
  return Calendar::end_of_month_day(static_cast<unsigned short>(year), static_cast<unsigned short>(month));
}

}  // namespace cadence

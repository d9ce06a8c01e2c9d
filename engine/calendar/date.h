// A calendar date (proleptic Gregorian), stored as days since 1970-01-01 so
// that comparisons and differences are integer operations on hot paths.
// Boost.Date_Time does the calendar arithmetic inside date.cpp; it never
// appears in this header.
//
// The supported range, defined here once for all of cadence, is
// 1900-01-01..2199-12-31 (kFirstSupportedYear..kLastSupportedYear): every
// date or period a user writes (an option, a pack literal, an imported cell,
// a calendar table row) must lie in it, and calendar arithmetic whose result
// would leave it is reported, never carried on. parse() and valid_ymd()
// reject other years; plus_days() and the checked operations of Period and
// WorkingCalendar return nullopt when a result leaves the range.
//
// Internally a Date may stand a little outside (the week holding 2199-12-31
// ends in 2200), so year()/month()/day()/to_string() work for the years
// Boost.Date_Time represents, 1400..9999; asking them of a Date beyond that
// (only reachable through from_days() or unchecked arithmetic on an already
// absurd value) aborts as a bug. weekday() and comparisons are plain integer
// arithmetic.
// Date is a plain value: copy it freely, use it from any thread.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cadence {

// The supported years, and the supported dates as people read them.
inline constexpr int kFirstSupportedYear = 1900;
inline constexpr int kLastSupportedYear = 2199;
inline constexpr std::string_view kSupportedDates = "1900-01-01..2199-12-31";

enum class Weekday { kMonday = 1, kTuesday, kWednesday, kThursday, kFriday, kSaturday, kSunday };

class Date {
 public:
  constexpr Date() = default;
  static constexpr Date from_days(int32_t days_since_epoch) { return Date(days_since_epoch); }
  // The first and last supported dates (1900-01-01, 2199-12-31).
  static constexpr Date first_supported() { return Date(-25567); }
  static constexpr Date last_supported() { return Date(84005); }
  // Aborts on an impossible date or a year Boost.Date_Time cannot represent
  // (a bug); use parse() or valid_ymd() for user input.
  static Date from_ymd(int year, int month, int day);
  // A real date in the supported years.
  static bool valid_ymd(int year, int month, int day);
  // Strict ISO form "YYYY-MM-DD" in the supported range. Lenient export forms
  // live in adapters/import.
  static std::optional<Date> parse(std::string_view text);
  // Whether `text` is a well-formed date ("9999-12-31") whose year lies
  // outside the supported range: what parse() rejected it for, so that a
  // message can say "outside 1900-01-01..2199-12-31" rather than "not a date".
  static bool is_out_of_range_text(std::string_view text);

  constexpr int32_t days() const { return days_; }
  constexpr bool is_supported() const { return first_supported() <= *this && *this <= last_supported(); }
  int year() const;
  int month() const;
  int day() const;
  Weekday weekday() const;
  std::string to_string() const;  // "2023-03-01"

  // The date `days` later (earlier when negative), or nullopt when that
  // leaves the supported range. Any int64 count is safe.
  std::optional<Date> plus_days(int64_t days) const;

  // Unchecked: for internal steps of a day or a week near supported dates.
  constexpr Date operator+(int32_t days) const { return Date(days_ + days); }
  constexpr Date operator-(int32_t days) const { return Date(days_ - days); }
  constexpr int32_t operator-(Date other) const { return days_ - other.days_; }
  constexpr auto operator<=>(const Date&) const = default;

 private:
  constexpr explicit Date(int32_t days) : days_(days) {}
  int32_t days_ = 0;
};

// Last day of a month (28..31) of any year Boost.Date_Time represents
// (1400..9999); aborts outside (a bug: callers check the year first).
int days_in_month(int year, int month);

}  // namespace cadence

// A calendar date (proleptic Gregorian), stored as days since 1970-01-01 so
// that comparisons and differences are integer operations on hot paths.
// Boost.Date_Time does the calendar arithmetic inside date.cpp; it never
// appears in this header.
//
// Supported years are 1400..9999 (Boost.Date_Time's range): valid_ymd() and
// parse() reject other years, and asking year()/month()/day()/to_string() of
// a Date outside that range (only reachable through from_days() or
// arithmetic) aborts as a bug; weekday() and comparisons are plain integer
// arithmetic.
// Date is a plain value: copy it freely, use it from any thread.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cadence {

enum class Weekday { kMonday = 1, kTuesday, kWednesday, kThursday, kFriday, kSaturday, kSunday };

class Date {
 public:
  constexpr Date() = default;
  static constexpr Date from_days(int32_t days_since_epoch) { return Date(days_since_epoch); }
  // Aborts on an impossible date (a bug); use parse() for user input.
  static Date from_ymd(int year, int month, int day);
  static bool valid_ymd(int year, int month, int day);
  // Strict ISO form "YYYY-MM-DD". Lenient export forms live in adapters/csv.
  static std::optional<Date> parse(std::string_view text);

  constexpr int32_t days() const { return days_; }
  int year() const;
  int month() const;
  int day() const;
  Weekday weekday() const;
  std::string to_string() const;  // "2023-03-01"

  constexpr Date operator+(int32_t days) const { return Date(days_ + days); }
  constexpr Date operator-(int32_t days) const { return Date(days_ - days); }
  constexpr int32_t operator-(Date other) const { return days_ - other.days_; }
  constexpr auto operator<=>(const Date&) const = default;

 private:
  constexpr explicit Date(int32_t days) : days_(days) {}
  int32_t days_ = 0;
};

// Last day of a month (28..31).
int days_in_month(int year, int month);

}  // namespace cadence

// Reporting periods: ISO weeks (2023-W10), months (2023-03), quarters
// (2023-Q1) and years (2023).
//
// ISO 8601: weeks run Monday..Sunday; week 1 of a year is the week with the
// year's first Thursday, so 2021-01-03 is in 2020-W53 and 2023-01-01 is in
// 2022-W52. A week's year is its ISO year, which can differ from the calendar
// year of some of its days.
//
// Supported periods are those of the supported years (date.h): ISO years
// 1900..2199 for weeks (1900-W01 starts on 1900-01-01; the week holding
// 2199-12-31 is 2200-W01 and is not supported), calendar years 1900..2199
// for the others. parse(), of() and the checked arithmetic (shifted(),
// from_ordinal_checked()) return nullopt outside; their results are always
// supported. Internally a period may stand a little outside (next() of
// 2199-12 is 2200-01): the unchecked constructors accept any year Date can
// represent (weeks 1401..9998, others 1400..9999) and abort beyond, as a bug.
// Period is a plain value, safe to share between threads.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/calendar/date.h"

namespace cadence {

enum class PeriodKind : uint8_t { kWeek, kMonth, kQuarter, kYear };

std::string_view to_string(PeriodKind kind);                     // "week", "month", ...
std::optional<PeriodKind> parse_period_kind(std::string_view);  // inverse of to_string

class Period {
 public:
  Period() = default;
  static Period week(int iso_year, int week);  // aborts if the year has no such week
  static Period month(int year, int month);
  static Period quarter(int year, int quarter);
  static Period year(int year);
  // A supported period of the kind, or nullopt (no such week or month, or a
  // year outside the supported range): the constructor for user input.
  static std::optional<Period> of(PeriodKind kind, int year, int index);
  // "2023-W10", "2023-03", "2023-Q1", "2023". nullopt for anything else,
  // including weeks a year does not have (2023-W53) and years outside the
  // supported range.
  static std::optional<Period> parse(std::string_view text);
  // Whether `text` is a well-formed period ("9999-12", "1000-W10") whose year
  // lies outside the supported range: what parse() rejected it for.
  static bool is_out_of_range_text(std::string_view text);
  // The period of the given kind that contains the date.
  static Period containing(PeriodKind kind, Date date);
  // Periods of a kind that intersect [from, to], in order; empty if to < from.
  static std::vector<Period> covering(PeriodKind kind, Date from, Date to);

  PeriodKind kind() const { return kind_; }
  int year() const { return year_; }    // ISO year for weeks
  int index() const { return index_; }  // week 1..53, month 1..12, quarter 1..4, 1 for a year
  Date first_day() const;
  Date last_day() const;
  bool contains(Date date) const { return first_day() <= date && date <= last_day(); }

  // A monotone number for periods of one kind: next() has ordinal() + 1.
  int32_t ordinal() const;
  static Period from_ordinal(PeriodKind kind, int32_t ordinal);
  // The supported ordinals of a kind: 1900-W01..2199-W52, 1900-01..2199-12, ...
  static int32_t first_supported_ordinal(PeriodKind kind);
  static int32_t last_supported_ordinal(PeriodKind kind);
  // from_ordinal for any int64 (arithmetic in rule expressions): nullopt
  // unless the ordinal names a supported period.
  static std::optional<Period> from_ordinal_checked(PeriodKind kind, int64_t ordinal);
  // The period `count` periods later (earlier when negative), or nullopt
  // when that leaves the supported range. Any int64 count is safe.
  std::optional<Period> shifted(int64_t count) const;
  bool is_supported() const { return year_ >= kFirstSupportedYear && year_ <= kLastSupportedYear; }
  // Unchecked steps, for internal walks next to supported periods.
  Period next() const { return *this + 1; }
  Period previous() const { return *this - 1; }
  Period operator+(int32_t count) const { return from_ordinal(kind_, ordinal() + count); }
  Period operator-(int32_t count) const { return from_ordinal(kind_, ordinal() - count); }
  int32_t operator-(const Period& other) const { return ordinal() - other.ordinal(); }

  std::string to_string() const;
  auto operator<=>(const Period&) const = default;  // kind, then time

 private:
  Period(PeriodKind kind, int year, int index) : kind_(kind), year_(year), index_(index) {}
  PeriodKind kind_ = PeriodKind::kYear;
  int32_t year_ = 1970;
  int32_t index_ = 1;
};

// Number of ISO weeks in an ISO year: 52 or 53 (2020 and 2026 have 53); 0
// for a year Date cannot represent whole (outside 1401..9998), so that a
// lenient parser may ask of any year.
int iso_weeks_in_year(int iso_year);

}  // namespace cadence

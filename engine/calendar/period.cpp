#include "engine/calendar/period.h"

#include <array>
#include <cstdio>

#include <boost/date_time/gregorian/gregorian.hpp>

#include "engine/core/status.h"

namespace cadence {
namespace {

// The years Date represents (Boost.Date_Time's range); weeks only for the
// years strictly between, whose weeks all have representable days. The
// supported years (date.h) lie well inside.
constexpr int kMinYear = 1400;
constexpr int kMaxYear = 9999;

constexpr std::array<std::string_view, 4> kKindNames = {"week", "month", "quarter", "year"};

// Week ordinals count Mondays from 1969-12-29, the Monday before the epoch
// (Date::days() == -3), so that next() is plain +1 across ISO-year ends:
// 2020-W53 + 1 = 2021-W01.
constexpr int32_t kEpochMondayDays = -3;

// Floor division, so that ordinals before the epoch Monday still map back.
int32_t floor_div(int32_t a, int32_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0); }

// ISO 8601: week 1 is the week with the year's first Thursday; equivalently
// the week containing 4 January. Its Monday starts the ISO year.
Date iso_year_start(int iso_year) {
  const Date january4 = Date::from_ymd(iso_year, 1, 4);
  return january4 - (static_cast<int32_t>(january4.weekday()) - 1);
}

Date monday_of(Date date) { return date - (static_cast<int32_t>(date.weekday()) - 1); }

int parse_digits(std::string_view text) {
  if (text.empty()) return -1;
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return -1;
    value = value * 10 + (c - '0');
  }
  return value;
}

}  // namespace

std::string_view to_string(PeriodKind kind) { return kKindNames[static_cast<std::size_t>(kind)]; }

std::optional<PeriodKind> parse_period_kind(std::string_view text) {
  for (std::size_t i = 0; i < kKindNames.size(); ++i) {
    if (kKindNames[i] == text) return static_cast<PeriodKind>(i);
  }
  return std::nullopt;
}

int iso_weeks_in_year(int iso_year) {
  // 28 December is always in the last ISO week of its year (Boost's
  // week_number() implements ISO 8601 week numbering).
  if (iso_year <= kMinYear || iso_year >= kMaxYear) return 0;
  const boost::gregorian::date december28(static_cast<unsigned short>(iso_year), 12, 28);
  return december28.week_number();
}

Period Period::week(int iso_year, int week) {
  CADENCE_ASSERT(iso_year > kMinYear && iso_year < kMaxYear);
  CADENCE_ASSERT(week >= 1 && week <= iso_weeks_in_year(iso_year));
  return Period(PeriodKind::kWeek, iso_year, week);
}

Period Period::month(int year, int month) {
  CADENCE_ASSERT(year >= kMinYear && year <= kMaxYear && month >= 1 && month <= 12);
  return Period(PeriodKind::kMonth, year, month);
}

Period Period::quarter(int year, int quarter) {
  CADENCE_ASSERT(year >= kMinYear && year <= kMaxYear && quarter >= 1 && quarter <= 4);
  return Period(PeriodKind::kQuarter, year, quarter);
}

Period Period::year(int year) {
  CADENCE_ASSERT(year >= kMinYear && year <= kMaxYear);
  return Period(PeriodKind::kYear, year, 1);
}

std::optional<Period> Period::of(PeriodKind kind, int year, int index) {
  if (year < kFirstSupportedYear || year > kLastSupportedYear) return std::nullopt;
  switch (kind) {
    case PeriodKind::kWeek:
      if (index < 1 || index > iso_weeks_in_year(year)) return std::nullopt;
      return Period::week(year, index);
    case PeriodKind::kMonth:
      if (index < 1 || index > 12) return std::nullopt;
      return Period::month(year, index);
    case PeriodKind::kQuarter:
      if (index < 1 || index > 4) return std::nullopt;
      return Period::quarter(year, index);
    case PeriodKind::kYear:
      if (index != 1) return std::nullopt;
      return Period::year(year);
  }
  return std::nullopt;
}

namespace {

struct PeriodText {
  PeriodKind kind = PeriodKind::kYear;
  int year = -1;
  int index = 1;
};

// The shape of "2023-W10", "2023-03", "2023-Q1", "2023" with any four-digit
// year; indexes checked against the kind's fixed bounds (weeks 1..53).
std::optional<PeriodText> split_period(std::string_view text) {
  if (text.size() < 4) return std::nullopt;
  PeriodText result;
  result.year = parse_digits(text.substr(0, 4));
  if (result.year < 0) return std::nullopt;
  if (text.size() == 4) return result;
  if (text[4] != '-') return std::nullopt;
  const std::string_view rest = text.substr(5);
  if (rest.size() == 3 && rest[0] == 'W') {
    result.kind = PeriodKind::kWeek;
    result.index = parse_digits(rest.substr(1));
    if (result.index < 1 || result.index > 53) return std::nullopt;
    return result;
  }
  if (rest.size() == 2 && rest[0] == 'Q') {
    result.kind = PeriodKind::kQuarter;
    result.index = parse_digits(rest.substr(1));
    if (result.index < 1 || result.index > 4) return std::nullopt;
    return result;
  }
  if (rest.size() == 2) {
    result.kind = PeriodKind::kMonth;
    result.index = parse_digits(rest);
    if (result.index < 1 || result.index > 12) return std::nullopt;
    return result;
  }
  return std::nullopt;
}

}  // namespace

std::optional<Period> Period::parse(std::string_view text) {
  const std::optional<PeriodText> parts = split_period(text);
  if (!parts) return std::nullopt;
  return of(parts->kind, parts->year, parts->index);
}

bool Period::is_out_of_range_text(std::string_view text) {
  const std::optional<PeriodText> parts = split_period(text);
  return parts && (parts->year < kFirstSupportedYear || parts->year > kLastSupportedYear);
}

namespace {

// The supported ordinals of each kind, computed once: the evaluator checks
// every period arithmetic result against them.
struct OrdinalBounds {
  std::array<int32_t, 4> first{};
  std::array<int32_t, 4> last{};
};

const OrdinalBounds& ordinal_bounds() {
  static const OrdinalBounds kBounds = [] {
    OrdinalBounds bounds;
    for (PeriodKind kind : {PeriodKind::kWeek, PeriodKind::kMonth, PeriodKind::kQuarter, PeriodKind::kYear}) {
      const auto k = static_cast<std::size_t>(kind);
      // 1900-01-01 is a Monday: the first day of 1900-W01 and of 1900.
      bounds.first[k] = Period::containing(kind, Date::first_supported()).ordinal();
      // 2199-12-31 lies in 2200-W01, so the last supported week is the one before.
      const Period last = Period::containing(kind, Date::last_supported());
      bounds.last[k] = last.is_supported() ? last.ordinal() : last.ordinal() - 1;
    }
    return bounds;
  }();
  return kBounds;
}

}  // namespace

int32_t Period::first_supported_ordinal(PeriodKind kind) {
  return ordinal_bounds().first[static_cast<std::size_t>(kind)];
}

int32_t Period::last_supported_ordinal(PeriodKind kind) {
  return ordinal_bounds().last[static_cast<std::size_t>(kind)];
}

std::optional<Period> Period::from_ordinal_checked(PeriodKind kind, int64_t ordinal) {
  if (ordinal < first_supported_ordinal(kind) || ordinal > last_supported_ordinal(kind)) return std::nullopt;
  return from_ordinal(kind, static_cast<int32_t>(ordinal));
}

std::optional<Period> Period::shifted(int64_t count) const {
  // Compared before adding, so that no count can overflow.
  const int64_t from = ordinal();
  if (count > int64_t{last_supported_ordinal(kind_)} - from || count < int64_t{first_supported_ordinal(kind_)} - from) {
    return std::nullopt;
  }
  return from_ordinal(kind_, static_cast<int32_t>(from + count));
}

Period Period::containing(PeriodKind kind, Date date) {
  switch (kind) {
    case PeriodKind::kWeek: {
      // ISO 8601: a week belongs to the year that holds its Thursday.
      const Date thursday = monday_of(date) + 3;
      const int iso_year = thursday.year();
      const int week = (thursday - iso_year_start(iso_year)) / 7 + 1;
      return Period(PeriodKind::kWeek, iso_year, week);
    }
    case PeriodKind::kMonth: return Period::month(date.year(), date.month());
    case PeriodKind::kQuarter: return Period::quarter(date.year(), (date.month() - 1) / 3 + 1);
    case PeriodKind::kYear: return Period::year(date.year());
  }
  CADENCE_ASSERT(false && "unknown PeriodKind");
  return {};
}

std::vector<Period> Period::covering(PeriodKind kind, Date from, Date to) {
  std::vector<Period> periods;
  if (to < from) return periods;
  const Period first = containing(kind, from);
  const Period last = containing(kind, to);
  periods.reserve(static_cast<std::size_t>(last - first + 1));
  for (int32_t ordinal = first.ordinal(); ordinal <= last.ordinal(); ++ordinal) {
    periods.push_back(from_ordinal(kind, ordinal));
  }
  return periods;
}

Date Period::first_day() const {
  switch (kind_) {
    case PeriodKind::kWeek: return iso_year_start(year_) + (index_ - 1) * 7;
    case PeriodKind::kMonth: return Date::from_ymd(year_, index_, 1);
    case PeriodKind::kQuarter: return Date::from_ymd(year_, (index_ - 1) * 3 + 1, 1);
    case PeriodKind::kYear: return Date::from_ymd(year_, 1, 1);
  }
  CADENCE_ASSERT(false && "unknown PeriodKind");
  return {};
}

Date Period::last_day() const {
  switch (kind_) {
    case PeriodKind::kWeek: return first_day() + 6;
    case PeriodKind::kMonth: return Date::from_ymd(year_, index_, days_in_month(year_, index_));
    case PeriodKind::kQuarter: {
      const int month = index_ * 3;
      return Date::from_ymd(year_, month, days_in_month(year_, month));
    }
    case PeriodKind::kYear: return Date::from_ymd(year_, 12, 31);
  }
  CADENCE_ASSERT(false && "unknown PeriodKind");
  return {};
}

int32_t Period::ordinal() const {
  switch (kind_) {
    case PeriodKind::kWeek: return floor_div(first_day().days() - kEpochMondayDays, 7);
    case PeriodKind::kMonth: return year_ * 12 + (index_ - 1);
    case PeriodKind::kQuarter: return year_ * 4 + (index_ - 1);
    case PeriodKind::kYear: return year_;
  }
  CADENCE_ASSERT(false && "unknown PeriodKind");
  return 0;
}

Period Period::from_ordinal(PeriodKind kind, int32_t ordinal) {
  switch (kind) {
    case PeriodKind::kWeek: return containing(PeriodKind::kWeek, Date::from_days(kEpochMondayDays + ordinal * 7));
    case PeriodKind::kMonth: return Period::month(floor_div(ordinal, 12), ordinal - floor_div(ordinal, 12) * 12 + 1);
    case PeriodKind::kQuarter: return Period::quarter(floor_div(ordinal, 4), ordinal - floor_div(ordinal, 4) * 4 + 1);
    case PeriodKind::kYear: return Period::year(ordinal);
  }
  CADENCE_ASSERT(false && "unknown PeriodKind");
  return {};
}

std::string Period::to_string() const {
  // Hand-formatted: reports print a period per finding; snprintf dominated
  // their profile (BENCHMARKS.md).
  auto digits = [](char* out, int value, int width) {
    for (int i = width - 1; i >= 0; --i) {
      out[i] = static_cast<char>('0' + value % 10);
      value /= 10;
    }
  };
  char buffer[16];
  int length = 0;
  if (year_ < 0 || year_ > 9999) {
    length = std::snprintf(buffer, sizeof buffer, "%d", year_);
  } else {
    digits(buffer, year_, 4);
    length = 4;
  }
  switch (kind_) {
    case PeriodKind::kWeek:
      buffer[length++] = '-';
      buffer[length++] = 'W';
      digits(buffer + length, index_, 2);
      length += 2;
      break;
    case PeriodKind::kMonth:
      buffer[length++] = '-';
      digits(buffer + length, index_, 2);
      length += 2;
      break;
    case PeriodKind::kQuarter:
      buffer[length++] = '-';
      buffer[length++] = 'Q';
      buffer[length++] = static_cast<char>('0' + index_);
      break;
    case PeriodKind::kYear: break;
  }
  return std::string(buffer, static_cast<std::size_t>(length));
}

}  // namespace cadence

#include "adapters/xlsx/excel_values.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>

namespace cadence {
namespace {

// Days since 1970-01-01 to a civil date (H. Hinnant, "chrono-Compatible
// Low-Level Date Algorithms", civil_from_days).
void civil_from_days(int64_t days, int& year, int& month, int& day) {
  days += 719468;
  int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  auto day_of_era = static_cast<unsigned>(days - era * 146097);
  unsigned year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  unsigned day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  unsigned shifted_month = (5 * day_of_year + 2) / 153;
  day = static_cast<int>(day_of_year - (153 * shifted_month + 2) / 5 + 1);
  month = static_cast<int>(shifted_month < 10 ? shifted_month + 3 : shifted_month - 9);
  year = static_cast<int>(static_cast<int64_t>(year_of_era) + era * 400 + (month <= 2 ? 1 : 0));
}

constexpr int64_t kDays1899_12_30 = -25569;  // days from 1970-01-01
constexpr int64_t kDays1899_12_31 = -25568;
constexpr int64_t kDays1904_01_01 = -24107;
constexpr double kMaxSerial = 2958465;  // 9999-12-31 in the 1900 system

}  // namespace

std::string format_excel_number(double value) {
  if (std::isfinite(value) && std::trunc(value) == value && std::fabs(value) < 9007199254740992.0) {
    return std::to_string(static_cast<int64_t>(value));
  }
  char buffer[64];
  auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
  if (error != std::errc()) return "0";
  return std::string(buffer, end);
}

bool is_builtin_date_format(int id) {
  return (id >= 14 && id <= 22) || (id >= 45 && id <= 47) || (id >= 27 && id <= 36) || (id >= 50 && id <= 58);
}

bool is_date_format_code(std::string_view code) {
  bool has_year_or_day = false;
  bool has_month_or_minute = false;
  bool has_hour_or_second = false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    char c = code[i];
    if (c == '"') {  // quoted literal text
      std::size_t close = code.find('"', i + 1);
      if (close == std::string_view::npos) break;
      i = close;
    } else if (c == '[') {  // [Red], [$-804], [h] (elapsed hours)
      std::size_t close = code.find(']', i + 1);
      if (close == std::string_view::npos) break;
      std::string_view inside = code.substr(i + 1, close - i - 1);
      if (inside.find_first_of("hHsS") == 0) has_hour_or_second = true;
      i = close;
    } else if (c == '\\' || c == '_' || c == '*') {  // escaped char, padding, fill
      ++i;
    } else if (c == 'y' || c == 'Y' || c == 'd' || c == 'D') {
      has_year_or_day = true;
    } else if (c == 'm' || c == 'M') {
      has_month_or_minute = true;
    } else if (c == 'h' || c == 'H' || c == 's' || c == 'S') {
      has_hour_or_second = true;
    }
  }
  return has_year_or_day || (has_month_or_minute && !has_hour_or_second);
}

std::optional<std::string> excel_serial_to_iso_date(double serial, DateSystem system) {
  if (!std::isfinite(serial) || serial < 0 || serial >= kMaxSerial + 1) return std::nullopt;
  auto whole = static_cast<int64_t>(std::floor(serial));
  int64_t days = 0;
  if (system == DateSystem::k1904) {
    days = kDays1904_01_01 + whole;
  } else {
    if (whole < 1 || whole == 60) return std::nullopt;
    days = whole > 60 ? kDays1899_12_30 + whole : kDays1899_12_31 + whole;
  }
  int year = 0;
  int month = 0;
  int day = 0;
  civil_from_days(days, year, month, day);
  if (year > 9999) return std::nullopt;
  char buffer[40];  // room for any int, so the compiler can see no truncation
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
  return std::string(buffer);
}

}  // namespace cadence

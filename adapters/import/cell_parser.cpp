#include "adapters/import/cell_parser.h"

#include <charconv>
#include <cmath>
#include <limits>
#include <string>
#include <system_error>

namespace cadence {
namespace {

constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";  // U+3000
constexpr std::string_view kYearMark = "年";
constexpr std::string_view kMonthMark = "月";
constexpr std::string_view kDayMark = "日";

bool is_ascii_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Reads 1..max_digits digits at text[at...] into value; false if none.
bool read_digits(std::string_view text, std::size_t& at, int min_digits, int max_digits, int& value) {
  int count = 0;
  value = 0;
  while (at < text.size() && is_digit(text[at]) && count < max_digits) {
    value = value * 10 + (text[at] - '0');
    ++at;
    ++count;
  }
  return count >= min_digits && (at >= text.size() || !is_digit(text[at]));
}

bool consume(std::string_view text, std::size_t& at, std::string_view token) {
  if (text.substr(at).starts_with(token)) {
    at += token.size();
    return true;
  }
  return false;
}

std::optional<Date> make_date(int year, int month, int day) {
  if (!Date::valid_ymd(year, month, day)) return std::nullopt;
  return Date::from_ymd(year, month, day);
}

// A trailing time of day after a date: " 00:00:00", " 8:30", "T00:00:00",
// " 08:30:15.250". The time must exist: hour 0-23, minutes and seconds
// 00-59 with two digits each, an optional fraction after the seconds.
// "25:99:99" is refused, not dropped, so an impossible cell is never
// stored as a plausible date.
bool is_time_suffix(std::string_view rest) {
  if (rest.empty()) return true;
  if (rest[0] != ' ' && rest[0] != 'T') return false;
  rest.remove_prefix(1);
  rest = trim_spaces(rest);
  return is_time_of_day(rest);
}

struct YearMonth {
  int year = 0;
  int month = 0;
  std::size_t end = 0;  // where parsing stopped
  char separator = 0;   // '-', '/', '.', 'y' (年) or 0 (compact)
};

// "2023-3", "2023/03", "2023.3", "2023年3月" (月 consumed), "202303".
std::optional<YearMonth> parse_year_month(std::string_view text) {
  YearMonth result;
  std::size_t at = 0;
  if (text.size() >= 6 && text.find_first_not_of("0123456789") >= 6) {
    // Compact: 6 digits (yyyyMM) or 8 digits (yyyyMMdd); the caller decides.
    std::size_t digits = std::min(text.find_first_not_of("0123456789"), text.size());
    if (digits != 6 && digits != 8) return std::nullopt;
    result.year = std::stoi(std::string(text.substr(0, 4)));
    result.month = std::stoi(std::string(text.substr(4, 2)));
    result.end = 6;
    return result;
  }
  if (!read_digits(text, at, 4, 4, result.year)) return std::nullopt;
  if (consume(text, at, kYearMark)) {
    result.separator = 'y';
  } else if (at < text.size() && (text[at] == '-' || text[at] == '/' || text[at] == '.')) {
    result.separator = text[at++];
  } else {
    return std::nullopt;
  }
  if (!read_digits(text, at, 1, 2, result.month)) return std::nullopt;
  if (result.separator == 'y') consume(text, at, kMonthMark);
  result.end = at;
  return result;
}

}  // namespace

bool is_time_of_day(std::string_view text) {
  std::size_t at = 0;
  int hour = 0;
  int minute = 0;
  if (!read_digits(text, at, 1, 2, hour) || hour > 23) return false;
  if (at >= text.size() || text[at] != ':') return false;
  ++at;
  if (!read_digits(text, at, 2, 2, minute) || minute > 59) return false;
  if (at == text.size()) return true;
  if (text[at] != ':') return false;
  ++at;
  int second = 0;
  if (!read_digits(text, at, 2, 2, second) || second > 59) return false;
  if (at == text.size()) return true;
  if (text[at] != '.') return false;
  ++at;
  if (at == text.size()) return false;
  for (; at < text.size(); ++at) {
    if (!is_digit(text[at])) return false;
  }
  return true;
}

std::string_view trim_spaces(std::string_view text) {
  // Most cells have nothing to trim: neither end is ASCII whitespace or the
  // first or last byte of U+3000 (E3 80 80).
  auto may_trim = [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte <= 0x20 || byte == 0xE3 || byte == 0x80;
  };
  if (text.empty() || (!may_trim(text.front()) && !may_trim(text.back()))) return text;
  while (true) {
    if (!text.empty() && is_ascii_space(text.front())) {
      text.remove_prefix(1);
    } else if (text.starts_with(kIdeographicSpace)) {
      text.remove_prefix(kIdeographicSpace.size());
    } else {
      break;
    }
  }
  while (true) {
    if (!text.empty() && is_ascii_space(text.back())) {
      text.remove_suffix(1);
    } else if (text.ends_with(kIdeographicSpace)) {
      text.remove_suffix(kIdeographicSpace.size());
    } else {
      break;
    }
  }
  return text;
}

std::optional<Date> parse_date_lenient(std::string_view text) {
  text = trim_spaces(text);
  std::optional<YearMonth> year_month = parse_year_month(text);
  if (!year_month) return std::nullopt;
  std::size_t at = year_month->end;
  int day = 0;
  if (year_month->separator == 0) {
    // Compact yyyyMMdd: exactly 8 digits.
    if (!read_digits(text, at, 2, 2, day)) return std::nullopt;
  } else if (year_month->separator == 'y') {
    if (text.substr(0, at).find(kMonthMark) == std::string_view::npos) return std::nullopt;
    if (!read_digits(text, at, 1, 2, day)) return std::nullopt;
    consume(text, at, kDayMark);
  } else {
    if (at >= text.size() || text[at] != year_month->separator) return std::nullopt;
    ++at;
    if (!read_digits(text, at, 1, 2, day)) return std::nullopt;
  }
  if (!is_time_suffix(text.substr(at))) return std::nullopt;
  return make_date(year_month->year, year_month->month, day);
}

std::optional<Period> parse_month_lenient(std::string_view text) {
  text = trim_spaces(text);
  if (std::optional<Date> date = parse_date_lenient(text)) return Period::month(date->year(), date->month());
  std::optional<YearMonth> year_month = parse_year_month(text);
  if (!year_month || year_month->end != text.size()) return std::nullopt;
  return Period::of(PeriodKind::kMonth, year_month->year, year_month->month);  // nullopt outside 1900..2199
}

std::optional<Period> parse_week_lenient(std::string_view text) {
  text = trim_spaces(text);
  std::size_t at = 0;
  int year = 0;
  int week = 0;
  if (!read_digits(text, at, 4, 4, year)) return std::nullopt;
  if (at < text.size() && text[at] == '-') ++at;
  if (at >= text.size() || (text[at] != 'W' && text[at] != 'w')) return std::nullopt;
  ++at;
  if (!read_digits(text, at, 1, 2, week) || at != text.size()) return std::nullopt;
  return Period::of(PeriodKind::kWeek, year, week);  // nullopt outside 1900..2199
}

std::optional<int64_t> parse_integer(std::string_view text) {
  text = trim_spaces(text);
  // "12.0", "12.00": integral values written as decimals.
  if (std::size_t dot = text.find('.'); dot != std::string_view::npos) {
    std::string_view fraction = text.substr(dot + 1);
    if (fraction.empty() || fraction.find_first_not_of('0') != std::string_view::npos) return std::nullopt;
    text = text.substr(0, dot);
  }
  std::string digits;
  std::string_view body = text;
  if (text.find(',') != std::string_view::npos) {
    // Thousands separators: "1,234,567" only.
    bool negative = !body.empty() && (body[0] == '-' || body[0] == '+');
    if (negative) body.remove_prefix(1);
    std::size_t first_group = body.find(',');
    if (first_group == 0 || first_group > 3) return std::nullopt;
    for (std::size_t at = first_group; at < body.size(); at += 4) {
      if (body[at] != ',' || at + 4 > body.size()) return std::nullopt;
    }
    if ((body.size() - first_group) % 4 != 0) return std::nullopt;
    if (!text.empty() && (text[0] == '-' || text[0] == '+')) digits += text[0];
    for (char c : body) {
      if (c != ',') digits += c;
    }
    body = digits;
  }
  if (!body.empty() && body[0] == '+') body.remove_prefix(1);
  if (body.empty() || body == "-") return std::nullopt;
  int64_t value = 0;
  auto [end, error] = std::from_chars(body.data(), body.data() + body.size(), value);
  if (error != std::errc() || end != body.data() + body.size()) return std::nullopt;
  return value;
}

std::optional<double> parse_number(std::string_view text) {
  text = trim_spaces(text);
  if (std::optional<int64_t> integer = parse_integer(text)) return static_cast<double>(*integer);
  double scale = 1.0;
  if (text.ends_with('%')) {
    text.remove_suffix(1);
    scale = 0.01;
  }
  if (!text.empty() && text[0] == '+') text.remove_prefix(1);
  if (text.empty()) return std::nullopt;
  // from_chars rejects "inf"/"nan" spelled as such only when we ask for
  // fixed|scientific; check explicitly for clarity.
  for (char c : text) {
    if (!is_digit(c) && c != '.' && c != '-' && c != 'e' && c != 'E' && c != '+') return std::nullopt;
  }
  double value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
  return value * scale;
}

std::optional<bool> parse_bool(std::string_view text) {
  text = trim_spaces(text);
  std::string lower(text);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  if (lower == "true" || lower == "yes" || lower == "y" || lower == "1" || lower == "是" || lower == "对") return true;
  if (lower == "false" || lower == "no" || lower == "n" || lower == "0" || lower == "否" || lower == "错") return false;
  return std::nullopt;
}

}  // namespace cadence

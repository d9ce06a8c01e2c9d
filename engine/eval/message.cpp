#include "engine/eval/message.h"

#include "engine/calendar/date.h"

namespace cadence {

namespace {

void append_integer(std::string& out, int64_t value) {
  char buffer[24];
  char* end = buffer + sizeof buffer;
  char* at = end;
  bool negative = value < 0;
  uint64_t magnitude = negative ? static_cast<uint64_t>(-(value + 1)) + 1 : static_cast<uint64_t>(value);
  do {
    *--at = static_cast<char>('0' + magnitude % 10);
    magnitude /= 10;
  } while (magnitude != 0);
  if (negative) *--at = '-';
  out.append(at, end);
}

}  // namespace

void append_number(std::string& out, const Rational& value, std::string_view format) {
  if (format == "percent") {
    // Tenths of a percent: value × 1000, rounded half-up.
    int64_t rounded = round_half_up(multiply(value, Rational{1000, 1}));
    if (rounded < 0) out += '-';
    int64_t magnitude = rounded < 0 ? -rounded : rounded;
    append_integer(out, magnitude / 10);
    out += '.';
    out += static_cast<char>('0' + magnitude % 10);
    out += '%';
    return;
  }
  if (format == "int") {
    append_integer(out, round_half_up(value));
    return;
  }
  if (value.denominator == 1 && format.empty()) {
    append_integer(out, value.numerator);
    return;
  }
  std::string text = format_micros(to_micros(value));
  while (!text.empty() && text.back() == '0') text.pop_back();
  if (!text.empty() && text.back() == '.') text.pop_back();
  out += text;
}

std::string format_number(const Rational& value, std::string_view format) {
  std::string out;
  append_number(out, value, format);
  return out;
}

void append_value(std::string& out, const Vec& values, std::size_t item, std::string_view format) {
  if (item >= values.size() || values.is_null(item)) {
    out += "—";
    return;
  }
  switch (values.type) {
    case lang::Type::kNumber: append_number(out, values.number(item), format); return;
    case lang::Type::kBool: out += values.num[item] != 0 ? "true" : "false"; return;
    case lang::Type::kText: out += values.text[item]; return;
    case lang::Type::kDate: out += Date::from_days(static_cast<int32_t>(values.num[item])).to_string(); return;
    case lang::Type::kPeriod:
      out += Period::from_ordinal(values.period_kind, static_cast<int32_t>(values.num[item])).to_string();
      return;
    default: out += "—"; return;
  }
}

std::string format_value(const Vec& values, std::size_t item, std::string_view format) {
  std::string out;
  append_value(out, values, item, format);
  return out;
}

std::string render_message(const CompiledRule& rule, const std::vector<const Vec*>& placeholder_values,
                           std::size_t item) {
  std::string out;
  // One allocation: the literal text plus room for each placeholder.
  std::size_t capacity = 0;
  for (const MessagePart& part : rule.message) capacity += part.expr ? 32 : part.text.size();
  out.reserve(capacity);
  for (std::size_t m = 0; m < rule.message.size(); ++m) {
    const MessagePart& part = rule.message[m];
    if (!part.expr) {
      out += part.text;
      continue;
    }
    append_value(out, *placeholder_values[m], item, part.format);
  }
  return out;
}

}  // namespace cadence

#include "engine/eval/message.h"

#include "engine/calendar/date.h"

namespace cadence {

std::string format_number(const Rational& value, std::string_view format) {
  if (format == "percent") {
    // Tenths of a percent: value × 1000, rounded half-up.
    int64_t rounded = round_half_up(multiply(value, Rational{1000, 1}));
    bool negative = rounded < 0;
    int64_t magnitude = negative ? -rounded : rounded;
    return (negative ? "-" : "") + std::to_string(magnitude / 10) + "." + std::to_string(magnitude % 10) + "%";
  }
  int64_t micros = to_micros(value);
  if (format == "int") return std::to_string(round_half_up(value));
  if (value.denominator == 1 && format.empty()) return std::to_string(value.numerator);
  std::string text = format_micros(micros);
  while (!text.empty() && text.back() == '0') text.pop_back();
  if (!text.empty() && text.back() == '.') text.pop_back();
  return text;
}

std::string format_value(const Vec& values, std::size_t item, std::string_view format) {
  if (item >= values.size() || values.is_null(item)) return "—";
  switch (values.type) {
    case lang::Type::kNumber: return format_number(values.number(item), format);
    case lang::Type::kBool: return values.num[item] != 0 ? "true" : "false";
    case lang::Type::kText: return std::string(values.text[item]);
    case lang::Type::kDate: return Date::from_days(static_cast<int32_t>(values.num[item])).to_string();
    case lang::Type::kPeriod:
      return Period::from_ordinal(values.period_kind, static_cast<int32_t>(values.num[item])).to_string();
    default: return "—";
  }
}

std::string render_message(const CompiledRule& rule, const std::vector<Vec>& placeholder_values, std::size_t item) {
  std::string out;
  for (std::size_t m = 0; m < rule.message.size(); ++m) {
    const MessagePart& part = rule.message[m];
    if (!part.expr) {
      out += part.text;
      continue;
    }
    out += format_value(placeholder_values[m], item, part.format);
  }
  return out;
}

}  // namespace cadence

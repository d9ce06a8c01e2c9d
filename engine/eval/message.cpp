#include "engine/eval/message.h"

#include <algorithm>
#include <cstring>

#include "engine/calendar/date.h"

namespace cadence {

namespace {

// Writes the decimal digits of `value` at `at` (at most 20 characters);
// returns the end.
char* write_integer(char* at, int64_t value) {
  char digits[24];
  char* end = digits + sizeof digits;
  char* first = end;
  const bool negative = value < 0;
  uint64_t magnitude = negative ? static_cast<uint64_t>(-(value + 1)) + 1 : static_cast<uint64_t>(value);
  do {
    *--first = static_cast<char>('0' + magnitude % 10);
    magnitude /= 10;
  } while (magnitude != 0);
  if (negative) *at++ = '-';
  const auto length = static_cast<std::size_t>(end - first);
  std::memcpy(at, first, length);
  return at + length;
}

// Writes "41.7%": tenths of a percent, value × 1000 rounded half-up (at most
// 24 characters); returns the end.
char* write_percent(char* at, const Rational& value) {
  int64_t rounded = round_half_up(multiply(value, Rational{1000, 1}));
  if (rounded < 0) *at++ = '-';
  int64_t magnitude = rounded < 0 ? -rounded : rounded;
  at = write_integer(at, magnitude / 10);
  *at++ = '.';
  *at++ = static_cast<char>('0' + magnitude % 10);
  *at++ = '%';
  return at;
}

void append_integer(std::string& out, int64_t value) {
  char text[24];
  out.append(text, write_integer(text, value));
}

}  // namespace

void append_number(std::string& out, const Rational& value, std::string_view format) {
  if (format == "percent") {
    char text[32];
    out.append(text, write_percent(text, value));
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

namespace {

char* write_text(char* at, std::string_view text) {
  std::memcpy(at, text.data(), text.size());
  return at + text.size();
}

// The most a placeholder other than text can take in the buffer without
// the general path: write_percent's 24 characters, and some.
constexpr std::size_t kNumberRoom = 32;

}  // namespace

MessageRenderer::MessageRenderer(const CompiledRule& rule) {
  for (const MessagePart& part : rule.message) {
    Part compiled;
    compiled.placeholder = part.expr != nullptr;
    if (compiled.placeholder) {
      compiled.format = part.format;
      compiled.kind = part.format.empty()        ? Format::kNone
                      : part.format == "percent" ? Format::kPercent
                      : part.format == "int"     ? Format::kInt
                                                 : Format::kOther;
    } else {
      compiled.text = part.text;
    }
    fixed_room_ += compiled.placeholder ? kNumberRoom : part.text.size();
    parts_.push_back(compiled);
  }
}

MessageText MessageRenderer::render(const std::vector<const Vec*>& placeholder_values,
                                    std::size_t item) const {
  return MessageText(write(placeholder_values, item));
}

MessageText MessageRenderer::render(const std::vector<const Vec*>& placeholder_values, std::size_t item,
                                    MessageBlocks& blocks) const {
  return blocks.add(write(placeholder_values, item));
}

std::string_view MessageRenderer::write(const std::vector<const Vec*>& placeholder_values,
                                        std::size_t item) const {
  // The buffer always has room for the parts not yet written, but for the
  // length of texts (fixed_room_: every literal, and kNumberRoom for each
  // placeholder); a text, or a value the general path formats, makes room
  // for itself first.
  thread_local std::vector<char> buffer;
  if (buffer.size() < fixed_room_) buffer.resize(std::max(fixed_room_, std::size_t{256}));
  char* at = buffer.data();
  auto make_room = [&](std::size_t more) {
    const auto used = static_cast<std::size_t>(at - buffer.data());
    if (buffer.size() < used + more + fixed_room_) {
      buffer.resize(2 * (used + more + fixed_room_));
      at = buffer.data() + used;
    }
  };
  std::string general;  // a value for the general path (append_value)
  for (std::size_t m = 0; m < parts_.size(); ++m) {
    const Part& part = parts_[m];
    if (!part.placeholder) {
      at = write_text(at, part.text);
      continue;
    }
    const Vec& values = *placeholder_values[m];
    if (item < values.size() && !values.is_null(item)) {
      if (values.type == lang::Type::kText) {
        make_room(values.text[item].size());
        at = write_text(at, values.text[item]);
        continue;
      }
      if (values.type == lang::Type::kNumber) {
        const Rational value = values.number(item);
        if (part.kind == Format::kNone && value.denominator == 1) {
          at = write_integer(at, value.numerator);
          continue;
        }
        if (part.kind == Format::kPercent) {
          at = write_percent(at, value);
          continue;
        }
        if (part.kind == Format::kInt) {
          at = write_integer(at, round_half_up(value));
          continue;
        }
      }
    }
    // Everything else (null, bools, dates, decimals): the general
    // formatter, whose text may be longer than the room kept for it.
    general.clear();
    append_value(general, values, item, part.format);
    make_room(general.size());
    at = write_text(at, general);
  }
  return {buffer.data(), static_cast<std::size_t>(at - buffer.data())};
}

}  // namespace cadence

#include "engine/eval/message.h"

#include <bit>
#include <cstring>

#include "engine/calendar/date.h"

namespace cadence {

namespace {

template <std::size_t N>
void move_bytes(char* to, const char* from) {
  std::memcpy(to, from, N);  // a fixed size: one or two register moves, no call
}

// Calls body(copy), where copy(to, from) copies exactly n bytes, chosen
// once for n: up to 32 bytes (nearly every literal, name and number) in two
// overlapping fixed-size moves, since a memcpy call for each of a message's
// seven parts was a fifth of rendering it. A literal part chooses once for
// every message of its batch.
template <typename Body>
[[gnu::always_inline]] inline void with_copier(std::size_t n, Body&& body) {
  if (n > 32) {
    body([n](char* to, const char* from) { std::memcpy(to, from, n); });
  } else if (n >= 16) {
    body([n](char* to, const char* from) {
      move_bytes<16>(to, from);
      move_bytes<16>(to + n - 16, from + n - 16);
    });
  } else if (n >= 8) {
    body([n](char* to, const char* from) {
      move_bytes<8>(to, from);
      move_bytes<8>(to + n - 8, from + n - 8);
    });
  } else if (n >= 4) {
    body([n](char* to, const char* from) {
      move_bytes<4>(to, from);
      move_bytes<4>(to + n - 4, from + n - 4);
    });
  } else {
    body([n](char* to, const char* from) {
      if (n == 0) return;
      to[0] = from[0];
      to[n / 2] = from[n / 2];
      to[n - 1] = from[n - 1];
    });
  }
}

// Copies a text; returns the end.
[[gnu::always_inline]] inline char* copy_text(char* to, std::string_view text) {
  with_copier(text.size(), [&](auto copy) { copy(to, text.data()); });
  return to + text.size();
}

// The number of decimal digits of `value` (1 for 0), from its bit length.
std::size_t digit_count(uint64_t value) {
  static constexpr uint64_t kPowers[] = {1,
                                         10,
                                         100,
                                         1000,
                                         10000,
                                         100000,
                                         1000000,
                                         10000000,
                                         100000000,
                                         1000000000,
                                         10000000000,
                                         100000000000,
                                         1000000000000,
                                         10000000000000,
                                         100000000000000,
                                         1000000000000000,
                                         10000000000000000,
                                         100000000000000000,
                                         1000000000000000000,
                                         10000000000000000000U};
  const auto bits = static_cast<std::size_t>(std::bit_width(value | 1));
  const std::size_t guess = bits * 1233 >> 12;  // ⌊bits·log10(2)⌋, or one less
  return guess + ((value | 1) >= kPowers[guess] ? 1 : 0);
}

std::size_t integer_width(int64_t value) {
  return (value < 0 ? 1 : 0) + digit_count(magnitude(value));
}

// Writes the decimal digits of `value` at `at` (at most 20 characters and
// a sign); returns the end.
[[gnu::always_inline]] inline char* write_integer(char* at, int64_t value) {
  if (value < 0) *at++ = '-';
  uint64_t units = magnitude(value);
  char* const end = at + digit_count(units);
  char* digit = end;
  do {
    *--digit = static_cast<char>('0' + units % 10);
    units /= 10;
  } while (units != 0);
  return end;
}

// A percent as tenths: value × 1000 rounded half-up (away from zero for
// negatives), exact at any size: |numerator| · 1000 fits 128 bits.
Int128 percent_tenths(const Rational& value) {
  Int128 n = Int128{value.numerator} * 1000;
  const Int128 d = value.denominator;
  const bool negative = n < 0;
  if (negative) n = -n;
  const Int128 rounded = divide_nonnegative(2 * n + d, 2 * d);
  return negative ? -rounded : rounded;
}

bool fits_int64(Int128 value) { return value >= INT64_MIN && value <= INT64_MAX; }

std::size_t percent_width(int64_t tenths) {
  return (tenths < 0 ? 1 : 0) + digit_count(magnitude(tenths) / 10) + 3;
}

// Writes "41.7%" for 417 tenths (at most 22 characters); returns the end.
char* write_percent(char* at, int64_t tenths) {
  if (tenths < 0) *at++ = '-';
  const uint64_t units = magnitude(tenths);
  at = write_integer(at, static_cast<int64_t>(units / 10));
  *at++ = '.';
  *at++ = static_cast<char>('0' + units % 10);
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
    const Int128 tenths = percent_tenths(value);
    if (fits_int64(tenths)) {
      char text[32];
      out.append(text, write_percent(text, static_cast<int64_t>(tenths)));
      return;
    }
    // Beyond 64 bits of tenths: the same text, digit by digit.
    const Int128 units = tenths < 0 ? -tenths : tenths;
    out += (tenths < 0 ? "-" : "") + int128_to_string(units / 10) + "." +
           static_cast<char>('0' + static_cast<int>(units % 10)) + "%";
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
  // Exact at any size: a message or an explanation never refuses a value it
  // can print.
  std::string text = format_decimal6(value);
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
      literal_bytes_ += part.text.size();
    }
    parts_.push_back(compiled);
  }
}

// A part as its batch's column: the kind of writer every item takes, and
// what it reads. A value no shortcut takes is formatted item by item by
// append_value and then copied as a text.
struct MessageRenderer::Column {
  enum class Kind : uint8_t { kLiteral, kText, kInteger, kPercent };
  Kind kind = Kind::kLiteral;
  std::string_view literal;
  const std::string_view* texts = nullptr;
  const int64_t* numbers = nullptr;               // integers, or percents in tenths
  std::vector<int64_t> computed;                  // numbers made for the batch
  std::vector<std::string> formatted;             // texts made for the batch
  std::vector<std::string_view> formatted_views;  // `texts`, over `formatted`
};

MessageRenderer::Column MessageRenderer::column(const Part& part, const Vec* values,
                                                std::size_t count) const {
  Column column;
  if (!part.placeholder) {
    column.literal = part.text;
    return column;
  }
  // The shortcuts take a column without nulls that covers the batch;
  // anything else is formatted item by item by append_value.
  const bool whole = values->size() >= count && values->null.empty();
  if (whole && values->type == lang::Type::kText) {
    column.kind = Column::Kind::kText;
    column.texts = values->text.data();
    return column;
  }
  if (whole && values->type == lang::Type::kNumber) {
    const bool integers = values->den.empty();
    if (integers && (part.kind == Format::kNone || part.kind == Format::kInt)) {
      column.kind = Column::Kind::kInteger;
      column.numbers = values->num.data();
      return column;
    }
    if (part.kind == Format::kInt || part.kind == Format::kPercent) {
      column.computed.resize(count);
      bool fits = true;
      for (std::size_t j = 0; j < count && fits; ++j) {
        const Rational value = values->number(j);
        if (part.kind == Format::kInt) {
          column.computed[j] = round_half_up(value);  // |n / d| ≤ |n|: always an int64
          continue;
        }
        const Int128 tenths = percent_tenths(value);
        fits = fits_int64(tenths);
        if (fits) column.computed[j] = static_cast<int64_t>(tenths);
      }
      if (fits) {
        column.kind = part.kind == Format::kInt ? Column::Kind::kInteger : Column::Kind::kPercent;
        column.numbers = column.computed.data();
        return column;
      }
      column.computed.clear();  // a percent beyond 64 bits of tenths: formatted item by item below
    }
  }
  column.kind = Column::Kind::kText;
  column.formatted.resize(count);
  column.formatted_views.resize(count);
  for (std::size_t j = 0; j < count; ++j) {
    append_value(column.formatted[j], *values, j, part.format);
    column.formatted_views[j] = column.formatted[j];
  }
  column.texts = column.formatted_views.data();
  return column;
}

void MessageRenderer::render_batch(const std::vector<const Vec*>& placeholder_values, std::size_t count,
                                   std::vector<MessageText>& messages) const {
  std::vector<Column> columns;
  columns.reserve(parts_.size());
  for (std::size_t m = 0; m < parts_.size(); ++m)
    columns.push_back(column(parts_[m], placeholder_values[m], count));

  // Each message's length, part by part, then one block for them all.
  std::vector<std::size_t> lengths(count, literal_bytes_);
  for (const Column& part : columns) {
    switch (part.kind) {
      case Column::Kind::kLiteral: break;  // in literal_bytes_
      case Column::Kind::kText:
        for (std::size_t j = 0; j < count; ++j) lengths[j] += part.texts[j].size();
        break;
      case Column::Kind::kInteger:
        for (std::size_t j = 0; j < count; ++j) lengths[j] += integer_width(part.numbers[j]);
        break;
      case Column::Kind::kPercent:
        for (std::size_t j = 0; j < count; ++j) lengths[j] += percent_width(part.numbers[j]);
        break;
    }
  }
  MessageBatch batch(lengths.data(), count);

  // The texts, part by part over the batch: each loop one writer, its
  // branches the same for every item.
  std::vector<char*> at(count);
  for (std::size_t j = 0; j < count; ++j) at[j] = batch.text(j);
  for (const Column& part : columns) {
    switch (part.kind) {
      case Column::Kind::kLiteral:
        with_copier(part.literal.size(), [&](auto copy) {
          for (std::size_t j = 0; j < count; ++j) {
            copy(at[j], part.literal.data());
            at[j] += part.literal.size();
          }
        });
        break;
      case Column::Kind::kText:
        for (std::size_t j = 0; j < count; ++j) at[j] = copy_text(at[j], part.texts[j]);
        break;
      case Column::Kind::kInteger:
        for (std::size_t j = 0; j < count; ++j) at[j] = write_integer(at[j], part.numbers[j]);
        break;
      case Column::Kind::kPercent:
        for (std::size_t j = 0; j < count; ++j) at[j] = write_percent(at[j], part.numbers[j]);
        break;
    }
  }
  messages.resize(count);
  for (std::size_t j = 0; j < count; ++j) messages[j] = batch.message(j);
}

}  // namespace cadence

// MessageRenderer writes, for every kind of value and format, exactly what
// append_value() writes part by part: the batch's shortcuts (text,
// integer and percent columns written in place into one block, literals
// and texts copied by fixed-size moves) must not change a byte of any
// message. Percents are also checked against literal texts, since
// append_value writes them with the same percent_tenths.
#include "engine/eval/message.h"

#include <doctest/doctest.h>

#include <limits>
#include <memory>
#include <string>
#include <vector>

namespace cadence {
namespace {

using lang::Type;

MessagePart literal(std::string text) {
  MessagePart part;
  part.text = std::move(text);
  return part;
}

MessagePart placeholder(std::string format) {
  MessagePart part;
  part.expr = std::make_unique<lang::BoundExpr>();
  part.format = std::move(format);
  return part;
}

// Each part appended in turn: the reference for every batch.
std::string appended(const CompiledRule& rule, const std::vector<const Vec*>& values, std::size_t item) {
  std::string out;
  for (std::size_t m = 0; m < rule.message.size(); ++m) {
    if (rule.message[m].expr) {
      append_value(out, *values[m], item, rule.message[m].format);
    } else {
      out += rule.message[m].text;
    }
  }
  return out;
}

Vec numbers(const std::vector<Rational>& items) {
  Vec vec;
  vec.reset(Type::kNumber, items.size());
  for (std::size_t i = 0; i < items.size(); ++i) vec.set_number(i, items[i]);
  return vec;
}

TEST_CASE("a rendered message equals its parts appended, for every format and value") {
  const int64_t huge = int64_t{1} << 50;  // beyond to_micros' integer shortcut
  const std::vector<Rational> values{{0, 1},
                                     {1, 1},
                                     {-1, 1},
                                     {2, 5},
                                     {3, 5},
                                     {5, 12},
                                     {1, 3},
                                     {2, 3},
                                     {1, 2000},
                                     {-1, 2000},
                                     {1, 1999},
                                     {-1, 1999},
                                     {999, 1000},
                                     {-999, 1000},
                                     {7, 2},
                                     {-7, 2},
                                     {5, 2},
                                     {-5, 2},
                                     {4, 2},
                                     {-1, 4001},
                                     {1, 4001},
                                     {-1, 4000},
                                     {1000001, 1000000},
                                     {huge, 3},
                                     {-huge, 7},
                                     {3, huge},
                                     {huge, 1},
                                     {std::numeric_limits<int64_t>::min() + 1, 1},
                                     {std::numeric_limits<int64_t>::max(), 1}};
  Vec number = numbers(values);
  number.set_null(3);  // a null prints "—"
  const Vec whole_number = numbers(values);  // no nulls: the batch's number columns
  std::vector<Rational> integer_values;
  for (const Rational& value : values) integer_values.push_back({value.numerator, 1});
  const Vec integers = numbers(integer_values);  // no denominators: the integer column
  Vec text;
  text.reset(Type::kText, values.size());
  for (std::size_t i = 0; i < values.size(); ++i)
    text.text[i] = i % 3 == 0 ? "" : i % 3 == 1 ? "城关一支部" : "B7";
  text.set_null(5);
  Vec flags;
  flags.reset(Type::kBool, values.size());
  for (std::size_t i = 0; i < values.size(); ++i) flags.num[i] = static_cast<int64_t>(i % 2);
  Vec days;
  days.reset(Type::kDate, values.size());
  for (std::size_t i = 0; i < values.size(); ++i) days.num[i] = 19000 + static_cast<int64_t>(i);
  Vec names;  // no nulls: the text column
  names.reset(Type::kText, values.size());
  for (std::size_t i = 0; i < values.size(); ++i) names.text[i] = i % 2 == 0 ? "团支部" : "";

  for (const char* format : {"", "percent", "int", "decimal", "date"}) {
    CompiledRule rule;
    rule.message.push_back(placeholder(""));
    rule.message.push_back(literal(" 参学率 "));
    rule.message.push_back(placeholder(format));
    rule.message.push_back(literal("（"));
    rule.message.push_back(placeholder(format));
    rule.message.push_back(placeholder(format));
    rule.message.push_back(literal("），低于 60%"));
    rule.message.push_back(placeholder(format));
    rule.message.push_back(placeholder(format));
    rule.message.push_back(placeholder(format));
    rule.message.push_back(placeholder(""));
    const std::vector<const Vec*> parts{&text,   nullptr, &number,   nullptr,       &flags, &days,
                                        nullptr, &number, &integers, &whole_number, &names};
    const MessageRenderer renderer(rule);
    std::vector<MessageText> batch;
    renderer.render_batch(parts, values.size(), batch);
    REQUIRE(batch.size() == values.size());
    for (std::size_t item = 0; item < values.size(); ++item) {
      INFO("format '" << format << "', item " << item);
      CHECK(batch[item] == appended(rule, parts, item));
    }
  }
}

TEST_CASE("a message longer than any buffer so far is rendered whole") {
  CompiledRule rule;
  rule.message.push_back(literal(std::string(5000, 'x')));
  rule.message.push_back(placeholder("decimal"));
  rule.message.push_back(placeholder(""));
  Vec number = numbers({{1, 3}});
  Vec text;
  text.reset(Type::kText, 1);
  const std::string long_name(70000, 'n');
  text.text[0] = long_name;
  const std::vector<const Vec*> parts{nullptr, &number, &text};
  const std::string rendered = appended(rule, parts, 0);
  CHECK(rendered == std::string(5000, 'x') + "0.333333" + long_name);
  std::vector<MessageText> batch;
  MessageRenderer(rule).render_batch(parts, 1, batch);
  CHECK(batch.at(0) == rendered);
}

// An independent reference for percents: tenths of a percent, rounded
// half away from zero, at and beyond where percent_tenths leaves its
// 64-bit shortcut (numerators and denominators of 2^52).
TEST_CASE("percents are tenths rounded half away from zero, on both sides of the shortcut") {
  const int64_t edge = int64_t{1} << 52;
  const std::vector<std::pair<Rational, std::string>> cases{
      {{1, 2000}, "0.1%"},
      {{-1, 2000}, "-0.1%"},
      {{1, 2001}, "0.0%"},
      {{-1, 2001}, "0.0%"},
      {{5, 12}, "41.7%"},
      {{7, 12}, "58.3%"},
      {{-2, 3}, "-66.7%"},
      {{3, 5}, "60.0%"},
      {{0, 7}, "0.0%"},
      {{123456789, 1000}, "12345678.9%"},
      {{3, 1}, "300.0%"},
      {{edge - 1, 3}, "150119987579016500.0%"},
      {{-(edge - 1), 7}, "-64337137533864214.3%"},
      {{1, edge - 1}, "0.0%"},
      {{edge, 3}, "150119987579016533.3%"},
      {{1, edge}, "0.0%"},
  };
  std::vector<Rational> values;
  for (const auto& [value, text] : cases) {
    CAPTURE(value.numerator);
    CAPTURE(value.denominator);
    CHECK(format_number(value, "percent") == text);
    values.push_back(value);
  }
  // The same as a batch's percent column, and over integers alone.
  CompiledRule rule;
  rule.message.push_back(placeholder("percent"));
  rule.message.push_back(literal(" "));
  rule.message.push_back(placeholder("percent"));
  const Vec rates = numbers(values);
  Vec whole;
  whole.reset(Type::kNumber, values.size());
  for (std::size_t j = 0; j < values.size(); ++j) whole.num[j] = static_cast<int64_t>(j) - 3;
  const std::vector<const Vec*> parts{&rates, nullptr, &whole};
  std::vector<MessageText> batch;
  MessageRenderer(rule).render_batch(parts, values.size(), batch);
  REQUIRE(batch.size() == values.size());
  for (std::size_t j = 0; j < values.size(); ++j) {
    const int64_t hundreds = static_cast<int64_t>(j) - 3;
    CHECK(batch[j] == cases[j].second + " " + (hundreds == 0 ? "" : std::to_string(hundreds) + "00") +
                          (hundreds == 0 ? "0.0%" : ".0%"));
  }
}

// Every text length a short copy treats apart (none, 1-3, 4-7, 8-15, 16-32,
// longer), every digit count, and percents and int-rounded values of
// either sign, in one batch: each message's length is summed before its
// text is written, so a width off by one shows in every message after it.
TEST_CASE("a batch's messages are each written whole, whatever their lengths") {
  CompiledRule rule;
  rule.message.push_back(literal("«"));
  rule.message.push_back(placeholder(""));
  rule.message.push_back(literal("» has "));
  rule.message.push_back(placeholder(""));
  rule.message.push_back(placeholder("percent"));
  rule.message.push_back(placeholder("int"));
  rule.message.push_back(literal(""));
  rule.message.push_back(placeholder(""));
  rule.message.push_back(placeholder("int"));
  const std::size_t count = 301;
  Vec text;
  text.reset(Type::kText, count);
  Vec integer;
  integer.reset(Type::kNumber, count);
  Vec rate;
  rate.reset(Type::kNumber, count);
  std::vector<std::string> names(count);
  int64_t magnitude = 1;
  for (std::size_t j = 0; j < count; ++j) {
    for (std::size_t k = 0; k < j; ++k) names[j].push_back(static_cast<char>('a' + k % 26));
    text.text[j] = names[j];
    const int64_t sign = j % 2 == 0 ? 1 : -1;
    integer.num[j] = j % 20 == 0 ? 0 : sign * (magnitude - static_cast<int64_t>(j % 3));
    rate.set_number(j, Rational{sign * static_cast<int64_t>(j * j), static_cast<int64_t>(j % 7 + 1)});
    magnitude = magnitude > std::numeric_limits<int64_t>::max() / 10 ? 1 : magnitude * 10;
  }
  integer.num[count - 1] = std::numeric_limits<int64_t>::min();
  integer.num[count - 2] = std::numeric_limits<int64_t>::max();
  const std::vector<const Vec*> parts{nullptr, &text,   nullptr, &integer, &rate,
                                      &rate,   nullptr, &text,   &integer};
  const MessageRenderer renderer(rule);
  std::vector<MessageText> batch;
  renderer.render_batch(parts, count, batch);
  REQUIRE(batch.size() == count);
  for (std::size_t j = 0; j < count; ++j) {
    INFO("item " << j);
    CHECK(batch[j] == appended(rule, parts, j));
  }
  // Fewer items than the columns hold: only those are rendered.
  renderer.render_batch(parts, 3, batch);
  REQUIRE(batch.size() == 3);
  CHECK(batch[2] == appended(rule, parts, 2));
}

// A column shorter than the batch prints "—" past its end (the general
// path), and a batch mixes empty and non-empty messages.
TEST_CASE("a batch reads no column past its end, and keeps empty messages empty") {
  CompiledRule rule;
  rule.message.push_back(placeholder(""));
  rule.message.push_back(placeholder(""));
  Vec text;
  text.reset(Type::kText, 4);
  text.text[1] = "一";
  text.text[3] = "B2";
  Vec short_numbers = numbers({{1, 1}});
  const std::vector<const Vec*> only_text{&text, &text};
  std::vector<MessageText> batch;
  MessageRenderer(rule).render_batch(only_text, 4, batch);
  REQUIRE(batch.size() == 4);
  CHECK(batch[0].empty());
  CHECK(batch[1] == "一一");
  CHECK(batch[2].empty());
  CHECK(batch[3] == "B2B2");
  const std::vector<const Vec*> short_column{&text, &short_numbers};
  MessageRenderer(rule).render_batch(short_column, 4, batch);
  REQUIRE(batch.size() == 4);
  CHECK(batch[0] == "1");
  CHECK(batch[1] == "一—");
  CHECK(batch[3] == "B2—");
}

TEST_CASE("a batch of empty messages allocates no block, and a batch of none is empty") {
  CompiledRule rule;
  rule.message.push_back(placeholder(""));
  Vec text;
  text.reset(Type::kText, 2);
  const std::vector<const Vec*> parts{&text};
  std::vector<MessageText> batch;
  MessageRenderer(rule).render_batch(parts, 2, batch);
  REQUIRE(batch.size() == 2);
  CHECK(batch[0].empty());
  CHECK(batch[1].empty());
  MessageRenderer(rule).render_batch(parts, 0, batch);
  CHECK(batch.empty());
}

}  // namespace
}  // namespace cadence

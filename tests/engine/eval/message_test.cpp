// MessageRenderer writes, for every kind of value and format, exactly what
// append_value() writes part by part: the shortcuts (integers, percents
// and int-rounded values written straight into its buffer, texts copied)
// must not change a byte of any message.
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

// What the message was before MessageRenderer: each part appended in turn.
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
  const int64_t huge = int64_t{1} << 50;  // beyond the 64-bit shortcuts
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
    const std::vector<const Vec*> parts{&text, nullptr, &number, nullptr, &flags, &days, nullptr, &number};
    const MessageRenderer renderer(rule);
    for (std::size_t item = 0; item < values.size(); ++item) {
      INFO("format '" << format << "', item " << item);
      CHECK(renderer.render(parts, item) == appended(rule, parts, item));
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
  const std::string rendered = MessageRenderer(rule).render(parts, 0).str();
  CHECK(rendered == std::string(5000, 'x') + "0.333333" + long_name);
}

}  // namespace
}  // namespace cadence

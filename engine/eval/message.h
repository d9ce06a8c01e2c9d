// Formatting values for people: finding messages and explanations.
//
//   "{org.name} {period} 参学率 {value:percent}（{learners}/{active}）"
//   → "城关一支部 2023-W10 参学率 41.7%（5/12）"
//
// Formats: percent (×100, one decimal, "%"), int (rounded half-up), decimal
// (up to 6 decimals, trailing zeros dropped), date (ISO). Without a format a
// number prints as an integer when it is one, else as decimal. Null prints "—".
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/eval/message_text.h"
#include "engine/eval/vector.h"
#include "engine/plan/plan.h"

namespace cadence {

std::string format_value(const Vec& values, std::size_t item, std::string_view format);
std::string format_number(const Rational& value, std::string_view format);
void append_value(std::string& out, const Vec& values, std::size_t item, std::string_view format);
void append_number(std::string& out, const Rational& value, std::string_view format);
// A rule's message, rendered for items of a batch: `placeholder_values[m]`
// holds the values of message part m (unused for literal parts). Made once
// per rule (the formats read, the literal parts' lengths summed), then used
// for every batch of findings (appending part by part to a std::string for
// each message, or writing each in turn through every part's tests, cost a
// large share of the evaluation: BENCHMARKS.md "Figures behind engine/eval's comments").
// A batch is rendered part by part instead: each part's
// writer is chosen once for the batch (a text column, integers, percents,
// or the general formatter item by item), the messages' lengths are summed
// first, and every text is written in place in one block for the batch
// (MessageBatch). The text is exactly what append_value() writes for each
// part.
class MessageRenderer {
 public:
  explicit MessageRenderer(const CompiledRule& rule);
  // The messages of items 0 to count - 1: `messages[j]` is item j's.
  void render_batch(const std::vector<const Vec*>& placeholder_values, std::size_t count,
                    std::vector<MessageText>& messages) const;

 private:
  enum class Format : uint8_t { kNone, kPercent, kInt, kOther };
  struct Part {
    std::string_view text;    // a literal part
    std::string_view format;  // a placeholder's, as written
    Format kind = Format::kNone;
    bool placeholder = false;
  };
  struct Column;
  Column column(const Part& part, const Vec* values, std::size_t count) const;

  std::vector<Part> parts_;
  std::size_t literal_bytes_ = 0;  // the literal parts' bytes, in every message
};

}  // namespace cadence

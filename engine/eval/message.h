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
// for every finding: half a million messages at M, where appending part by
// part to a growing std::string and comparing each format as text was a
// third of the evaluation. A message is written into a per-thread buffer
// (integers and percents by the same writers append_number uses) and
// copied once into a MessageText (message_text.h), in its period's shared
// blocks. The text is exactly what append_value() writes for each part.
class MessageRenderer {
 public:
  explicit MessageRenderer(const CompiledRule& rule);
  // The message in a block of its own.
  MessageText render(const std::vector<const Vec*>& placeholder_values, std::size_t item) const;
  // The message in the blocks of its batch (the evaluator's way).
  MessageText render(const std::vector<const Vec*>& placeholder_values, std::size_t item,
                     MessageBlocks& blocks) const;

 private:
  enum class Format : uint8_t { kNone, kPercent, kInt, kOther };
  struct Part {
    std::string_view text;    // a literal part
    std::string_view format;  // a placeholder's, as written
    Format kind = Format::kNone;
    bool placeholder = false;
  };
  // The message in the calling thread's buffer, valid until its next call.
  std::string_view write(const std::vector<const Vec*>& placeholder_values, std::size_t item) const;

  std::vector<Part> parts_;
  std::size_t fixed_room_ = 0;  // the literals' bytes and kNumberRoom for each placeholder
};

}  // namespace cadence

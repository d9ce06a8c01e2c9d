#include "engine/eval/message_text.h"

#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <utility>

namespace cadence {
namespace {

TEST_CASE("a message keeps its text whole, copies it deeply and is empty without allocating") {
  const MessageText empty;
  CHECK(empty.empty());
  CHECK(empty.view().empty());
  CHECK(MessageText("").empty());

  const std::string text = "团支部 B1 2023-W10 参学率 40.0%（2/5），低于 60%";
  MessageText message(text);
  CHECK_FALSE(message.empty());
  CHECK(message.size() == text.size());
  CHECK(message == text);
  CHECK(message.str() == text);

  // Bytes are kept as given, a zero byte and 70,000 bytes included.
  const std::string odd("a\0b", 3);
  CHECK(MessageText(odd).view() == odd);
  const std::string long_text(70000, 'x');
  CHECK(MessageText(long_text).view() == long_text);

  MessageText copy = message;
  message = MessageText("other");
  CHECK(copy == text);  // the copy owns its text
  CHECK(message == "other");
  MessageText moved = std::move(copy);
  CHECK(moved == text);
  copy = moved;
  CHECK(copy == moved);
  copy = MessageText();
  CHECK(copy.empty());

  std::ostringstream out;
  out << moved;
  CHECK(out.str() == text);
  CHECK(sizeof(MessageText) == sizeof(void*));
}

}  // namespace
}  // namespace cadence

#include "engine/eval/message_text.h"

#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

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

TEST_CASE("messages written into shared blocks outlive their writer and each other") {
  // Small blocks: 1,000 messages fill many of them; one text is longer
  // than a block and gets its own. Messages copied and destroyed in any
  // order free each block once (the asan preset checks the frees).
  std::vector<MessageText> messages;
  std::vector<std::string> texts;
  {
    MessageBlocks blocks(256);
    for (int i = 0; i < 1000; ++i) {
      texts.push_back("第" + std::to_string(i) + "条 " + std::string(static_cast<std::size_t>(i % 37), 'x'));
      messages.push_back(blocks.add(texts.back()));
    }
    texts.push_back(std::string(1000, 'y'));
    messages.push_back(blocks.add(texts.back()));
    CHECK(blocks.add("").empty());
  }  // the writer is gone; the messages keep their blocks
  REQUIRE(messages.size() == texts.size());
  for (std::size_t i = 0; i < messages.size(); ++i) CHECK(messages[i] == texts[i]);

  std::vector<MessageText> copies(messages.begin(), messages.end());
  for (std::size_t i = 1; i < messages.size(); i += 2) messages[i] = MessageText();  // drop every other
  messages.erase(messages.begin(), messages.begin() + 500);
  for (std::size_t i = 0; i < copies.size(); ++i) CHECK(copies[i] == texts[i]);
  copies.clear();
  for (std::size_t i = 0; i < messages.size(); ++i) {
    CAPTURE(i);
    CHECK((messages[i].empty() || messages[i] == texts[500 + i]));
  }
  CHECK(messages.back() == texts.back());
}

TEST_CASE("a message assigned to itself keeps its text, and copies may die on another thread") {
  MessageBlocks blocks(64);
  MessageText message = blocks.add("本周参学率低于 60%");
  const MessageText& same = message;
  message = same;  // self-assignment: the count must not drop to zero
  CHECK(message == "本周参学率低于 60%");
  // Findings are made on worker threads and destroyed on another: the
  // counts are atomic. Two threads drop their copies of the same messages.
  std::vector<MessageText> texts;
  for (int i = 0; i < 200; ++i) texts.push_back(blocks.add("第" + std::to_string(i) + "条"));
  std::vector<MessageText> left(texts.begin(), texts.end());
  std::vector<MessageText> right(texts.begin(), texts.end());
  std::thread one([&] { left.clear(); });
  std::thread two([&] { right.clear(); });
  one.join();
  two.join();
  for (int i = 0; i < 200; ++i) CHECK(texts[static_cast<std::size_t>(i)] == "第" + std::to_string(i) + "条");
}

}  // namespace
}  // namespace cadence

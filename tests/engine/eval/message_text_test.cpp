#include "engine/eval/message_text.h"

#include <doctest/doctest.h>

#include <cstring>
#include <optional>
#include <sstream>
#include <stdexcept>
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

// A batch of the given texts, each copied to where its message goes.
std::vector<MessageText> written(const std::vector<std::string>& texts) {
  std::vector<std::size_t> lengths;
  for (const std::string& text : texts) lengths.push_back(text.size());
  MessageBatch batch(lengths.data(), lengths.size());
  std::vector<MessageText> messages;
  for (std::size_t j = 0; j < texts.size(); ++j) {
    if (!texts[j].empty()) std::memcpy(batch.text(j), texts[j].data(), texts[j].size());
    messages.push_back(batch.message(j));
  }
  return messages;
}

TEST_CASE("messages written in a batch outlive their writer and each other") {
  // 1,000 messages in one block, one of them empty and one long. Messages
  // copied and destroyed in any order free the block once, after the last
  // (the asan preset checks the frees).
  std::vector<std::string> texts;
  for (int i = 0; i < 1000; ++i) {
    texts.push_back("第" + std::to_string(i) + "条 " + std::string(static_cast<std::size_t>(i % 37), 'x'));
  }
  texts[7].clear();
  texts.push_back(std::string(100000, 'y'));
  std::vector<MessageText> messages = written(texts);  // the writer is gone
  REQUIRE(messages.size() == texts.size());
  for (std::size_t i = 0; i < messages.size(); ++i) CHECK(messages[i] == texts[i]);
  CHECK(messages[7].empty());

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

TEST_CASE("a message dropped while its batch is written does not free the block") {
  // The writer counts its messages only when it is done: a message made
  // and dropped before then takes its reference from the writer's share.
  const std::vector<std::size_t> lengths{3, 3};
  std::optional<MessageText> kept;
  {
    MessageBatch batch(lengths.data(), lengths.size());
    std::memcpy(batch.text(0), "one", 3);
    std::memcpy(batch.text(1), "two", 3);
    { const MessageText dropped = batch.message(0); }
    kept = batch.message(1);
    CHECK(*kept == "two");
  }
  CHECK(*kept == "two");
  const std::vector<std::size_t> none{0, 0};
  MessageBatch empty(none.data(), none.size());
  CHECK(empty.text(0) == nullptr);
  CHECK(empty.message(1).empty());
}

TEST_CASE("messages dropped on another thread while their batch is written keep the block") {
  std::vector<std::size_t> lengths(100, 2);
  std::vector<MessageText> survivors;
  {
    MessageBatch batch(lengths.data(), lengths.size());
    std::vector<MessageText> doomed;
    for (std::size_t j = 0; j < lengths.size(); ++j) {
      std::memcpy(batch.text(j), j % 2 == 0 ? "ab" : "cd", 2);
      (j % 2 == 0 ? survivors : doomed).push_back(batch.message(j));
    }
    std::thread dropper([&] { doomed.clear(); });
    dropper.join();
    for (const MessageText& message : survivors) CHECK(message == "ab");
  }
  for (const MessageText& message : survivors) CHECK(message == "ab");
}

TEST_CASE("a message longer than 4 GiB is refused before anything is written") {
  const std::string small = "x";
  // The length is checked before the text is read.
  CHECK_THROWS_AS(MessageText(std::string_view(small.data(), (std::size_t{1} << 32) + 1)), std::length_error);
  CHECK_THROWS_AS(MessageText(std::string_view(small.data(), std::size_t{1} << 32)), std::length_error);
  const std::vector<std::size_t> lengths{1, std::size_t{1} << 33};
  CHECK_THROWS_AS(MessageBatch(lengths.data(), lengths.size()), std::length_error);
}

TEST_CASE("a message assigned to itself keeps its text, and copies may die on another thread") {
  MessageText message = written({"本周参学率低于 60%"}).front();
  const MessageText& same = message;
  message = same;  // self-assignment: the count must not drop to zero
  CHECK(message == "本周参学率低于 60%");
  // Findings are made on worker threads and destroyed on another: the
  // counts are atomic. Two threads drop their copies of the same messages.
  std::vector<std::string> numbered;
  for (int i = 0; i < 200; ++i) numbered.push_back("第" + std::to_string(i) + "条");
  const std::vector<MessageText> texts = written(numbered);
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

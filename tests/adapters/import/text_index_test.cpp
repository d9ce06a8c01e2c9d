#include "adapters/import/text_index.h"

#include <doctest/doctest.h>

#include <deque>
#include <string>

namespace cadence {
namespace {

TEST_CASE("TextIndex numbers distinct texts in first-seen order") {
  TextIndex index;
  bool added = false;
  CHECK(index.intern("b", added) == 0);
  CHECK(added);
  CHECK(index.intern("a", added) == 1);
  CHECK(index.intern("b", added) == 0);
  CHECK_FALSE(added);
  CHECK(index.intern("", added) == 2);  // the empty text is a text like any other
  CHECK(index.size() == 3);
  CHECK(index.text(1) == "a");
  CHECK(index.find("a") == 1);
  CHECK(index.find("c") == -1);
  CHECK(TextIndex().find("a") == -1);
}

TEST_CASE("TextIndex keeps every code through many growths") {
  std::deque<std::string> texts;  // the index keeps views: the texts must stay put
  TextIndex index;
  for (int i = 0; i < 100'000; ++i) {
    texts.push_back("M" + std::to_string(i));
    index.prefetch(texts.back());  // a hint only: never changes anything
    REQUIRE(index.intern(texts.back()) == i);
  }
  for (int i = 0; i < 100'000; i += 997) CHECK(index.find("M" + std::to_string(i)) == i);
  CHECK(index.find("M100000") == -1);
  CHECK(index.size() == 100'000);
}

TEST_CASE("text_hash tells apart texts that differ only past the first 8 bytes or in length") {
  CHECK(text_hash("M00000001") != text_hash("M00000002"));
  CHECK(text_hash("abcdefgh") != text_hash(std::string("abcdefgh\0", 9)));
  CHECK(text_hash("") != text_hash(std::string(1, '\0')));
}

}  // namespace
}  // namespace cadence

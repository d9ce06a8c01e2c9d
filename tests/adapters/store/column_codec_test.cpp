#include "adapters/store/column_codec.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace cadence::store {
namespace {

TEST_CASE("a text column with nulls survives encode and decode") {
  Column column(ColumnType::kText);
  column.append_text("B1");
  column.append_null();
  column.append_text("");
  column.append_text("B1");
  const ColumnBlobs blobs = encode_column(column);
  CHECK(blobs.nulls.size() == 4);
  CHECK(blobs.dictionary == std::string("B1\0\0", 4));
  std::optional<Column> back = decode_column(ColumnType::kText, 4, blobs.data, blobs.nulls, blobs.dictionary);
  REQUIRE(back);
  CHECK(back->text(0) == "B1");
  CHECK(back->is_null(1));
  CHECK(back->text(2).empty());
  CHECK(back->code(3) == back->code(0));
}

TEST_CASE("integer and number columns without nulls have an empty null blob") {
  Column integers(ColumnType::kInteger);
  integers.append_integer(-5);
  integers.append_integer(int64_t{1} << 40);
  const ColumnBlobs blobs = encode_column(integers);
  CHECK(blobs.nulls.empty());
  CHECK(blobs.data.size() == 16);
  std::optional<Column> back = decode_column(ColumnType::kInteger, 2, blobs.data, blobs.nulls, blobs.dictionary);
  REQUIRE(back);
  CHECK(back->integer(1) == (int64_t{1} << 40));
  CHECK_FALSE(back->has_nulls());

  Column numbers(ColumnType::kNumber);
  numbers.append_number(0.25);
  const ColumnBlobs number_blobs = encode_column(numbers);
  CHECK(decode_column(ColumnType::kNumber, 1, number_blobs.data, "", "")->number(0) == 0.25);
}

TEST_CASE("damaged blobs are refused, not read past their end") {
  Column dates(ColumnType::kDate);
  dates.append_code(19417);
  const ColumnBlobs blobs = encode_column(dates);
  CHECK_FALSE(decode_column(ColumnType::kDate, 2, blobs.data, "", ""));
  CHECK_FALSE(decode_column(ColumnType::kDate, 1, blobs.data, std::string("\0\0", 2), ""));
  // A code outside the dictionary. (A repeated text in a dictionary is not
  // checked on load — the loader reads by code and skips hashing every text;
  // the dictionary's lookup index keeps the first occurrence.)
  Column text(ColumnType::kText);
  text.append_text("a");
  const ColumnBlobs text_blobs = encode_column(text);
  CHECK_FALSE(decode_column(ColumnType::kText, 1, text_blobs.data, "", ""));
  auto repeated = decode_column(ColumnType::kText, 1, text_blobs.data, "", std::string("a\0a\0", 4));
  REQUIRE(repeated);
  CHECK(repeated->text(0) == "a");
  CHECK(repeated->dictionary().find("a") == 0);
}

TEST_CASE("a decoded dictionary reads its texts without copying them out first") {
  Column column(ColumnType::kEnum);
  for (const char* text : {"lesson", "团日", "lesson", ""}) column.append_text(text);
  const ColumnBlobs blobs = encode_column(column);
  std::optional<Column> back = decode_column(ColumnType::kEnum, 4, blobs.data, blobs.nulls, blobs.dictionary);
  REQUIRE(back);
  CHECK(back->dictionary().size() == 3);
  CHECK(back->dictionary().view(1) == "团日");
  CHECK(back->dictionary().find("") == 2);
  CHECK(back->text(2) == "lesson");
  CHECK(back->format(1) == "团日");
  // Encoding the decoded column gives the same blobs back.
  CHECK(encode_column(*back).dictionary == blobs.dictionary);
}

TEST_CASE("texts of every length, empty ones in a row, and across 8-byte words decode back") {
  Column column(ColumnType::kText);
  std::vector<std::string> texts;
  for (int length = 0; length < 20; ++length) {
    texts.push_back(std::string(static_cast<std::size_t>(length), static_cast<char>('a' + length)));
  }
  texts.push_back("\x80\xff团");  // bytes with the high bit set are not NULs
  for (const std::string& text : texts) column.append_text(text);
  column.append_text(texts[0]);
  const ColumnBlobs blobs = encode_column(column);
  std::optional<Column> back =
      decode_column(ColumnType::kText, column.size(), blobs.data, blobs.nulls, blobs.dictionary);
  REQUIRE(back);
  REQUIRE(back->dictionary().size() == static_cast<int32_t>(texts.size()));
  for (std::size_t row = 0; row < column.size(); ++row) CHECK(back->text(row) == column.text(row));
  // Many empty texts: every byte a NUL.
  std::optional<Column> blank =
      decode_column(ColumnType::kText, 1, std::string(4, '\0'), "", std::string(11, '\0'));
  REQUIRE(blank);
  CHECK(blank->dictionary().size() == 11);
  CHECK(blank->dictionary().view(10).empty());
}

TEST_CASE("a text column of nulls only may have an empty dictionary but other rows need a text") {
  Column nulls(ColumnType::kText);
  nulls.append_null();
  nulls.append_null();
  const ColumnBlobs blobs = encode_column(nulls);
  CHECK(blobs.dictionary.empty());
  std::optional<Column> back = decode_column(ColumnType::kText, 2, blobs.data, blobs.nulls, "");
  REQUIRE(back);
  CHECK(back->is_null(0));
  CHECK(back->is_null(1));
  CHECK_FALSE(decode_column(ColumnType::kText, 2, blobs.data, std::string("\1\0", 2), ""));
  // A negative code.
  const std::string minus_one("\xff\xff\xff\xff", 4);
  CHECK_FALSE(decode_column(ColumnType::kText, 1, minus_one, "", std::string("a\0", 2)));
  CHECK(decode_column(ColumnType::kText, 1, minus_one, "\1", std::string("a\0", 2)));  // null: not read
  // A dictionary that does not end with its NUL.
  CHECK_FALSE(decode_column(ColumnType::kText, 1, std::string(4, '\0'), "", "a"));
}

}  // namespace
}  // namespace cadence::store

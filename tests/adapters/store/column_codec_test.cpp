#include "adapters/store/column_codec.h"

#include <doctest/doctest.h>

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

}  // namespace
}  // namespace cadence::store

#include "engine/core/csv_tokenizer.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace cadence {
namespace {

struct Cell {
  std::string value;
  int line;
  int column;
};

// Every field of `text` with the position it starts at (quotes open only as
// a field's first byte; text after a closing quote is kept, as the import does).
std::vector<std::vector<Cell>> tokenize(std::string_view text, int* line_breaks_in_quotes = nullptr) {
  CsvTokenizer tokens(text);
  std::vector<std::vector<Cell>> rows;
  while (!tokens.at_end()) {
    rows.emplace_back();
    CsvTokenizer::Delimiter delimiter;
    do {
      Cell cell{{}, tokens.line(), tokens.column()};
      if (!tokens.at_end() && tokens.peek() == '"') {
        const auto end = tokens.read_quoted(
            [&](std::string_view piece) {
              cell.value += piece;
              return true;
            },
            [&] {
              if (line_breaks_in_quotes != nullptr) ++*line_breaks_in_quotes;
            });
        REQUIRE(end == CsvTokenizer::Quoted::kClosed);
      }
      cell.value += tokens.read_unquoted();
      rows.back().push_back(cell);
      delimiter = tokens.read_delimiter();
    } while (delimiter == CsvTokenizer::Delimiter::kComma);
  }
  return rows;
}

TEST_CASE("fields split at commas and at CRLF, LF or lone CR line ends") {
  const auto rows = tokenize("a,b\r\nc,d\ne\rf");
  REQUIRE(rows.size() == 4);
  CHECK(rows[0][1].value == "b");
  CHECK(rows[1][0].value == "c");
  CHECK(rows[1][0].line == 2);
  CHECK(rows[2][0].value == "e");
  CHECK(rows[3][0].value == "f");
  CHECK(rows[3][0].line == 4);
}

TEST_CASE("a quoted field holds commas, doubled quotes and line breaks, and lines still count") {
  int line_breaks = 0;
  const auto rows = tokenize("x,\"a,\"\"b\"\"\r\nc\"\ny,\"z\"\n", &line_breaks);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0][1].value == "a,\"b\"\r\nc");
  CHECK(line_breaks == 1);
  CHECK(rows[1][0].value == "y");
  CHECK(rows[1][0].line == 3);
  CHECK(rows[1][1].column == 3);
}

TEST_CASE("a lone CR inside quotes is a line break too") {
  int line_breaks = 0;
  const auto rows = tokenize("\"a\rb\",c\nd\n", &line_breaks);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0][0].value == "a\rb");
  CHECK(line_breaks == 1);
  CHECK(rows[1][0].line == 3);
}

TEST_CASE("columns count code points, not bytes") {
  const auto rows = tokenize("团委,支部\n");
  REQUIRE(rows.size() == 1);
  CHECK(rows[0][1].column == 4);
}

TEST_CASE("an unclosed quote consumes the text and says so, and a stopped read says so") {
  CsvTokenizer unclosed("\"abc\ndef");
  CHECK(unclosed.read_quoted([](std::string_view) { return true; }, [] {}) == CsvTokenizer::Quoted::kUnclosed);
  CHECK(unclosed.at_end());

  CsvTokenizer limited("\"abcdef\"");
  CHECK(limited.read_quoted([](std::string_view piece) { return piece.size() < 3; }, [] {}) ==
        CsvTokenizer::Quoted::kStopped);
}

TEST_CASE("read_unquoted scans at most one byte past its limit") {
  CsvTokenizer tokens("abcdefgh,i");
  CHECK(tokens.read_unquoted(3) == "abcd");
}

TEST_CASE("rest_of_line and skip_line walk physical lines") {
  CsvTokenizer tokens("# note\r\nx\n");
  CHECK(tokens.rest_of_line() == "# note");
  tokens.skip_line();
  CHECK(tokens.line() == 2);
  CHECK(tokens.rest_of_line() == "x");
}

}  // namespace
}  // namespace cadence

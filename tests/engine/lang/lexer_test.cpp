#include "engine/lang/lexer.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace cadence::lang {
namespace {

ExprOrigin origin_at(int line, int column, int continuation_column = 1) {
  ExprOrigin where;
  where.origin.file = "pack.yaml";
  where.origin.line = line;
  where.origin.column = column;
  where.continuation_column = continuation_column;
  return where;
}

std::vector<TokenKind> kinds(std::string_view text) {
  std::vector<TokenKind> result;
  for (const Token& token : tokenize(text, origin_at(1, 1))) result.push_back(token.kind);
  return result;
}

TEST_CASE("operators and punctuation are single tokens, the longest match first") {
  using K = TokenKind;
  CHECK(kinds("a <= b >= c == d != e < f > g") ==
        std::vector<K>{K::kIdentifier, K::kLessEqual, K::kIdentifier, K::kGreaterEqual, K::kIdentifier, K::kEqual,
                       K::kIdentifier, K::kNotEqual, K::kIdentifier, K::kLess, K::kIdentifier, K::kGreater,
                       K::kIdentifier, K::kEnd});
  CHECK(kinds("f(x, y: [1]).z + - * /") ==
        std::vector<K>{K::kIdentifier, K::kLeftParen, K::kIdentifier, K::kComma, K::kIdentifier, K::kColon,
                       K::kLeftBracket, K::kInteger, K::kRightBracket, K::kRightParen, K::kDot, K::kIdentifier,
                       K::kPlus, K::kMinus, K::kStar, K::kSlash, K::kEnd});
}

TEST_CASE("keywords are their own kinds and unit words stay identifiers") {
  using K = TokenKind;
  CHECK(kinds("if then else and or not in is null true false last") ==
        std::vector<K>{K::kIf, K::kThen, K::kElse, K::kAnd, K::kOr, K::kNot, K::kIn, K::kIs, K::kNull, K::kTrue,
                       K::kFalse, K::kLast, K::kEnd});
  CHECK(kinds("days working iffy") == std::vector<K>{K::kIdentifier, K::kIdentifier, K::kIdentifier, K::kEnd});
}

TEST_CASE("numbers: integer, decimal, percent, and the calendar shapes") {
  auto tokens = tokenize("42 0.6 95.5% 60% 2023-08-31 2023-W10 2023-03 2023-Q1 2023 - 3", origin_at(1, 1));
  REQUIRE(tokens.size() == 12);
  CHECK(tokens[0].kind == TokenKind::kInteger);
  CHECK(tokens[1].kind == TokenKind::kDecimal);
  CHECK(tokens[2].kind == TokenKind::kPercent);
  CHECK(tokens[2].text == "95.5%");
  CHECK(tokens[3].kind == TokenKind::kPercent);
  CHECK(tokens[4].kind == TokenKind::kDate);
  CHECK(tokens[5].kind == TokenKind::kPeriod);
  CHECK(tokens[6].kind == TokenKind::kPeriod);
  CHECK(tokens[7].kind == TokenKind::kPeriod);
  CHECK(tokens[8].kind == TokenKind::kInteger);  // `2023 - 3` is a subtraction
  CHECK(tokens[9].kind == TokenKind::kMinus);
}

TEST_CASE("malformed calendar shapes stay one token so the parser can name them") {
  auto tokens = tokenize("2023-02-3 2023-W5x", origin_at(1, 1));
  REQUIRE(tokens.size() == 3);
  CHECK(tokens[0].kind == TokenKind::kDate);
  CHECK(tokens[0].text == "2023-02-3");
  CHECK(tokens[1].kind == TokenKind::kPeriod);
  CHECK(tokens[1].text == "2023-W5x");
}

TEST_CASE("strings take either quote and unescape quotes, backslash, newline and tab") {
  auto tokens = tokenize(R"("a\"b" 'c\'d\\e\n\tf' "it's")", origin_at(1, 1));
  REQUIRE(tokens.size() == 4);
  CHECK(tokens[0].value == "a\"b");
  CHECK(tokens[1].value == "c'd\\e\n\tf");
  CHECK(tokens[2].value == "it's");
}

TEST_CASE("columns count code points, so a token after Chinese text is where the eye sees it") {
  // "主题团日" is 4 code points (12 bytes): the quote pair makes 6 columns.
  auto tokens = tokenize("\"主题团日\" == type", origin_at(7, 10));
  REQUIRE(tokens.size() == 4);
  CHECK(tokens[0].span.column == 10);
  CHECK(tokens[0].span.length == 6);
  CHECK(tokens[1].span.column == 17);
  CHECK(tokens[2].span.column == 20);
  CHECK(tokens[2].span.line == 7);
  CHECK(tokens[2].span.file == "pack.yaml");
}

TEST_CASE("lines after the first start at the continuation column") {
  auto tokens = tokenize("a and\n  b\nc", origin_at(4, 12, 5));
  REQUIRE(tokens.size() == 5);
  CHECK(tokens[0].span.line == 4);
  CHECK(tokens[0].span.column == 12);
  CHECK(tokens[1].span.column == 14);
  CHECK(tokens[2].span.line == 5);
  CHECK(tokens[2].span.column == 7);
  CHECK(tokens[3].span.line == 6);
  CHECK(tokens[3].span.column == 5);
}

TEST_CASE("the end token sits right after the last non-blank character") {
  auto tokens = tokenize("a +\n\n", origin_at(2, 3, 5));
  REQUIRE(tokens.size() == 3);
  CHECK(tokens[2].kind == TokenKind::kEnd);
  CHECK(tokens[2].span.line == 2);
  CHECK(tokens[2].span.column == 6);
}

TEST_CASE("a stray character is one error token and lexing stops there") {
  auto tokens = tokenize("a @ b \"unclosed", origin_at(1, 1));
  REQUIRE(tokens.size() == 3);
  CHECK(tokens[1].kind == TokenKind::kError);
  CHECK(tokens[1].value == "unexpected token '@'");
  CHECK(tokens[1].span.column == 3);
  CHECK(tokens[2].kind == TokenKind::kEnd);
}

TEST_CASE("lexical errors: unterminated string, unknown escape, '=' and '!'") {
  auto unterminated = tokenize("x == \"主题\n", origin_at(1, 1));
  REQUIRE(unterminated.size() == 4);
  CHECK(unterminated[2].value == "unterminated string");
  CHECK(unterminated[2].span.column == 6);
  CHECK(unterminated[2].span.length == 3);

  auto escape = tokenize(R"("a\qb")", origin_at(1, 1));
  CHECK(escape[0].value == "unknown escape '\\q' in string");
  CHECK(escape[0].span.column == 3);

  CHECK(tokenize("a = b", origin_at(1, 1))[1].value == "unexpected token '='; write '==' to compare");
  CHECK(tokenize("!a", origin_at(1, 1))[0].value == "unexpected token '!'; write 'not' to negate");
}

TEST_CASE("invalid UTF-8 and control bytes are shown escaped in the message") {
  CHECK(tokenize("\xff", origin_at(1, 1))[0].value == "unexpected token '\\xff'");
  CHECK(tokenize(std::string_view("\x01", 1), origin_at(1, 1))[0].value == "unexpected token '\\x01'");
  CHECK(tokenize("团", origin_at(1, 1))[0].value == "unexpected token '团'");
}

}  // namespace
}  // namespace cadence::lang

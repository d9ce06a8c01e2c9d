// Tokens of the rule-language expression syntax (see parser.h for the
// grammar). The lexer (lexer.h) produces them; only the parser consumes them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "engine/core/diagnostic.h"

namespace cadence::lang {

enum class TokenKind : uint8_t {
  kEnd,    // after the last character; always the last token
  kError,  // a lexical error; `value` holds the message. Lexing stops after it.

  kIdentifier,  // [A-Za-z_][A-Za-z0-9_]*, not a keyword (unit words are identifiers)
  kInteger,     // 42
  kDecimal,     // 0.6
  kPercent,     // 60% or 95.5% (the '%' is part of the token)
  kString,      // "..." or '...'; `value` holds the unescaped text
  kDate,        // 2023-08-31 (digits-dash shape only; validity is the parser's job)
  kPeriod,      // 2023-W10, 2023-03, 2023-Q1 (shape only, as above)

  kPlus, kMinus, kStar, kSlash,
  kEqual, kNotEqual, kLess, kLessEqual, kGreater, kGreaterEqual,
  kLeftParen, kRightParen, kLeftBracket, kRightBracket, kComma, kColon, kDot,

  // Keywords: if then else and or not in is null true false last.
  kIf, kThen, kElse, kAnd, kOr, kNot, kIn, kIs, kNull, kTrue, kFalse, kLast,
};

struct Token {
  TokenKind kind = TokenKind::kEnd;
  std::string_view text;  // the raw source text of the token (a view into the input)
  std::size_t offset = 0; // byte offset of `text` in the expression text
  SourceSpan span;        // file coordinates; length in code points
  std::string value;      // kString: the unescaped value; kError: the message
};

// True for the keyword kinds (kIf .. kLast).
constexpr bool is_keyword(TokenKind kind) { return kind >= TokenKind::kIf; }

}  // namespace cadence::lang

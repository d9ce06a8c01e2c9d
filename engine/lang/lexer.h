// The lexer of rule-language expressions: text to tokens with file spans.
//
// Positions follow origin.h: `where` places the text in its file. Columns
// count Unicode code points, so a token after "主题团日" is 4 columns (not 12 bytes) further.
//
// Numbers with a calendar shape are single tokens: `2023-08-31` is a kDate,
// `2023-03`, `2023-W10` and `2023-Q1` are kPeriod (a 4-digit run, '-', then
// exactly 2 digits, or W/Q and a digit). `2023-02-3` lexes as a (malformed)
// kDate rather than a subtraction, and `2023-W5x` as a (malformed) kPeriod, so
// that the parser can say the literal is not valid instead of reporting a
// strange subtraction. Whether the date or period exists is checked by the
// parser.
//
// A lexical error (a character that starts no token, an unterminated string,
// an unknown escape) becomes one kError token carrying its message, followed by
// kEnd: lexing stops there, so one typo never produces a cascade of errors.
// Never throws; any byte sequence is accepted as input.
#pragma once

#include <string_view>
#include <vector>

#include "engine/lang/parser.h"
#include "engine/lang/token.h"

namespace cadence::lang {

// All tokens of `text`, the last one kEnd. The kEnd token sits right after the
// last non-blank character (so trailing newlines of a YAML block scalar do not
// move end-of-input errors onto a line that is not part of the expression).
// Tokens view `text`: it must outlive them.
std::vector<Token> tokenize(std::string_view text, const ExprOrigin& where);

// How a token kind reads in messages: "')'", "'and'", "an identifier",
// "end of expression".
std::string_view describe(TokenKind kind);

}  // namespace cadence::lang

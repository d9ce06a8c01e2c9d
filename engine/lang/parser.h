// Lexer and parser of rule-language expressions.
//
// Grammar (lowest precedence first):
//   expr     := 'if' expr 'then' expr 'else' expr | or
//   or       := and ('or' and)*
//   and      := not ('and' not)*
//   not      := 'not' not | compare
//   compare  := sum [ ('=='|'!='|'<'|'<='|'>'|'>=') sum
//                   | ['not'] 'in' list | 'is' ['not'] 'null' ]
//   sum      := product (('+'|'-') product)*
//   product  := unary (('*'|'/') unary)*
//   unary    := '-' unary | primary
//   primary  := literal | name | call | list | '(' expr ')' | 'last' duration
//   name     := ident ('.' ident)*
//   call     := ident '(' [arg (',' arg)*] ')'     arg := ident ':' expr | expr
//   list     := '[' [expr (',' expr)*] ']'
//   literal  := integer | decimal | integer|decimal '%' | string | date | period
//             | (integer) unit | 'true' | 'false' | 'null'
//   unit     := 'day'|'days'|'working' ('day'|'days')|'week'|'weeks'|'month'|'months'
//             | 'quarter'|'quarters'|'year'|'years'
// Identifiers: [A-Za-z_][A-Za-z0-9_]*. Dates are 4-2-2 digits (2023-08-31),
// periods 2023-W10, 2023-03 and 2023-Q1 (a 4-digit/2-digit pair is a month,
// never a subtraction: write `2023 - 3` for that). Keywords: if then else and
// or not in is null true false last.
//
// Positions: `where` (origin.h) places the text in the pack file, also when
// it is a quoted or folded YAML scalar. Every node's span and every
// diagnostic is in file coordinates, columns counted in code points.
#pragma once

#include <string_view>

#include "engine/core/diagnostic.h"
#include "engine/lang/ast.h"
#include "engine/lang/origin.h"

namespace cadence::lang {

// Parses one expression. On error reports every problem it can recover from
// (at least the first) to `diagnostics` and returns nullptr. Never throws,
// never crashes, whatever the input (fuzzed).
ExprPtr parse_expression(std::string_view text, const ExprOrigin& where, Diagnostics& diagnostics);

}  // namespace cadence::lang

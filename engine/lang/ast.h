// The parsed (untyped) expression tree of the rule language.
//
// The parser produces these from text; the binder (binder.h) resolves every
// name and produces a separate typed tree. Nothing evaluates an Expr.
//
// Every node carries the span of its text in the pack file (file, line,
// column in code points, length), so that errors point inside the expression.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "engine/calendar/date.h"
#include "engine/calendar/period.h"
#include "engine/core/diagnostic.h"

namespace cadence::lang {

enum class DurationUnit : uint8_t { kDay, kWorkingDay, kWeek, kMonth, kQuarter, kYear };

struct Duration {
  int64_t count = 0;
  DurationUnit unit = DurationUnit::kDay;
};

enum class LiteralKind : uint8_t {
  kInteger,   // 42
  kDecimal,   // 0.6, 3.25  (exact: numerator / denominator)
  kPercent,   // 60%, 95.5% (exact: numerator / denominator, 60% = 60/100)
  kString,    // "theme_day" or 'theme_day' (escapes: \" \' \\ \n)
  kDate,      // 2023-08-31
  kPeriod,    // 2023-W10, 2023-03, 2023-Q1
  kDuration,  // 10 days, 5 working days, 3 months, 1 year
  kBool,      // true, false
  kNull,      // null
};

// Numbers are exact and keep the scale they were written with (not reduced):
// 0.6 is 6/10, 0.60 is 60/100, 3.25 is 325/100; 60% is 60/100 and 95.5% is
// 955/1000 (the denominator is 10^digits after the point, times 100 for a
// percent). An integer is n/1. The parser rejects literals whose numerator or
// denominator does not fit int64; a literal is never negative (`-5` is a
// unary minus applied to 5, so -9223372036854775808 cannot be written).
struct Literal {
  LiteralKind kind = LiteralKind::kNull;
  int64_t numerator = 0;  // integer, decimal, percent; bool as 0/1
  int64_t denominator = 1;
  std::string text;       // string value (unescaped)
  Date date;
  Period period;
  Duration duration;
};

enum class UnaryOp : uint8_t { kNegate, kNot };
enum class BinaryOp : uint8_t {
  kAdd, kSubtract, kMultiply, kDivide,
  kEqual, kNotEqual, kLess, kLessEqual, kGreater, kGreaterEqual,
  kAnd, kOr,
};
inline bool is_comparison(BinaryOp op) {
  return op >= BinaryOp::kEqual && op <= BinaryOp::kGreaterEqual;
}
// The comparison with its operands swapped: `a op b` is `b swapped(op) a`.
inline BinaryOp swapped(BinaryOp op) {
  switch (op) {
    case BinaryOp::kLess: return BinaryOp::kGreater;
    case BinaryOp::kLessEqual: return BinaryOp::kGreaterEqual;
    case BinaryOp::kGreater: return BinaryOp::kLess;
    case BinaryOp::kGreaterEqual: return BinaryOp::kLessEqual;
    default: return op;
  }
}

enum class ExprKind : uint8_t {
  kLiteral,     // literal
  kName,        // path: `org.name`, `learners`, `study.learners`, `study.weekly_rate`
  kUnary,       // op, operands[0]
  kBinary,      // op, operands[0], operands[1]
  kIf,          // if operands[0] then operands[1] else operands[2]
  kCall,        // path[0] = function name; operands = positional args; named = named args
  kList,        // [a, b, c]: operands
  kIn,          // operands[0] in operands[1] (a kList); negated for `not in`
  kIsNull,      // operands[0] is null; negated for `is not null`
  kLastWindow,  // `last 3 months`: literal holds the duration (only as a window argument)
};

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

struct NamedArg {
  std::string name;
  SourceSpan name_span;
  ExprPtr value;
};

struct Expr {
  ExprKind kind = ExprKind::kLiteral;
  SourceSpan span;                 // the whole node's text
  Literal literal;                 // kLiteral, kLastWindow
  std::vector<std::string> path;   // kName: dotted parts; kCall: {function name}
  UnaryOp unary_op = UnaryOp::kNot;
  BinaryOp binary_op = BinaryOp::kAdd;
  bool negated = false;            // kIn (`not in`), kIsNull (`is not null`)
  std::vector<ExprPtr> operands;
  std::vector<NamedArg> named;     // kCall only

  std::string dotted_name() const;  // path joined by '.'
};

// Prints the tree in a stable prefix form, used by tests and `--explain`:
//   (call sum (name study.learners) where: (== (name type) "theme_day"))
//
// The form, node by node (one space between parts, no trailing space):
//   literal     42 | 0.6 | 3.25 | 60% | 95.5% | "text" | 2023-08-31 | 2023-W10
//               | 2023-03 | 2023-Q1 | 10 days | 1 day | 5 working days
//               | 3 months | true | false | null
//               Numbers print with the scale they were written with (0.60 stays
//               0.60, see Literal); strings always in double quotes, escaping
//               \" \\ \n \t; dates ISO; periods as Period::to_string; durations
//               as count and unit, the unit singular for a count of 1.
//   name        (name org.name)
//   unary       (- x)  (not x)
//   binary      (+ a b) (- a b) (* a b) (/ a b) (== a b) (!= a b) (< a b)
//               (<= a b) (> a b) (>= a b) (and a b) (or a b)
//   if          (if c a b)
//   call        (call f a b name: v other: w)   positional first, then named
//               arguments in source order; (call f) without arguments
//   list        (list "school" "rural"); (list) when empty
//   in          (in x (list ...))  (not-in x (list ...))
//   is null     (is-null x)  (is-not-null x)
//   last        (last 3 months)
// Parentheses in the source leave no node: `(a + b) * c` prints
// (* (+ (name a) (name b)) (name c)).
std::string to_string(const Expr& expr);

// Canonical text of one literal, as to_string prints it.
std::string to_string(const Literal& literal);
// `text` as a string literal spells it: between quotes, with \" \\ \n and
// \t escaped. Printed expressions are keys too (an aggregate's canonical
// text, a shared scope's): one text must never print as two.
std::string quoted_text(const std::string& text);

// The operator as written: "+", "==", "and".
std::string_view operator_text(BinaryOp op);

}  // namespace cadence::lang

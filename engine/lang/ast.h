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
std::string to_string(const Expr& expr);

}  // namespace cadence::lang

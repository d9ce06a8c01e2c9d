// The bound (typed) expression tree. The binder (binder.h) makes it from the
// parsed tree; the evaluator only ever sees these: every name resolved to a
// column, a let, an aggregate or a rule, every node typed.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "engine/calendar/date.h"
#include "engine/calendar/period.h"
#include "engine/core/diagnostic.h"
#include "engine/lang/ast.h"

namespace cadence::lang {

enum class Type : uint8_t { kBool, kNumber, kText, kDate, kPeriod, kDuration, kNull };
std::string_view to_string(Type type);

// Exact numbers: integers, decimals and percentages are ratios of integers so
// that `rate < 60%` is decided exactly (contract.md: `5·n < 3·d`).
struct Rational {
  int64_t numerator = 0;
  int64_t denominator = 1;  // always > 0
};

struct Constant {
  Type type = Type::kNull;
  Rational number;      // kNumber; kBool as 0/1
  std::string text;     // kText
  Date date;            // kDate
  Period period;        // kPeriod
  Duration duration;    // kDuration
};

enum class BoundKind : uint8_t {
  kConstant,
  kRowColumn,     // a column of the record set being filtered (row context)
  kOrgColumn,     // a column of the orgs record set, for the current org
  kOrgDepth,      // org.depth
  kPeriod,        // the current period
  kLet,           // a let slot of the rule (cell context)
  kAggregate,     // an aggregate of the plan, at (org, period)
  kRowAggregate,  // a member-correlated aggregate, at the current row's member
  kUnary,
  kBinary,
  kIf,
  kIn,            // operands[0] in constants list
  kIsNull,
  kCall,          // builtin function
};

struct Builtin;  // builtin.h: a builtin function's registry entry

// What ratio() gives for a zero denominator (`on_zero:`).
enum class ZeroDenominator : uint8_t { kSkip, kViolation, kValue };
struct ZeroPolicy {
  ZeroDenominator kind = ZeroDenominator::kSkip;
  Rational value;         // kValue
  bool declared = false;  // false: no on_zero written (skip; the compiler warns)
};
// failed(rule), streak(rule), value(rule): which result of which rule.
enum class RuleResultKind : uint8_t { kFailed, kStreak, kValue };
struct RuleReference {
  int rule = -1;  // index in the pack
  RuleResultKind result = RuleResultKind::kFailed;
};
// is_event(), in_calendar(), count_in(): the event calendar named.
struct CalendarReference {
  int calendar = -1;  // index in the plan's event calendars
  std::string name;
};
// A call's typed payload beyond its operands, by builtin.
using CallPayload = std::variant<std::monostate, ZeroPolicy, RuleReference, CalendarReference>;

struct BoundExpr {
  BoundKind kind = BoundKind::kConstant;
  Type type = Type::kNull;
  SourceSpan span;
  Constant constant;        // kConstant
  int index = -1;           // column, let slot, aggregate
  UnaryOp unary_op = UnaryOp::kNot;
  BinaryOp binary_op = BinaryOp::kAdd;
  const Builtin* builtin = nullptr;  // kCall: the registry entry (never null there)
  CallPayload call;                  // kCall: what the builtin's binding resolved
  bool negated = false;
  bool depends_on_period = false;  // false: same value in every period (scope can be cached)
  bool poisoned = false;           // stands for text that had an error (suppresses cascades)
  std::vector<Constant> list;      // kIn
  std::vector<std::unique_ptr<BoundExpr>> operands;
};
using BoundPtr = std::unique_ptr<BoundExpr>;

// Prints the typed tree in prefix form for `cadence check --explain`.
std::string to_string(const BoundExpr& expr);

}  // namespace cadence::lang

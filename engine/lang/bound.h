// The bound (typed) expression tree. The binder (binder.h) makes it from the
// parsed tree; the evaluator only ever sees these: every name resolved to a
// column, a let, an aggregate or a rule, every node typed.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
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

enum class BuiltinFunction : uint8_t {
  kRatio,              // ratio(n, d, on_zero: ...)
  kWithin,             // within(date, period) → bool
  kDayOfNextMonth,     // day_of_next_month(period, n) → date (no roll-forward)
  kWorkingDaysAfter,   // working_days_after(date, n) → date
  kRollForward,        // roll_forward(date) → date (民法典 203)
  kWeeksIn,            // weeks_in(period) → number of ISO weeks whose Monday is in it
  kYearShare,          // year_share(period) → elapsed share of the year at the period's end
  kIsEvent,            // is_event("episodes") → is the current period an event period
  kInCalendar,         // in_calendar(week, episodes) → is the period one of the calendar's (a date: in one of them)
  kCountIn,            // count_in(episodes, period) → the calendar's periods whose first day lies in it
  kYear,               // year(date|period) → number
  kMonth,              // month(date) → number
  kAge,                // age(birth, at) → whole years
  kDaysBetween,        // days_between(a, b) → b - a in days
  kCoalesce,           // coalesce(a, b)
  kAbs,                // abs(x)
  kMin2,               // min(a, b) of two scalars
  kMax2,               // max(a, b)
  kFailed,             // failed(rule) → bool
  kStreak,             // streak(rule) → number
  kValueOf,            // value(rule) → number
  kPeriodStart,        // period.start
  kPeriodEnd,          // period.end
  kPeriodIndex,        // period.index (week/month/quarter number)
  kPeriodYear,         // period.year
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

enum class ZeroDenominator : uint8_t { kSkip, kViolation, kValue };

struct BoundExpr {
  BoundKind kind = BoundKind::kConstant;
  Type type = Type::kNull;
  SourceSpan span;
  Constant constant;        // kConstant; kCall kRatio: on_zero value; calendar calls: calendar name in text
  int index = -1;           // column, let slot, aggregate, rule index, event calendar (is_event, in_calendar, count_in)
  UnaryOp unary_op = UnaryOp::kNot;
  BinaryOp binary_op = BinaryOp::kAdd;
  BuiltinFunction function = BuiltinFunction::kRatio;
  ZeroDenominator on_zero = ZeroDenominator::kSkip;
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

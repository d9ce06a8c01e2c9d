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

// The payload of each kind of node: what it reads or does beyond its
// operands. kOrgDepth, kPeriod and kIf have none.
struct ColumnRef {  // kRowColumn, kOrgColumn
  int column = -1;  // in the record set's columns (the orgs' for kOrgColumn)
};
struct LetRef {  // kLet
  int slot = -1;
};
struct AggregateRef {  // kAggregate, kRowAggregate
  int aggregate = -1;  // in the plan's AggregateTable
};
struct UnaryNode {
  UnaryOp op = UnaryOp::kNot;
};
struct BinaryNode {
  BinaryOp op = BinaryOp::kAdd;
};
struct InList {  // kIn: operands[0] in (not in) the listed literals
  bool negated = false;
  std::vector<Constant> items;
};
struct NullTest {  // kIsNull: operands[0] is (not) null
  bool negated = false;
};
struct CallNode {  // kCall
  const Builtin* builtin = nullptr;  // the registry entry (builtin.h)
  CallPayload data;                  // what the builtin's binding resolved
};
using NodePayload =
    std::variant<std::monostate, Constant, ColumnRef, LetRef, AggregateRef, UnaryNode, BinaryNode, InList, NullTest,
                 CallNode>;

struct BoundExpr {
  BoundKind kind = BoundKind::kConstant;
  Type type = Type::kNull;
  SourceSpan span;
  NodePayload payload = Constant{};  // the alternative of `kind` (make_bound sets it)
  bool depends_on_period = false;  // false: same value in every period (scope can be cached)
  bool poisoned = false;           // stands for text that had an error (suppresses cascades)
  std::vector<std::unique_ptr<BoundExpr>> operands;

  // The payload, read as the node's kind has it (asking a node for another
  // kind's payload is a bug: std::get throws).
  const Constant& constant() const { return std::get<Constant>(payload); }
  int column() const { return std::get<ColumnRef>(payload).column; }
  int let_slot() const { return std::get<LetRef>(payload).slot; }
  int aggregate() const { return std::get<AggregateRef>(payload).aggregate; }
  UnaryOp unary_op() const { return std::get<UnaryNode>(payload).op; }
  BinaryOp binary_op() const { return std::get<BinaryNode>(payload).op; }
  const std::vector<Constant>& list() const { return std::get<InList>(payload).items; }
  bool negated() const {
    return kind == BoundKind::kIn ? std::get<InList>(payload).negated : std::get<NullTest>(payload).negated;
  }
  const Builtin& builtin() const { return *std::get<CallNode>(payload).builtin; }
  const CallPayload& call() const { return std::get<CallNode>(payload).data; }
  // The payload to fill, while the node is built.
  template <typename Payload>
  Payload& payload_as() {
    return std::get<Payload>(payload);
  }
};
using BoundPtr = std::unique_ptr<BoundExpr>;

// A node of that kind and type at `span`, with its kind's payload
// default-constructed; payload and operands are the caller's to fill (the binder, and the compiler for trees it builds itself).
BoundPtr make_bound(BoundKind kind, Type type, const SourceSpan& span);
// A deep copy of the tree.
BoundPtr clone(const BoundExpr& expr);

// Prints the typed tree in prefix form for `cadence check --explain`.
std::string to_string(const BoundExpr& expr);

}  // namespace cadence::lang

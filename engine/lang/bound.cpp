#include "engine/lang/bound.h"

#include "engine/lang/aggregate.h"
#include "engine/lang/builtin.h"

namespace cadence::lang {

std::string_view to_string(Type type) {
  switch (type) {
    case Type::kBool: return "bool";
    case Type::kNumber: return "number";
    case Type::kText: return "text";
    case Type::kDate: return "date";
    case Type::kPeriod: return "period";
    case Type::kDuration: return "duration";
    case Type::kNull: return "null";
  }
  return "null";
}

std::string_view to_string(AggregateFunction function) {
  switch (function) {
    case AggregateFunction::kCount: return "count";
    case AggregateFunction::kSum: return "sum";
    case AggregateFunction::kMin: return "min";
    case AggregateFunction::kMax: return "max";
    case AggregateFunction::kAvg: return "avg";
    case AggregateFunction::kCountDistinct: return "count_distinct";
    case AggregateFunction::kExists: return "exists";
  }
  return "count";
}

namespace {

std::string format_rational(const Rational& value) {
  if (value.denominator == 1) return std::to_string(value.numerator);
  return std::to_string(value.numerator) + "/" + std::to_string(value.denominator);
}

std::string format_constant(const Constant& constant) {
  switch (constant.type) {
    case Type::kBool: return constant.number.numerator != 0 ? "true" : "false";
    case Type::kNumber: return format_rational(constant.number);
    case Type::kText: return quoted_text(constant.text);
    case Type::kDate: return constant.date.to_string();
    case Type::kPeriod: return constant.period.to_string();
    case Type::kDuration: {
      static const char* const kUnits[] = {"days", "working days", "weeks", "months", "quarters", "years"};
      return std::to_string(constant.duration.count) + " " + kUnits[static_cast<int>(constant.duration.unit)];
    }
    case Type::kNull: return "null";
  }
  return "null";
}

// A call's payload as printed: before the operands (the rule or calendar
// it names) or after them (ratio's policy).
std::string payload_before(const CallPayload& payload) {
  if (const auto* rule = std::get_if<RuleReference>(&payload)) return " rule#" + std::to_string(rule->rule);
  if (const auto* calendar = std::get_if<CalendarReference>(&payload)) return " " + quoted_text(calendar->name);
  return "";
}

std::string payload_after(const CallPayload& payload) {
  const auto* policy = std::get_if<ZeroPolicy>(&payload);
  if (policy == nullptr) return "";
  static const char* const kPolicies[] = {"skip", "violation", "value"};
  std::string out = std::string(" on_zero: ") + kPolicies[static_cast<int>(policy->kind)];
  if (policy->kind == ZeroDenominator::kValue) out += " " + format_rational(policy->value);
  return out;
}

}  // namespace

BoundPtr make_bound(BoundKind kind, Type type, const SourceSpan& span) {
  auto node = std::make_unique<BoundExpr>();
  node->kind = kind;
  node->type = type;
  node->span = span;
  switch (kind) {
    case BoundKind::kConstant: node->payload = Constant{}; break;
    case BoundKind::kRowColumn:
    case BoundKind::kOrgColumn: node->payload = ColumnRef{}; break;
    case BoundKind::kLet: node->payload = LetRef{}; break;
    case BoundKind::kAggregate:
    case BoundKind::kRowAggregate: node->payload = AggregateRef{}; break;
    case BoundKind::kUnary: node->payload = UnaryNode{}; break;
    case BoundKind::kBinary: node->payload = BinaryNode{}; break;
    case BoundKind::kIn: node->payload = InList{}; break;
    case BoundKind::kIsNull: node->payload = NullTest{}; break;
    case BoundKind::kCall: node->payload = CallNode{}; break;
    case BoundKind::kOrgDepth:
    case BoundKind::kPeriod:
    case BoundKind::kIf: break;
  }
  return node;
}

BoundPtr clone(const BoundExpr& expr) {
  auto copy = make_bound(expr.kind, expr.type, expr.span);
  copy->payload = expr.payload;
  copy->depends_on_period = expr.depends_on_period;
  copy->poisoned = expr.poisoned;
  for (const auto& operand : expr.operands) copy->operands.push_back(clone(*operand));
  return copy;
}

std::string to_string(const BoundExpr& expr) {
  auto operands = [&expr]() {
    std::string out;
    for (const auto& operand : expr.operands) out += " " + to_string(*operand);
    return out;
  };
  switch (expr.kind) {
    case BoundKind::kConstant: return format_constant(expr.constant());
    case BoundKind::kRowColumn: return "(row-column " + std::to_string(expr.column()) + ":" + std::string(to_string(expr.type)) + ")";
    case BoundKind::kOrgColumn: return "(org-column " + std::to_string(expr.column()) + ":" + std::string(to_string(expr.type)) + ")";
    case BoundKind::kOrgDepth: return "(org-depth)";
    case BoundKind::kPeriod: return "(period)";
    case BoundKind::kLet: return "(let " + std::to_string(expr.let_slot()) + ":" + std::string(to_string(expr.type)) + ")";
    case BoundKind::kAggregate: return "(aggregate #" + std::to_string(expr.aggregate()) + ")";
    case BoundKind::kRowAggregate: return "(member-aggregate #" + std::to_string(expr.aggregate()) + ")";
    case BoundKind::kUnary: return std::string("(") + (expr.unary_op() == UnaryOp::kNot ? "not" : "neg") + operands() + ")";
    case BoundKind::kBinary: return "(" + std::string(operator_text(expr.binary_op())) + operands() + ")";
    case BoundKind::kIf: return "(if" + operands() + ")";
    case BoundKind::kIn: {
      std::string out = std::string(expr.negated() ? "(not-in" : "(in") + operands() + " (list";
      for (const auto& item : expr.list()) out += " " + format_constant(item);
      return out + "))";
    }
    case BoundKind::kIsNull: return std::string(expr.negated() ? "(is-not-null" : "(is-null") + operands() + ")";
    case BoundKind::kCall:
      return "(" + std::string(expr.builtin().name) + payload_before(expr.call()) + operands() +
             payload_after(expr.call()) + ")";
  }
  return "?";
}

}  // namespace cadence::lang

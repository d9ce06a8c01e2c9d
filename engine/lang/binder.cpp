// The binder's driver: dispatch, literals, operators and calls. Names bind in
// bind_name.cpp, aggregates in bind_aggregate.cpp (binder_internal.h).
#include "engine/lang/binder.h"

#include <algorithm>
#include <optional>

#include "engine/lang/binder_internal.h"

namespace cadence::lang {
namespace {

bool is_numeric_like(Type type) { return type == Type::kNumber || type == Type::kNull; }

class Binder final : public BinderHost {
 public:
  Binder(BindEnvironment& environment, Diagnostics& diagnostics)
      : environment_(environment), diagnostics_(diagnostics) {}

  BoundPtr run(const Expr& expr) {
    BoundPtr result = bind(expr);
    if (failed_) return nullptr;
    return result;
  }

 private:
  // --- errors -----------------------------------------------------------
  void error(const SourceSpan& span, std::string message) override {
    diagnostics_.error(span, std::move(message));
    failed_ = true;
  }
  bool failed() const override { return failed_; }
  BoundPtr poisoned(const SourceSpan& span) override {
    auto node = make(BoundKind::kConstant, Type::kNull, span);
    node->poisoned = true;
    return node;
  }

  const RecordSetSchema* row_set() const override { return row_stack_.empty() ? nullptr : row_stack_.back(); }

  BindEnvironment& environment() override { return environment_; }

  // --- dispatch ---------------------------------------------------------
  BoundPtr bind(const Expr& expr) override {
    switch (expr.kind) {
      case ExprKind::kLiteral: return bind_literal(expr);
      case ExprKind::kName: return bind_name(expr);
      case ExprKind::kUnary: return bind_unary(expr);
      case ExprKind::kBinary: return bind_binary(expr);
      case ExprKind::kIf: return bind_if(expr);
      case ExprKind::kCall: return bind_call(expr);
      case ExprKind::kList:
        error(expr.span, "a list can only follow 'in'");
        return poisoned(expr.span);
      case ExprKind::kIn: return bind_in(expr);
      case ExprKind::kIsNull: {
        auto node = make(BoundKind::kIsNull, Type::kBool, expr.span);
        node->payload_as<NullTest>().negated = expr.negated;
        node->operands.push_back(bind(*expr.operands[0]));
        node->depends_on_period = node->operands[0]->depends_on_period;
        return node;
      }
      case ExprKind::kLastWindow:
        error(expr.span, "'last ...' is a window: use it as `window: last 3 months` inside an aggregate");
        return poisoned(expr.span);
    }
    return poisoned(expr.span);
  }

  BoundPtr bind_literal(const Expr& expr) {
    auto node = make(BoundKind::kConstant, Type::kNull, expr.span);
    const Literal& literal = expr.literal;
    Constant& constant = node->payload_as<Constant>();
    switch (literal.kind) {
      case LiteralKind::kInteger:
      case LiteralKind::kDecimal:
      case LiteralKind::kPercent:
        constant.type = Type::kNumber;
        constant.number = {literal.numerator, literal.denominator};
        break;
      case LiteralKind::kString:
        constant.type = Type::kText;
        constant.text = literal.text;
        break;
      case LiteralKind::kDate:
        constant.type = Type::kDate;
        constant.date = literal.date;
        break;
      case LiteralKind::kPeriod:
        constant.type = Type::kPeriod;
        constant.period = literal.period;
        break;
      case LiteralKind::kDuration:
        constant.type = Type::kDuration;
        constant.duration = literal.duration;
        break;
      case LiteralKind::kBool:
        constant.type = Type::kBool;
        constant.number = {literal.numerator != 0 ? 1 : 0, 1};
        break;
      case LiteralKind::kNull: constant.type = Type::kNull; break;
    }
    node->type = constant.type;
    return node;
  }

  // --- names (bind_name.cpp) -------------------------------------------------
  BoundPtr bind_name(const Expr& expr) {
    BoundPtr node = lang::bind_name(expr, environment_, *this, diagnostics_);
    return node ? std::move(node) : poisoned(expr.span);
  }

  // --- operators ---------------------------------------------------------
  BoundPtr bind_unary(const Expr& expr) {
    auto operand = bind(*expr.operands[0]);
    Type expected = expr.unary_op == UnaryOp::kNot ? Type::kBool : Type::kNumber;
    if (operand->type != expected && operand->type != Type::kNull) {
      error(expr.operands[0]->span, std::string(expr.unary_op == UnaryOp::kNot ? "'not'" : "unary '-'") +
                                        " needs a " + std::string(to_string(expected)) + ", got " +
                                        std::string(to_string(operand->type)));
    }
    auto node = make(BoundKind::kUnary, expected, expr.span);
    node->payload_as<UnaryNode>().op = expr.unary_op;
    node->depends_on_period = operand->depends_on_period;
    node->operands.push_back(std::move(operand));
    return node;
  }

  BoundPtr bind_binary(const Expr& expr) {
    auto left = bind(*expr.operands[0]);
    auto right = bind(*expr.operands[1]);
    Type result = Type::kNull;
    Type a = left->type;
    Type b = right->type;
    bool poison = a == Type::kNull || b == Type::kNull;
    bool cascade = left->poisoned || right->poisoned;
    auto mismatch = [&](std::string_view what) {
      error(expr.span, std::string(what) + ": cannot combine " + std::string(to_string(a)) + " and " +
                           std::string(to_string(b)));
    };
    switch (expr.binary_op) {
      case BinaryOp::kAnd:
      case BinaryOp::kOr:
        result = Type::kBool;
        if (a != Type::kBool && a != Type::kNull) {
          error(expr.operands[0]->span, "expected a condition (bool), got " + std::string(to_string(a)));
        }
        if (b != Type::kBool && b != Type::kNull) {
          error(expr.operands[1]->span, "expected a condition (bool), got " + std::string(to_string(b)));
        }
        break;
      case BinaryOp::kAdd:
      case BinaryOp::kSubtract:
        if (is_numeric_like(a) && is_numeric_like(b)) {
          result = Type::kNumber;
        } else if (a == Type::kDate && b == Type::kDuration) {
          result = Type::kDate;
        } else if (a == Type::kDate && b == Type::kDate && expr.binary_op == BinaryOp::kSubtract) {
          result = Type::kNumber;  // days between
        } else if (a == Type::kPeriod && is_numeric_like(b)) {
          result = Type::kPeriod;
        } else if (!poison) {
          mismatch(expr.binary_op == BinaryOp::kAdd ? "'+'" : "'-'");
        }
        break;
      case BinaryOp::kMultiply:
      case BinaryOp::kDivide:
        result = Type::kNumber;
        if (!(is_numeric_like(a) && is_numeric_like(b))) {
          mismatch(expr.binary_op == BinaryOp::kMultiply ? "'*'" : "'/'");
        }
        break;
      default:  // comparisons
        result = Type::kBool;
        if (cascade) break;
        if ((right->kind == BoundKind::kConstant && b == Type::kNull) ||
            (left->kind == BoundKind::kConstant && a == Type::kNull)) {
          error(expr.span, "comparison with null is never true: write 'x is null' or 'x is not null'");
          break;
        }
        if (a != b && !poison) {
          mismatch("comparison");
        } else if (a == Type::kBool && expr.binary_op != BinaryOp::kEqual &&
                   expr.binary_op != BinaryOp::kNotEqual) {
          error(expr.span, "conditions can only be compared with == or !=");
        } else if (a == Type::kText) {
          check_enum_value(*left, *right);
          check_enum_value(*right, *left);
        }
        break;
    }
    auto node = make(BoundKind::kBinary, result, expr.span);
    node->payload_as<BinaryNode>().op = expr.binary_op;
    node->depends_on_period = left->depends_on_period || right->depends_on_period;
    node->operands.push_back(std::move(left));
    node->operands.push_back(std::move(right));
    return node;
  }

  // `type == "theme_dya"`: a constant that is not a value of the enum column
  // makes the comparison always false — almost surely a typo.
  void check_enum_value(const BoundExpr& column, const BoundExpr& constant) {
    if (constant.kind != BoundKind::kConstant || constant.type != Type::kText) return;
    const ColumnSchema* schema = enum_column(column);
    if (schema == nullptr || schema->values.empty()) return;
    if (std::find(schema->values.begin(), schema->values.end(), constant.constant().text) != schema->values.end()) {
      return;
    }
    error(constant.span, quoted(constant.constant().text) + " is not a value of " + schema->name + " (" +
                             join_names(schema->values) + ")");
  }

  const ColumnSchema* enum_column(const BoundExpr& expr) const {
    const RecordSetSchema* set = nullptr;
    if (expr.kind == BoundKind::kRowColumn) set = row_set();
    if (expr.kind == BoundKind::kOrgColumn) set = environment_.schema->find(kOrgsRecordSet);
    if (set == nullptr) return nullptr;
    const ColumnSchema& column = set->columns[static_cast<std::size_t>(expr.column())];
    return column.type == ColumnType::kEnum ? &column : nullptr;
  }

  BoundPtr bind_if(const Expr& expr) {
    auto condition = bind(*expr.operands[0]);
    auto then_branch = bind(*expr.operands[1]);
    auto else_branch = bind(*expr.operands[2]);
    if (condition->type != Type::kBool && condition->type != Type::kNull) {
      error(expr.operands[0]->span, "'if' needs a condition (bool), got " + std::string(to_string(condition->type)));
    }
    Type result = then_branch->type == Type::kNull ? else_branch->type : then_branch->type;
    if (then_branch->type != Type::kNull && else_branch->type != Type::kNull &&
        then_branch->type != else_branch->type) {
      error(expr.span, "'then' gives " + std::string(to_string(then_branch->type)) + " but 'else' gives " +
                           std::string(to_string(else_branch->type)));
    }
    auto node = make(BoundKind::kIf, result, expr.span);
    node->depends_on_period =
        condition->depends_on_period || then_branch->depends_on_period || else_branch->depends_on_period;
    node->operands.push_back(std::move(condition));
    node->operands.push_back(std::move(then_branch));
    node->operands.push_back(std::move(else_branch));
    return node;
  }

  BoundPtr bind_in(const Expr& expr) {
    auto value = bind(*expr.operands[0]);
    auto node = make(BoundKind::kIn, Type::kBool, expr.span);
    InList& in = node->payload_as<InList>();
    in.negated = expr.negated;
    const Expr& list = *expr.operands[1];
    for (const auto& item : list.operands) {
      auto bound = bind(*item);
      if (bound->kind != BoundKind::kConstant) {
        error(item->span, "the list after 'in' must hold literals");
        continue;
      }
      if (bound->type != value->type && value->type != Type::kNull && bound->type != Type::kNull) {
        error(item->span, "list item is " + std::string(to_string(bound->type)) + " but the value is " +
                              std::string(to_string(value->type)));
        continue;
      }
      if (bound->type == Type::kText) check_enum_value(*value, *bound);
      in.items.push_back(bound->constant());
    }
    node->depends_on_period = value->depends_on_period;
    node->operands.push_back(std::move(value));
    return node;
  }

  // --- calls ---------------------------------------------------------------
  // An aggregate (count, sum, min, max, avg, count_distinct, exists), or a
  // builtin of the registry (builtin.h), which binds itself.
  BoundPtr bind_call(const Expr& expr) {
    const std::string& name = expr.path[0];
    static const std::pair<const char*, AggregateFunction> kAggregates[] = {
        {"count", AggregateFunction::kCount},   {"sum", AggregateFunction::kSum},
        {"min", AggregateFunction::kMin},       {"max", AggregateFunction::kMax},
        {"avg", AggregateFunction::kAvg},       {"count_distinct", AggregateFunction::kCountDistinct},
        {"exists", AggregateFunction::kExists},
    };
    for (const auto& [aggregate_name, function] : kAggregates) {
      if (name != aggregate_name) continue;
      bool scalar_pair = (function == AggregateFunction::kMin || function == AggregateFunction::kMax) &&
                         expr.operands.size() == 2 && !names_record_set(*expr.operands[0]);
      if (!scalar_pair) return bind_aggregate(expr, function);
    }
    const Builtin* builtin = builtins().find(name);
    if (builtin == nullptr || !builtin->callable) {
      error(expr.span, "unknown function " + quoted(name));
      return poisoned(expr.span);
    }
    BoundPtr node = lang::bind_call(expr, *builtin, *this);
    return node ? std::move(node) : poisoned(expr.span);
  }

  bool names_record_set(const Expr& expr) const {
    return expr.kind == ExprKind::kName && !expr.path.empty() &&
           environment_.schema->find(expr.path[0]) != nullptr;
  }

  // --- aggregates (bind_aggregate.cpp) ---------------------------------------
  BoundPtr bind_aggregate(const Expr& expr, AggregateFunction function) {
    check_named(expr, {"where", "over", "window"}, *this);
    BoundPtr node = lang::bind_aggregate(expr, function, environment_, *this, diagnostics_);
    return node ? std::move(node) : poisoned(expr.span);
  }

  BoundPtr bind_filter(const Expr& condition, const RecordSetSchema& rows) override {
    row_stack_.push_back(&rows);
    BoundPtr filter = bind(condition);
    row_stack_.pop_back();
    return filter;
  }

  BindEnvironment& environment_;
  Diagnostics& diagnostics_;
  std::vector<const RecordSetSchema*> row_stack_;
  bool failed_ = false;
};

}  // namespace

BoundPtr bind_expression(const Expr& expr, BindEnvironment& environment, Diagnostics& diagnostics) {
  Binder binder(environment, diagnostics);
  return binder.run(expr);
}

}  // namespace cadence::lang

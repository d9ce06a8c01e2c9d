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
  // A placeholder that keeps binding going after an error without cascades.
  BoundPtr poisoned(const SourceSpan& span) {
    auto node = make(BoundKind::kConstant, Type::kNull, span);
    node->poisoned = true;
    return node;
  }

  const RecordSetSchema* row_set() const override { return row_stack_.empty() ? nullptr : row_stack_.back(); }

  // --- dispatch ---------------------------------------------------------
  BoundPtr bind(const Expr& expr) {
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
        node->negated = expr.negated;
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
    Constant& constant = node->constant;
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
    node->unary_op = expr.unary_op;
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
    node->binary_op = expr.binary_op;
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
    if (std::find(schema->values.begin(), schema->values.end(), constant.constant.text) != schema->values.end()) {
      return;
    }
    error(constant.span, quoted(constant.constant.text) + " is not a value of " + schema->name + " (" +
                             join_names(schema->values) + ")");
  }

  const ColumnSchema* enum_column(const BoundExpr& expr) const {
    const RecordSetSchema* set = nullptr;
    if (expr.kind == BoundKind::kRowColumn) set = row_set();
    if (expr.kind == BoundKind::kOrgColumn) set = environment_.schema->find(kOrgsRecordSet);
    if (set == nullptr) return nullptr;
    const ColumnSchema& column = set->columns[static_cast<std::size_t>(expr.index)];
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
    node->negated = expr.negated;
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
      node->list.push_back(bound->constant);
    }
    node->depends_on_period = value->depends_on_period;
    node->operands.push_back(std::move(value));
    return node;
  }

  // --- calls ---------------------------------------------------------------
  const NamedArg* named(const Expr& call, std::string_view name) {
    for (const auto& arg : call.named) {
      if (arg.name == name) return &arg;
    }
    return nullptr;
  }

  void check_named(const Expr& call, std::initializer_list<std::string_view> allowed) {
    for (const auto& arg : call.named) {
      if (std::find(allowed.begin(), allowed.end(), arg.name) != allowed.end()) continue;
      std::string names;
      for (auto name : allowed) names += (names.empty() ? "" : ", ") + std::string(name);
      error(arg.name_span, "unknown argument " + quoted(arg.name) + " to " + call.path[0] + "()" +
                               (names.empty() ? std::string(" (it takes none)") : " (expected " + names + ")"));
    }
  }

  bool check_arity(const Expr& call, std::size_t count) {
    if (call.operands.size() == count) return true;
    error(call.span, call.path[0] + "() takes " + std::to_string(count) + " argument" + (count == 1 ? "" : "s") +
                         ", got " + std::to_string(call.operands.size()));
    return false;
  }

  BoundPtr expect(const Expr& arg, Type type, const std::string& function) {
    auto bound = bind(arg);
    if (bound->type != type && bound->type != Type::kNull) {
      error(arg.span, function + "() expects a " + std::string(to_string(type)) + " here, got " +
                          std::string(to_string(bound->type)));
    }
    return bound;
  }

  BoundPtr call_node(const Expr& expr, BuiltinFunction function, Type type, std::vector<BoundPtr> operands) {
    auto node = make(BoundKind::kCall, type, expr.span);
    node->function = function;
    for (auto& operand : operands) {
      node->depends_on_period = node->depends_on_period || operand->depends_on_period;
      node->operands.push_back(std::move(operand));
    }
    return node;
  }

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
    if (name == "ratio") return bind_ratio(expr);
    if (name == "failed" || name == "streak" || name == "value") return bind_rule_reference(expr);
    if (name == "is_event") return bind_is_event(expr);
    if (name == "in_calendar") return bind_in_calendar(expr);
    if (name == "count_in") return bind_count_in(expr);

    struct Signature {
      const char* name;
      BuiltinFunction function;
      std::vector<Type> arguments;
      Type result;
    };
    static const Signature kSignatures[] = {
        {"within", BuiltinFunction::kWithin, {Type::kDate, Type::kPeriod}, Type::kBool},
        {"day_of_next_month", BuiltinFunction::kDayOfNextMonth, {Type::kPeriod, Type::kNumber}, Type::kDate},
        {"working_days_after", BuiltinFunction::kWorkingDaysAfter, {Type::kDate, Type::kNumber}, Type::kDate},
        {"roll_forward", BuiltinFunction::kRollForward, {Type::kDate}, Type::kDate},
        {"weeks_in", BuiltinFunction::kWeeksIn, {Type::kPeriod}, Type::kNumber},
        {"year_share", BuiltinFunction::kYearShare, {Type::kPeriod}, Type::kNumber},
        {"month", BuiltinFunction::kMonth, {Type::kDate}, Type::kNumber},
        {"age", BuiltinFunction::kAge, {Type::kDate, Type::kDate}, Type::kNumber},
        {"days_between", BuiltinFunction::kDaysBetween, {Type::kDate, Type::kDate}, Type::kNumber},
        {"abs", BuiltinFunction::kAbs, {Type::kNumber}, Type::kNumber},
        {"min", BuiltinFunction::kMin2, {Type::kNumber, Type::kNumber}, Type::kNumber},
        {"max", BuiltinFunction::kMax2, {Type::kNumber, Type::kNumber}, Type::kNumber},
    };
    for (const auto& signature : kSignatures) {
      if (name != signature.name) continue;
      check_named(expr, {});
      if (!check_arity(expr, signature.arguments.size())) return poisoned(expr.span);
      std::vector<BoundPtr> operands;
      for (std::size_t i = 0; i < signature.arguments.size(); ++i) {
        operands.push_back(expect(*expr.operands[i], signature.arguments[i], name));
      }
      return call_node(expr, signature.function, signature.result, std::move(operands));
    }
    if (name == "year") {
      check_named(expr, {});
      if (!check_arity(expr, 1)) return poisoned(expr.span);
      auto operand = bind(*expr.operands[0]);
      if (operand->type != Type::kDate && operand->type != Type::kPeriod && operand->type != Type::kNull) {
        error(expr.operands[0]->span, "year() expects a date or a period, got " +
                                          std::string(to_string(operand->type)));
      }
      std::vector<BoundPtr> operands;
      operands.push_back(std::move(operand));
      return call_node(expr, BuiltinFunction::kYear, Type::kNumber, std::move(operands));
    }
    if (name == "coalesce") {
      check_named(expr, {});
      if (!check_arity(expr, 2)) return poisoned(expr.span);
      auto first = bind(*expr.operands[0]);
      auto second = bind(*expr.operands[1]);
      Type type = first->type == Type::kNull ? second->type : first->type;
      if (first->type != Type::kNull && second->type != Type::kNull && first->type != second->type) {
        error(expr.span, "coalesce() needs two values of one type, got " + std::string(to_string(first->type)) +
                             " and " + std::string(to_string(second->type)));
      }
      std::vector<BoundPtr> operands;
      operands.push_back(std::move(first));
      operands.push_back(std::move(second));
      return call_node(expr, BuiltinFunction::kCoalesce, type, std::move(operands));
    }
    error(expr.span, "unknown function " + quoted(name));
    return poisoned(expr.span);
  }

  bool names_record_set(const Expr& expr) const {
    return expr.kind == ExprKind::kName && !expr.path.empty() &&
           environment_.schema->find(expr.path[0]) != nullptr;
  }

  BoundPtr bind_ratio(const Expr& expr) {
    check_named(expr, {"on_zero"});
    if (!check_arity(expr, 2)) return poisoned(expr.span);
    auto numerator = expect(*expr.operands[0], Type::kNumber, "ratio");
    auto denominator = expect(*expr.operands[1], Type::kNumber, "ratio");
    auto node = call_node(expr, BuiltinFunction::kRatio, Type::kNumber, {});
    node->depends_on_period = numerator->depends_on_period || denominator->depends_on_period;
    node->operands.push_back(std::move(numerator));
    node->operands.push_back(std::move(denominator));
    node->on_zero = ZeroDenominator::kSkip;
    if (const NamedArg* policy = named(expr, "on_zero")) {
      const Expr& value = *policy->value;
      if (value.kind == ExprKind::kName && value.path.size() == 1 && value.path[0] == "skip") {
        node->on_zero = ZeroDenominator::kSkip;
      } else if (value.kind == ExprKind::kName && value.path.size() == 1 && value.path[0] == "violation") {
        node->on_zero = ZeroDenominator::kViolation;
      } else if (value.kind == ExprKind::kLiteral &&
                 (value.literal.kind == LiteralKind::kInteger || value.literal.kind == LiteralKind::kDecimal ||
                  value.literal.kind == LiteralKind::kPercent)) {
        node->on_zero = ZeroDenominator::kValue;
        node->constant.type = Type::kNumber;
        node->constant.number = {value.literal.numerator, value.literal.denominator};
      } else {
        error(value.span, "on_zero must be skip, violation or a number");
      }
    } else {
      node->constant.text = "implicit";  // the compiler warns: a rate without a declared policy
    }
    return node;
  }

  BoundPtr bind_rule_reference(const Expr& expr) {
    const std::string& name = expr.path[0];
    check_named(expr, {});
    if (!check_arity(expr, 1)) return poisoned(expr.span);
    if (row_set() != nullptr) {
      error(expr.span, name + "() cannot be used inside a filter");
      return poisoned(expr.span);
    }
    const Expr& arg = *expr.operands[0];
    std::string id;
    if (arg.kind == ExprKind::kName) {
      id = arg.dotted_name();
    } else if (arg.kind == ExprKind::kLiteral && arg.literal.kind == LiteralKind::kString) {
      id = arg.literal.text;
    } else {
      error(arg.span, name + "() takes a rule id, e.g. " + name + "(study.weekly_rate)");
      return poisoned(expr.span);
    }
    int index = -1;
    for (std::size_t i = 0; i < environment_.rules.size(); ++i) {
      if (environment_.rules[i].id == id) index = static_cast<int>(i);
    }
    if (index < 0) {
      error(arg.span, "unknown rule " + quoted(id));
      return poisoned(expr.span);
    }
    const RuleInfo& rule = environment_.rules[static_cast<std::size_t>(index)];
    if (rule.cadence != environment_.cadence) {
      error(arg.span, "rule " + quoted(id) + " runs every " + std::string(to_string(rule.cadence)) +
                          " but this rule runs every " + std::string(to_string(environment_.cadence)) +
                          "; results can only be used at the same cadence");
      return poisoned(expr.span);
    }
    if (environment_.rule_references != nullptr) environment_.rule_references->push_back(index);
    BuiltinFunction function = name == "failed"   ? BuiltinFunction::kFailed
                               : name == "streak" ? BuiltinFunction::kStreak
                                                  : BuiltinFunction::kValueOf;
    auto node = call_node(expr, function, function == BuiltinFunction::kFailed ? Type::kBool : Type::kNumber, {});
    node->index = index;
    node->depends_on_period = true;
    return node;
  }

  // The argument naming an event calendar (`episodes` or "episodes"): its
  // index in the environment, or -1 after reporting the error. `example`
  // shows the call written right.
  int event_calendar(const Expr& arg, std::string_view example) {
    std::string name;
    if (arg.kind == ExprKind::kName && arg.path.size() == 1) name = arg.path[0];
    if (arg.kind == ExprKind::kLiteral && arg.literal.kind == LiteralKind::kString) name = arg.literal.text;
    const auto& calendars = environment_.event_calendars;
    std::string known = calendars.empty() ? std::string(" (the pack declares none under calendars: events:)")
                                          : " (known: " + join_names(calendars) + ")";
    if (name.empty()) {
      error(arg.span, "expected the name of an event calendar here, e.g. " + std::string(example) + known);
      return -1;
    }
    auto found = std::find(calendars.begin(), calendars.end(), name);
    if (found == calendars.end()) {
      error(arg.span, "unknown event calendar " + quoted(name) + known);
      return -1;
    }
    return static_cast<int>(found - calendars.begin());
  }

  std::optional<PeriodKind> event_calendar_kind(int calendar) const {
    const auto& kinds = environment_.event_calendar_kinds;
    if (calendar < 0 || static_cast<std::size_t>(calendar) >= kinds.size()) return std::nullopt;
    return kinds[static_cast<std::size_t>(calendar)];
  }

  // The kind of period an expression gives, where the text alone says it: a
  // literal, `period` (the rule's cadence, in a filter too: the window is a
  // period of the rule's cadence), a period column, period ± n.
  std::optional<PeriodKind> static_period_kind(const BoundExpr& expr) const {
    if (expr.type != Type::kPeriod) return std::nullopt;
    switch (expr.kind) {
      case BoundKind::kConstant: return expr.constant.period.kind();
      case BoundKind::kPeriod: return environment_.cadence;
      case BoundKind::kRowColumn:
      case BoundKind::kOrgColumn: {
        const RecordSetSchema* set =
            expr.kind == BoundKind::kRowColumn ? row_set() : environment_.schema->find(kOrgsRecordSet);
        if (set == nullptr) return std::nullopt;
        ColumnType type = set->columns[static_cast<std::size_t>(expr.index)].type;
        if (!is_period_type(type)) return std::nullopt;
        return period_kind_of(type);
      }
      case BoundKind::kBinary: return static_period_kind(*expr.operands[0]);
      default: return std::nullopt;
    }
  }

  BoundPtr bind_is_event(const Expr& expr) {
    check_named(expr, {});
    if (!check_arity(expr, 1)) return poisoned(expr.span);
    int calendar = event_calendar(*expr.operands[0], "is_event(episodes)");
    if (calendar < 0) return poisoned(expr.span);
    auto node = call_node(expr, BuiltinFunction::kIsEvent, Type::kBool, {});
    node->index = calendar;
    node->constant.text = environment_.event_calendars[static_cast<std::size_t>(calendar)];
    node->depends_on_period = true;
    return node;
  }

  // in_calendar(week, episodes): the period is one of the calendar's periods
  // (same kind and the same period), or the date lies in one of them. Usable
  // in a filter (the row's week) and in a rule (`period`, a let).
  BoundPtr bind_in_calendar(const Expr& expr) {
    check_named(expr, {});
    if (!check_arity(expr, 2)) return poisoned(expr.span);
    auto value = bind(*expr.operands[0]);
    int calendar = event_calendar(*expr.operands[1], "in_calendar(week, episodes)");
    if (value->type != Type::kPeriod && value->type != Type::kDate && value->type != Type::kNull) {
      error(expr.operands[0]->span, "in_calendar() expects a period or a date here, got " +
                                        std::string(to_string(value->type)));
      return poisoned(expr.span);
    }
    if (calendar < 0) return poisoned(expr.span);
    const std::string& name = environment_.event_calendars[static_cast<std::size_t>(calendar)];
    std::optional<PeriodKind> held = event_calendar_kind(calendar);
    std::optional<PeriodKind> tested = static_period_kind(*value);
    if (held && tested && *held != *tested) {
      std::string message = "this is a " + std::string(to_string(*tested)) + " but " + quoted(name) + " holds " +
                            std::string(to_string(*held)) + "s, so in_calendar() would never hold";
      if (*tested > *held) {
        message += "; count_in(" + name + ", ...) counts its " + std::string(to_string(*held)) + "s in a " +
                   std::string(to_string(*tested));
      }
      error(expr.operands[0]->span, message);
      return poisoned(expr.span);
    }
    std::vector<BoundPtr> operands;
    operands.push_back(std::move(value));
    auto node = call_node(expr, BuiltinFunction::kInCalendar, Type::kBool, std::move(operands));
    node->index = calendar;
    node->constant.text = name;
    return node;
  }

  // count_in(episodes, period): how many of the calendar's periods start
  // inside the period — a week by its Monday, as weeks_in() counts (DOMAIN.md
  // DOM-S3: the month's weeks are the ISO weeks whose Monday falls in it).
  BoundPtr bind_count_in(const Expr& expr) {
    check_named(expr, {});
    if (!check_arity(expr, 2)) return poisoned(expr.span);
    int calendar = event_calendar(*expr.operands[0], "count_in(episodes, period)");
    auto period = expect(*expr.operands[1], Type::kPeriod, "count_in");
    if (calendar < 0) return poisoned(expr.span);
    std::vector<BoundPtr> operands;
    operands.push_back(std::move(period));
    auto node = call_node(expr, BuiltinFunction::kCountIn, Type::kNumber, std::move(operands));
    node->index = calendar;
    node->constant.text = environment_.event_calendars[static_cast<std::size_t>(calendar)];
    return node;
  }

  // --- aggregates (bind_aggregate.cpp) ---------------------------------------
  BoundPtr bind_aggregate(const Expr& expr, AggregateFunction function) {
    check_named(expr, {"where", "over", "window"});
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

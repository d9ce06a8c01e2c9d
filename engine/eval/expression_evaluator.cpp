#include "engine/eval/expression_evaluator.h"

#include <algorithm>
#include <limits>
#include <memory>
#include <optional>

#include "engine/calendar/date.h"

namespace cadence {
namespace {

using lang::BinaryOp;
using lang::BoundExpr;
using lang::BoundKind;
using lang::BuiltinFunction;
using lang::Type;

// Reads one column of a record set for the frame's rows (or, for the orgs
// record set, for the frame's orgs: its rows are in pre-order).
void gather_column(const Column& column, Type type, const Frame& frame, bool by_org, Vec& out) {
  const std::size_t n = frame.size;
  out.reset(type, n);
  auto row_of = [&](std::size_t i) -> std::size_t {
    return by_org ? static_cast<std::size_t>(frame.orgs[i]) : frame.rows[i];
  };
  const bool nullable = column.has_nulls();
  if (is_period_type(column.type())) out.period_kind = period_kind_of(column.type());
  switch (column.type()) {
    case ColumnType::kInteger: {
      const auto& values = column.integers();
      for (std::size_t i = 0; i < n; ++i) out.num[i] = values[row_of(i)];
      break;
    }
    case ColumnType::kNumber: {
      for (std::size_t i = 0; i < n; ++i) out.set_number(i, from_double(column.number(row_of(i))));
      break;
    }
    case ColumnType::kText:
    case ColumnType::kEnum: {
      const auto& codes = column.codes();
      const Dictionary& dictionary = column.dictionary();
      for (std::size_t i = 0; i < n; ++i) {
        std::size_t row = row_of(i);
        if (nullable && column.is_null(row)) continue;
        out.text[i] = dictionary.text(codes[row]);
      }
      break;
    }
    case ColumnType::kWeek:
    case ColumnType::kMonth:
    case ColumnType::kQuarter:
    case ColumnType::kYear:
    case ColumnType::kDate:
    case ColumnType::kBool: {
      const auto& codes = column.codes();
      for (std::size_t i = 0; i < n; ++i) out.num[i] = codes[row_of(i)];
      break;
    }
  }
  if (nullable) {
    for (std::size_t i = 0; i < n; ++i) {
      if (column.is_null(row_of(i))) out.set_null(i);
    }
  }
}

void fill_constant(const lang::Constant& constant, std::size_t n, Vec& out) {
  out.reset(constant.type, n);
  switch (constant.type) {
    case Type::kNull: out.null.assign(n, 1); break;
    case Type::kBool:
    case Type::kNumber:
      for (std::size_t i = 0; i < n; ++i) out.set_number(i, constant.number);
      break;
    case Type::kText:
      for (std::size_t i = 0; i < n; ++i) out.text[i] = constant.text;
      break;
    case Type::kDate: std::fill(out.num.begin(), out.num.end(), constant.date.days()); break;
    case Type::kPeriod:
      out.period_kind = constant.period.kind();
      std::fill(out.num.begin(), out.num.end(), constant.period.ordinal());
      break;
    case Type::kDuration:
      // Durations only appear as the right side of date arithmetic, which
      // reads the constant directly.
      break;
  }
}

// Three-way comparison of item i of a and b (same type); nullopt when null.
int compare_items(const Vec& a, const Vec& b, std::size_t i) {
  switch (a.type) {
    case Type::kText: return a.text[i] < b.text[i] ? -1 : a.text[i] > b.text[i] ? 1 : 0;
    case Type::kNumber: {
      if (a.den.empty() && b.den.empty()) return a.num[i] < b.num[i] ? -1 : a.num[i] > b.num[i] ? 1 : 0;
      return compare(a.number(i), b.number(i));
    }
    default: return a.num[i] < b.num[i] ? -1 : a.num[i] > b.num[i] ? 1 : 0;
  }
}

Date add_duration(Date date, const lang::Duration& duration, int sign, const Calendars* calendars) {
  int64_t count = duration.count * sign;
  switch (duration.unit) {
    case lang::DurationUnit::kDay: return date + static_cast<int32_t>(count);
    case lang::DurationUnit::kWeek: return date + static_cast<int32_t>(count * 7);
    case lang::DurationUnit::kWorkingDay:
      if (calendars != nullptr && count >= 0) return calendars->working.working_days_after(date, static_cast<int>(count));
      return date + static_cast<int32_t>(count);
    case lang::DurationUnit::kMonth:
    case lang::DurationUnit::kQuarter:
    case lang::DurationUnit::kYear: {
      int64_t months = count * (duration.unit == lang::DurationUnit::kMonth     ? 1
                                : duration.unit == lang::DurationUnit::kQuarter ? 3
                                                                                : 12);
      int64_t index = int64_t{date.year()} * 12 + (date.month() - 1) + months;
      int year = static_cast<int>(index / 12);
      int month = static_cast<int>(index % 12) + 1;
      int day = std::min(date.day(), days_in_month(year, month));
      return Date::from_ymd(year, month, day);
    }
  }
  return date;
}

// A batch vector for an intermediate result, taken from a per-thread pool
// and returned to it: a node's operands used to be fresh vectors, allocated
// and zeroed for every node of every batch (BENCHMARKS.md "Figures behind
// engine/eval's comments"). A pooled vector keeps its capacity; every use
// resets it.
class Scratch {
 public:
  Scratch() {
    auto& pool = free_list();
    if (pool.empty()) {
      vec_ = std::make_unique<Vec>();
    } else {
      vec_ = std::move(pool.back());
      pool.pop_back();
    }
  }
  ~Scratch() { free_list().push_back(std::move(vec_)); }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;

  Vec& operator*() const { return *vec_; }
  Vec* operator->() const { return vec_.get(); }

 private:
  static std::vector<std::unique_ptr<Vec>>& free_list() {
    thread_local std::vector<std::unique_ptr<Vec>> pool;
    return pool;
  }
  std::unique_ptr<Vec> vec_;
};

class ExpressionEvaluator {
 public:
  explicit ExpressionEvaluator(const Frame& frame) : frame_(frame) {}

  void eval(const BoundExpr& expr, Vec& out) {
    const std::size_t n = frame_.size;
    switch (expr.kind) {
      case BoundKind::kConstant: fill_constant(expr.constant, n, out); return;
      case BoundKind::kRowColumn:
        gather_column(frame_.record_set->column(static_cast<std::size_t>(expr.index)), expr.type, frame_, false, out);
        return;
      case BoundKind::kOrgColumn:
        gather_column(frame_.dataset->orgs().column(static_cast<std::size_t>(expr.index)), expr.type, frame_, true,
                      out);
        return;
      case BoundKind::kOrgDepth: {
        out.reset(Type::kNumber, n);
        const OrgTree& tree = frame_.dataset->tree();
        for (std::size_t i = 0; i < n; ++i) out.num[i] = tree.depth(frame_.orgs[i]);
        return;
      }
      case BoundKind::kPeriod: {
        out.reset(Type::kPeriod, n);
        if (frame_.period_slots == nullptr && n > 0 && frame_.scalar_period_slot >= 0) {
          // One period for the batch (cell frames): a week's ordinal is a
          // calendar computation, done once rather than per org.
          const Period& period = frame_.period(0);
          out.period_kind = period.kind();
          std::fill(out.num.begin(), out.num.end(), period.ordinal());
          return;
        }
        for (std::size_t i = 0; i < n; ++i) {
          if (frame_.period_slot(i) < 0) {
            out.set_null(i);
            continue;
          }
          const Period& period = frame_.period(i);
          out.period_kind = period.kind();
          out.num[i] = period.ordinal();
        }
        return;
      }
      case BoundKind::kLet: out = (*frame_.lets)[static_cast<std::size_t>(expr.index)]; return;
      case BoundKind::kAggregate: frame_.sources->aggregate(expr.index, frame_, out); return;
      case BoundKind::kRowAggregate: frame_.sources->member_aggregate(expr.index, frame_, out); return;
      case BoundKind::kUnary: unary(expr, out); return;
      case BoundKind::kBinary: binary(expr, out); return;
      case BoundKind::kIf: conditional(expr, out); return;
      case BoundKind::kIn: membership(expr, out); return;
      case BoundKind::kIsNull: {
        Scratch operand_holder;
        Vec& operand = *operand_holder;
        eval(*expr.operands[0], operand);
        out.reset(Type::kBool, n);
        for (std::size_t i = 0; i < n; ++i) {
          bool missing = operand.is_null(i) || (operand.type == Type::kText && operand.text[i].empty());
          out.num[i] = (missing != expr.negated) ? 1 : 0;
        }
        return;
      }
      case BoundKind::kCall: call(expr, out); return;
    }
  }

 private:
  // An operand's values: a let is read in place (its slot already holds the
  // batch), anything else is evaluated into `scratch`.
  const Vec& operand(const BoundExpr& expr, Vec& scratch) {
    if (expr.kind == BoundKind::kLet) return (*frame_.lets)[static_cast<std::size_t>(expr.index)];
    eval(expr, scratch);
    return scratch;
  }

  // out[i] = (order(i) op 0) for every item: one loop per operator.
  template <typename Order>
  static void fill_comparison(BinaryOp op, std::size_t n, Order order, Vec& out) {
    switch (op) {
      case BinaryOp::kEqual: for (std::size_t i = 0; i < n; ++i) out.num[i] = order(i) == 0; break;
      case BinaryOp::kNotEqual: for (std::size_t i = 0; i < n; ++i) out.num[i] = order(i) != 0; break;
      case BinaryOp::kLess: for (std::size_t i = 0; i < n; ++i) out.num[i] = order(i) < 0; break;
      case BinaryOp::kLessEqual: for (std::size_t i = 0; i < n; ++i) out.num[i] = order(i) <= 0; break;
      case BinaryOp::kGreater: for (std::size_t i = 0; i < n; ++i) out.num[i] = order(i) > 0; break;
      case BinaryOp::kGreaterEqual: for (std::size_t i = 0; i < n; ++i) out.num[i] = order(i) >= 0; break;
      default: break;
    }
  }
  void unary(const BoundExpr& expr, Vec& out) {
    eval(*expr.operands[0], out);
    const std::size_t n = frame_.size;
    if (expr.unary_op == lang::UnaryOp::kNot) {
      for (std::size_t i = 0; i < n; ++i) out.num[i] = out.num[i] != 0 ? 0 : 1;
      out.type = Type::kBool;
      out.den.clear();
    } else {
      for (std::size_t i = 0; i < n; ++i) out.num[i] = -out.num[i];
    }
  }

  // `type == "theme_day"` over a text column: compare dictionary codes, not
  // strings — the constant is looked up once per batch. The hot path of
  // most filters.
  bool text_equality_by_code(const BoundExpr& expr, Vec& out) {
    if (expr.binary_op != BinaryOp::kEqual && expr.binary_op != BinaryOp::kNotEqual) return false;
    const BoundExpr* column_side = expr.operands[0].get();
    const BoundExpr* constant_side = expr.operands[1].get();
    if (column_side->kind == BoundKind::kConstant) std::swap(column_side, constant_side);
    if (constant_side->kind != BoundKind::kConstant || constant_side->type != Type::kText) return false;
    bool by_org = column_side->kind == BoundKind::kOrgColumn;
    if (column_side->kind != BoundKind::kRowColumn && !by_org) return false;
    const Column& column = by_org ? frame_.dataset->orgs().column(static_cast<std::size_t>(column_side->index))
                                  : frame_.record_set->column(static_cast<std::size_t>(column_side->index));
    if (column.type() != ColumnType::kText && column.type() != ColumnType::kEnum) return false;
    const int32_t wanted = column.dictionary().find(constant_side->constant.text);
    const bool equal = expr.binary_op == BinaryOp::kEqual;
    const std::size_t n = frame_.size;
    out.reset(Type::kBool, n);
    const auto& codes = column.codes();
    for (std::size_t i = 0; i < n; ++i) {
      std::size_t row = by_org ? static_cast<std::size_t>(frame_.orgs[i]) : frame_.rows[i];
      out.num[i] = (codes[row] == wanted) == equal ? 1 : 0;
    }
    if (column.has_nulls()) {
      for (std::size_t i = 0; i < n; ++i) {
        std::size_t row = by_org ? static_cast<std::size_t>(frame_.orgs[i]) : frame_.rows[i];
        if (column.is_null(row)) out.set_null(i);
      }
    }
    return true;
  }

  // `value < 60%`, `active >= 1`: a number against a number constant, the
  // constant read once instead of filled into a batch vector, and the
  // comparison exact (n·q against p·d for n/d against p/q).
  bool number_against_constant(const BoundExpr& expr, Vec& out) {
    const BoundExpr* other = expr.operands[0].get();
    const BoundExpr* constant_side = expr.operands[1].get();
    BinaryOp op = expr.binary_op;
    if (other->kind == BoundKind::kConstant) {
      std::swap(other, constant_side);
      op = lang::swapped(op);
    }
    if (constant_side->kind != BoundKind::kConstant || constant_side->type != Type::kNumber ||
        other->type != Type::kNumber) {
      return false;
    }
    Scratch scratch;
    const Vec& values = operand(*other, *scratch);
    if (values.type != Type::kNumber) return false;  // a null literal's side: the general path
    const std::size_t n = frame_.size;
    out.reset(Type::kBool, n);
    const int64_t p = constant_side->constant.number.numerator;
    const int64_t q = constant_side->constant.number.denominator;
    const int64_t* a = values.num.data();
    auto three_way = [](auto x, auto y) { return x < y ? -1 : x > y ? 1 : 0; };
    if (values.den.empty() && q == 1) {
      fill_comparison(
          op, n, [&](std::size_t i) { return three_way(a[i], p); }, out);
    } else if (values.den.empty()) {
      fill_comparison(
          op, n, [&](std::size_t i) { return three_way(Int128{a[i]} * q, Int128{p}); }, out);
    } else {
      const int64_t* d = values.den.data();
      fill_comparison(
          op, n, [&](std::size_t i) { return three_way(Int128{a[i]} * q, Int128{p} * d[i]); }, out);
    }
    if (!values.null.empty()) {
      for (std::size_t i = 0; i < n; ++i) {
        if (values.null[i]) out.set_null(i);
      }
    }
    return true;
  }

  void binary(const BoundExpr& expr, Vec& out) {
    const std::size_t n = frame_.size;
    if (text_equality_by_code(expr, out)) return;
    if (lang::is_comparison(expr.binary_op) && number_against_constant(expr, out)) return;
    Scratch left_scratch;
    Scratch right_scratch;
    const Vec& left = operand(*expr.operands[0], *left_scratch);
    if (expr.binary_op == BinaryOp::kAnd || expr.binary_op == BinaryOp::kOr) {
      const Vec& right = operand(*expr.operands[1], *right_scratch);
      out.reset(Type::kBool, n);
      bool is_and = expr.binary_op == BinaryOp::kAnd;
      for (std::size_t i = 0; i < n; ++i) {
        bool left_null = left.is_null(i);
        bool right_null = right.is_null(i);
        bool a = left.num.empty() ? false : left.num[i] != 0;
        bool b = right.num.empty() ? false : right.num[i] != 0;
        if (is_and) {
          if ((!left_null && !a) || (!right_null && !b)) {
            out.num[i] = 0;
          } else if (left_null || right_null) {
            out.set_null(i);
          } else {
            out.num[i] = 1;
          }
        } else {
          if ((!left_null && a) || (!right_null && b)) {
            out.num[i] = 1;
          } else if (left_null || right_null) {
            out.set_null(i);
          } else {
            out.num[i] = 0;
          }
        }
      }
      return;
    }
    const Vec& right = operand(*expr.operands[1], *right_scratch);
    auto any_null = [&](std::size_t i) { return left.is_null(i) || right.is_null(i); };
    switch (expr.binary_op) {
      case BinaryOp::kEqual:
      case BinaryOp::kNotEqual:
      case BinaryOp::kLess:
      case BinaryOp::kLessEqual:
      case BinaryOp::kGreater:
      case BinaryOp::kGreaterEqual: {
        out.reset(Type::kBool, n);
        if (left.type == Type::kNull || right.type == Type::kNull) {
          out.null.assign(n, 1);
          return;
        }
        // Null items compare their zero placeholders, then are marked null.
        auto three_way = [](int64_t a, int64_t b) { return a < b ? -1 : a > b ? 1 : 0; };
        if (left.type != Type::kText && left.den.empty() && right.den.empty()) {
          const int64_t* a = left.num.data();
          const int64_t* b = right.num.data();
          fill_comparison(expr.binary_op, n, [&](std::size_t i) { return three_way(a[i], b[i]); }, out);
        } else if (left.type == Type::kNumber) {
          fill_comparison(expr.binary_op, n, [&](std::size_t i) { return compare(left.number(i), right.number(i)); },
                          out);
        } else {
          fill_comparison(expr.binary_op, n, [&](std::size_t i) { return compare_items(left, right, i); }, out);
        }
        if (!left.null.empty() || !right.null.empty()) {
          for (std::size_t i = 0; i < n; ++i) {
            if (any_null(i)) out.set_null(i);
          }
        }
        return;
      }
      case BinaryOp::kAdd:
      case BinaryOp::kSubtract: {
        int sign = expr.binary_op == BinaryOp::kAdd ? 1 : -1;
        if (left.type == Type::kDate && right.type == Type::kDate) {
          out.reset(Type::kNumber, n);
          for (std::size_t i = 0; i < n; ++i) {
            if (any_null(i)) out.set_null(i); else out.num[i] = left.num[i] - right.num[i];
          }
          return;
        }
        if (left.type == Type::kDate) {
          const lang::Duration& duration = expr.operands[1]->constant.duration;
          out.reset(Type::kDate, n);
          for (std::size_t i = 0; i < n; ++i) {
            if (left.is_null(i)) {
              out.set_null(i);
              continue;
            }
            out.num[i] = add_duration(Date::from_days(static_cast<int32_t>(left.num[i])), duration, sign,
                                      frame_.calendars)
                             .days();
          }
          return;
        }
        if (left.type == Type::kPeriod) {
          out = left;  // a copy: `left` may be a let slot
          for (std::size_t i = 0; i < n; ++i) {
            if (any_null(i)) {
              out.set_null(i);
              continue;
            }
            out.num[i] = left.num[i] + sign * (right.number(i).numerator / right.number(i).denominator);
          }
          return;
        }
        out.reset(Type::kNumber, n);
        if (left.type == Type::kNull || right.type == Type::kNull) {
          out.null.assign(n, 1);
          return;
        }
        for (std::size_t i = 0; i < n; ++i) {
          if (any_null(i)) {
            out.set_null(i);
            continue;
          }
          Rational b = right.number(i);
          out.set_number(i, add(left.number(i), sign > 0 ? b : negate(b)));
        }
        return;
      }
      case BinaryOp::kMultiply:
      case BinaryOp::kDivide: {
        out.reset(Type::kNumber, n);
        if (left.type == Type::kNull || right.type == Type::kNull) {
          out.null.assign(n, 1);
          return;
        }
        for (std::size_t i = 0; i < n; ++i) {
          if (any_null(i)) {
            out.set_null(i);
            continue;
          }
          Rational b = right.number(i);
          if (expr.binary_op == BinaryOp::kDivide) {
            // Plain division by zero is null; rates declare a policy with ratio().
            if (b.numerator == 0) {
              out.set_null(i);
              continue;
            }
            out.set_number(i, divide(left.number(i), b));
          } else {
            out.set_number(i, multiply(left.number(i), b));
          }
        }
        return;
      }
      default: return;
    }
  }

  void conditional(const BoundExpr& expr, Vec& out) {
    Scratch condition_holder;
    Vec& condition = *condition_holder;
    Scratch then_value_holder;
    Vec& then_value = *then_value_holder;
    eval(*expr.operands[0], condition);
    eval(*expr.operands[1], then_value);
    eval(*expr.operands[2], out);
    const std::size_t n = frame_.size;
    if (then_value.type == Type::kNull) {
      for (std::size_t i = 0; i < n; ++i) {
        if (condition.truth(i)) out.set_null(i);
      }
      return;
    }
    if (out.type == Type::kNull) {
      Vec nulls = std::move(out);
      out = then_value;
      for (std::size_t i = 0; i < n; ++i) {
        if (!condition.truth(i)) out.set_null(i);
      }
      return;
    }
    for (std::size_t i = 0; i < n; ++i) {
      if (!condition.truth(i)) continue;
      if (then_value.is_null(i)) {
        out.set_null(i);
        continue;
      }
      if (!out.null.empty()) out.null[i] = 0;
      if (out.type == Type::kText) {
        out.text[i] = then_value.text[i];
      } else if (out.type == Type::kNumber) {
        out.set_number(i, then_value.number(i));
      } else {
        out.num[i] = then_value.num[i];
      }
    }
  }

  void membership(const BoundExpr& expr, Vec& out) {
    Scratch value_holder;
    Vec& value = *value_holder;
    eval(*expr.operands[0], value);
    const std::size_t n = frame_.size;
    out.reset(Type::kBool, n);
    for (std::size_t i = 0; i < n; ++i) {
      if (value.is_null(i)) {
        out.set_null(i);
        continue;
      }
      bool found = false;
      for (const auto& item : expr.list) {
        switch (item.type) {
          case Type::kText: found = value.text[i] == item.text; break;
          case Type::kNumber:
          case Type::kBool: found = compare(value.number(i), item.number) == 0; break;
          case Type::kDate: found = value.num[i] == item.date.days(); break;
          case Type::kPeriod: found = value.num[i] == item.period.ordinal() && value.period_kind == item.period.kind(); break;
          default: break;
        }
        if (found) break;
      }
      out.num[i] = found != expr.negated ? 1 : 0;
    }
  }

  // in_calendar(x, calendar): a period is in it when it is one of its
  // periods (a month is never one of a calendar's weeks); a date when it lies
  // in one of them. A null operand (an empty cell) gives null, which a filter
  // treats as false.
  void in_calendar(const BoundExpr& expr, Vec& out) {
    const std::size_t n = frame_.size;
    Scratch value_holder;
    Vec& value = *value_holder;
    eval(*expr.operands[0], value);
    out.reset(Type::kBool, n);
    if (value.type == Type::kNull) {
      out.null.assign(n, 1);
      return;
    }
    const EventCalendar& calendar = frame_.calendars->events[static_cast<std::size_t>(expr.index)];
    // The kinds the calendar holds: a date is in it when the period of one of
    // these kinds that contains the date is.
    std::vector<PeriodKind> kinds;
    for (const Period& period : calendar.periods()) {
      if (std::find(kinds.begin(), kinds.end(), period.kind()) == kinds.end()) kinds.push_back(period.kind());
    }
    for (std::size_t i = 0; i < n; ++i) {
      if (value.is_null(i)) {
        out.set_null(i);
        continue;
      }
      bool found = false;
      if (value.type == Type::kPeriod) {
        found = calendar.contains(Period::from_ordinal(value.period_kind, static_cast<int32_t>(value.num[i])));
      } else {
        Date date = Date::from_days(static_cast<int32_t>(value.num[i]));
        for (PeriodKind kind : kinds) found = found || calendar.contains(Period::containing(kind, date));
      }
      out.num[i] = found ? 1 : 0;
    }
  }

  // count_in(calendar, period): the calendar's periods whose first day lies
  // in the period — for weeks their Monday, the rule weeks_in() counts by
  // (DOMAIN.md DOM-S3, "ISO weeks whose Monday falls in the month"). Items of
  // a batch mostly share one period: the last count is kept.
  void count_in(const BoundExpr& expr, Vec& out) {
    const std::size_t n = frame_.size;
    Scratch period_holder;
    Vec& period = *period_holder;
    eval(*expr.operands[0], period);
    out.reset(Type::kNumber, n);
    if (period.type == Type::kNull) {
      out.null.assign(n, 1);
      return;
    }
    const EventCalendar& calendar = frame_.calendars->events[static_cast<std::size_t>(expr.index)];
    std::optional<int64_t> last_ordinal;
    int64_t last_count = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (period.is_null(i)) {
        out.set_null(i);
        continue;
      }
      if (!last_ordinal || *last_ordinal != period.num[i]) {
        Period within = Period::from_ordinal(period.period_kind, static_cast<int32_t>(period.num[i]));
        last_count = std::count_if(calendar.periods().begin(), calendar.periods().end(),
                                   [&within](const Period& event) { return within.contains(event.first_day()); });
        last_ordinal = period.num[i];
      }
      out.num[i] = last_count;
    }
  }

  // Whether every pair a[i] / d[i] is already the ratio's exact form, which
  // holds for d[i] in [1, 2^61] and a[i] in [−2^61, 2^61) (make_rational
  // reduces from 2^62). One pass of adds, shifts and ors, which the compiler
  // vectorises even for plain x86-64 (it has no 64-bit compare there); the
  // general loop below costs some 30 instructions a cell.
  static bool all_plain_ratios(const int64_t* a, const int64_t* d, std::size_t n) {
    uint64_t outside = 0;
    for (std::size_t i = 0; i < n; ++i) {
      outside |= (static_cast<uint64_t>(d[i]) - 1) >> 61;
      outside |= (static_cast<uint64_t>(a[i]) + (uint64_t{1} << 61)) >> 62;
    }
    return outside == 0;
  }

  void call(const BoundExpr& expr, Vec& out) {
    const std::size_t n = frame_.size;
    switch (expr.function) {
      case BuiltinFunction::kRatio: {
        Scratch numerator_scratch;
        Scratch denominator_scratch;
        const Vec& numerator = operand(*expr.operands[0], *numerator_scratch);
        const Vec& denominator = operand(*expr.operands[1], *denominator_scratch);
        out.reset(Type::kNumber, n);
        // A zero denominator: the declared value, or null marked as such
        // (the rule's on_zero decides between skipping and a violation).
        auto on_zero = [&](std::size_t i) {
          if (expr.on_zero == lang::ZeroDenominator::kValue) {
            out.set_number(i, expr.constant.number);
            return;
          }
          out.set_null(i);
          if (out.zero_denominator.empty()) out.zero_denominator.assign(n, 0);
          out.zero_denominator[i] = 1;
        };
        if (numerator.den.empty() && denominator.den.empty() && numerator.null.empty() && denominator.null.empty()) {
          // Counts over counts (learners / active), the shape of every rate:
          // the ratio is the pair itself, kept unreduced like divide() keeps it.
          if (all_plain_ratios(numerator.num.data(), denominator.num.data(), n)) {
            // Every denominator positive and no part large enough for
            // make_rational to reduce: the parts are copied as they are
            // (assigned, not zeroed first: a rate rule makes one per cell).
            std::copy_n(numerator.num.data(), n, out.num.data());
            out.den.assign(denominator.num.data(), denominator.num.data() + n);
            return;
          }
          out.den.resize(n);
          for (std::size_t i = 0; i < n; ++i) {
            const int64_t d = denominator.num[i];
            const int64_t a = numerator.num[i];
            if (d == 0) continue;  // below: the rule's zero policy
            constexpr int64_t kLimit = int64_t{1} << 62;  // make_rational reduces beyond it
            if (a >= kLimit || a <= -kLimit || d >= kLimit || d <= -kLimit) {
              out.set_number(i, divide(Rational{a, 1}, Rational{d, 1}));
              continue;
            }
            out.num[i] = d < 0 ? -a : a;
            out.den[i] = d < 0 ? -d : d;
          }
          for (std::size_t i = 0; i < n; ++i) {
            if (denominator.num[i] != 0) continue;
            out.den[i] = 1;
            on_zero(i);
          }
          return;
        }
        for (std::size_t i = 0; i < n; ++i) {
          if (numerator.is_null(i) || denominator.is_null(i)) {
            out.set_null(i);
            continue;
          }
          Rational d = denominator.number(i);
          if (d.numerator == 0) {
            on_zero(i);
            continue;
          }
          out.set_number(i, divide(numerator.number(i), d));
        }
        return;
      }
      case BuiltinFunction::kFailed:
      case BuiltinFunction::kStreak:
      case BuiltinFunction::kValueOf: frame_.sources->rule_result(expr, frame_, out); return;
      case BuiltinFunction::kPeriodStart:
      case BuiltinFunction::kPeriodEnd:
      case BuiltinFunction::kPeriodIndex:
      case BuiltinFunction::kPeriodYear: {
        out.reset(expr.type, n);
        for (std::size_t i = 0; i < n; ++i) {
          if (frame_.period_slot(i) < 0) {
            out.set_null(i);
            continue;
          }
          const Period& period = frame_.period(i);
          switch (expr.function) {
            case BuiltinFunction::kPeriodStart: out.num[i] = period.first_day().days(); break;
            case BuiltinFunction::kPeriodEnd: out.num[i] = period.last_day().days(); break;
            case BuiltinFunction::kPeriodIndex: out.num[i] = period.index(); break;
            default: out.num[i] = period.year(); break;
          }
        }
        return;
      }
      case BuiltinFunction::kIsEvent: {
        out.reset(Type::kBool, n);
        const auto& events = frame_.calendars->events[static_cast<std::size_t>(expr.index)];
        for (std::size_t i = 0; i < n; ++i) {
          out.num[i] = frame_.period_slot(i) >= 0 && events.contains(frame_.period(i)) ? 1 : 0;
        }
        return;
      }
      case BuiltinFunction::kInCalendar: in_calendar(expr, out); return;
      case BuiltinFunction::kCountIn: count_in(expr, out); return;
      default: break;
    }
    std::vector<Scratch> args(expr.operands.size());
    for (std::size_t k = 0; k < expr.operands.size(); ++k) eval(*expr.operands[k], *args[k]);
    out.reset(expr.type, n);
    auto any_null = [&](std::size_t i) {
      for (const auto& arg : args) {
        if (arg->is_null(i)) return true;
      }
      return false;
    };
    auto period_of = [](const Vec& vec, std::size_t i) {
      return Period::from_ordinal(vec.period_kind, static_cast<int32_t>(vec.num[i]));
    };
    auto date_of = [](const Vec& vec, std::size_t i) { return Date::from_days(static_cast<int32_t>(vec.num[i])); };
    int64_t within_ordinal = std::numeric_limits<int64_t>::min();
    PeriodKind within_kind = PeriodKind::kWeek;
    int64_t within_first = 0;
    int64_t within_last = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (expr.function == BuiltinFunction::kCoalesce) {
        const Vec& pick = args[0]->is_null(i) ? *args[1] : *args[0];
        if (pick.is_null(i)) {
          out.set_null(i);
        } else if (out.type == Type::kText) {
          out.text[i] = pick.text[i];
        } else if (out.type == Type::kNumber) {
          out.set_number(i, pick.number(i));
        } else {
          out.num[i] = pick.num[i];
          out.period_kind = pick.period_kind;
        }
        continue;
      }
      if (any_null(i)) {
        out.set_null(i);
        continue;
      }
      switch (expr.function) {
        case BuiltinFunction::kWithin: {
          // Rows of a batch mostly share the period: its days are computed once.
          if (args[1]->num[i] != within_ordinal || args[1]->period_kind != within_kind) {
            Period period = period_of(*args[1], i);
            within_ordinal = args[1]->num[i];
            within_kind = period.kind();
            within_first = period.first_day().days();
            within_last = period.last_day().days();
          }
          out.num[i] = args[0]->num[i] >= within_first && args[0]->num[i] <= within_last ? 1 : 0;
          break;
        }
        case BuiltinFunction::kDayOfNextMonth: {
          // "by the 5th of the next month" (contract.md B5): no roll-forward;
          // wrap in roll_forward() for the 民法典 §203 variant (DOM-C3).
          Period month = Period::containing(PeriodKind::kMonth, period_of(*args[0], i).last_day());
          Date first = month.next().first_day();
          Rational day = args[1]->number(i);
          out.num[i] = (first + static_cast<int32_t>(day.numerator / day.denominator - 1)).days();
          break;
        }
        case BuiltinFunction::kWorkingDaysAfter: {
          Rational count = args[1]->number(i);
          out.num[i] = frame_.calendars->working
                           .working_days_after(date_of(*args[0], i), static_cast<int>(count.numerator / count.denominator))
                           .days();
          break;
        }
        case BuiltinFunction::kRollForward:
          out.num[i] = frame_.calendars->working.roll_forward(date_of(*args[0], i)).days();
          break;
        case BuiltinFunction::kWeeksIn: {
          // ISO weeks whose Monday falls in the period (DOM-S3: "每月四期").
          Period period = period_of(*args[0], i);
          Date first = period.first_day();
          int offset = (7 + static_cast<int>(Weekday::kMonday) - static_cast<int>(first.weekday())) % 7;
          int64_t span = period.last_day() - (first + offset);
          out.num[i] = span < 0 ? 0 : span / 7 + 1;
          break;
        }
        case BuiltinFunction::kYearShare: {
          // Annual targets are paced linearly: by the end of March a target of
          // 500 expects 500 × 90/365 (DESIGN.md "annual targets with pacing").
          Period period = period_of(*args[0], i);
          Date end = period.last_day();
          Date january_first = Date::from_ymd(end.year(), 1, 1);
          int32_t days_in_year = Date::from_ymd(end.year() + 1, 1, 1) - january_first;
          out.set_number(i, make_rational(end - january_first + 1, days_in_year));
          break;
        }
        case BuiltinFunction::kYear:
          out.num[i] = args[0]->type == Type::kPeriod ? period_of(*args[0], i).year() : date_of(*args[0], i).year();
          break;
        case BuiltinFunction::kMonth: out.num[i] = date_of(*args[0], i).month(); break;
        case BuiltinFunction::kAge: {
          Date birth = date_of(*args[0], i);
          Date at = date_of(*args[1], i);
          int years = at.year() - birth.year();
          if (at.month() < birth.month() || (at.month() == birth.month() && at.day() < birth.day())) --years;
          out.num[i] = years;
          break;
        }
        case BuiltinFunction::kDaysBetween: out.num[i] = args[1]->num[i] - args[0]->num[i]; break;
        case BuiltinFunction::kAbs: {
          Rational value = args[0]->number(i);
          out.set_number(i, value.numerator < 0 ? negate(value) : value);
          break;
        }
        case BuiltinFunction::kMin2:
        case BuiltinFunction::kMax2: {
          int order = compare(args[0]->number(i), args[1]->number(i));
          bool first = expr.function == BuiltinFunction::kMin2 ? order <= 0 : order >= 0;
          out.set_number(i, first ? args[0]->number(i) : args[1]->number(i));
          break;
        }
        default: break;
      }
    }
  }

  const Frame& frame_;
};

}  // namespace

void evaluate_expression(const lang::BoundExpr& expr, const Frame& frame, Vec& out) {
  ExpressionEvaluator evaluator(frame);
  evaluator.eval(expr, out);
}

}  // namespace cadence

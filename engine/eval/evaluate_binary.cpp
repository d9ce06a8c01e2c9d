// The binary operators of the expression evaluator.
#include <algorithm>
#include <string>
#include <utility>

#include "engine/eval/expression_evaluator_internal.h"

namespace cadence::expression {

// `type == "theme_day"` over a text column: compare dictionary codes, not
// strings — the constant is looked up once per batch. The hot path of
// most filters.
bool ExpressionEvaluator::text_equality_by_code(const BoundExpr& expr, Vec& out) {
  if (expr.binary_op() != BinaryOp::kEqual && expr.binary_op() != BinaryOp::kNotEqual) return false;
  const BoundExpr* column_side = expr.operands[0].get();
  const BoundExpr* constant_side = expr.operands[1].get();
  if (column_side->kind == BoundKind::kConstant) std::swap(column_side, constant_side);
  if (constant_side->kind != BoundKind::kConstant || constant_side->type != Type::kText) return false;
  bool by_org = column_side->kind == BoundKind::kOrgColumn;
  if (column_side->kind != BoundKind::kRowColumn && !by_org) return false;
  const Column& column = by_org ? frame_.dataset->orgs().column(static_cast<std::size_t>(column_side->column()))
                                : frame_.record_set->column(static_cast<std::size_t>(column_side->column()));
  if (column.type() != ColumnType::kText && column.type() != ColumnType::kEnum) return false;
  const int32_t wanted = column.dictionary().find(constant_side->constant().text);
  const bool equal = expr.binary_op() == BinaryOp::kEqual;
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
bool ExpressionEvaluator::number_against_constant(const BoundExpr& expr, Vec& out) {
  const BoundExpr* other = expr.operands[0].get();
  const BoundExpr* constant_side = expr.operands[1].get();
  BinaryOp op = expr.binary_op();
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
  const int64_t p = constant_side->constant().number.numerator;
  const int64_t q = constant_side->constant().number.denominator;
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

void ExpressionEvaluator::binary(const BoundExpr& expr, Vec& out) {
  if (text_equality_by_code(expr, out)) return;
  if (lang::is_comparison(expr.binary_op()) && number_against_constant(expr, out)) return;
  Scratch left_scratch;
  Scratch right_scratch;
  const Vec& left = operand(*expr.operands[0], *left_scratch);
  const Vec& right = operand(*expr.operands[1], *right_scratch);
  switch (expr.binary_op()) {
    case BinaryOp::kAnd:
    case BinaryOp::kOr: logic(expr.binary_op(), left, right, out); return;
    case BinaryOp::kEqual:
    case BinaryOp::kNotEqual:
    case BinaryOp::kLess:
    case BinaryOp::kLessEqual:
    case BinaryOp::kGreater:
    case BinaryOp::kGreaterEqual: comparison(expr.binary_op(), left, right, out); return;
    case BinaryOp::kAdd:
    case BinaryOp::kSubtract: add_subtract(expr, left, right, out); return;
    case BinaryOp::kMultiply:
    case BinaryOp::kDivide: multiply_divide(expr.binary_op(), left, right, out); return;
    default: return;
  }
}

// Three-valued: false and null = false, true or null = true.
void ExpressionEvaluator::logic(BinaryOp op, const Vec& left, const Vec& right, Vec& out) {
  const std::size_t n = frame_.size;
  out.reset(Type::kBool, n);
  bool is_and = op == BinaryOp::kAnd;
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
}

void ExpressionEvaluator::comparison(BinaryOp op, const Vec& left, const Vec& right, Vec& out) {
  const std::size_t n = frame_.size;
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
    fill_comparison(
        op, n, [&](std::size_t i) { return three_way(a[i], b[i]); }, out);
  } else if (left.type == Type::kNumber) {
    fill_comparison(
        op, n, [&](std::size_t i) { return compare(left.number(i), right.number(i)); }, out);
  } else {
    fill_comparison(
        op, n, [&](std::size_t i) { return compare_items(left, right, i); }, out);
  }
  if (!left.null.empty() || !right.null.empty()) {
    for (std::size_t i = 0; i < n; ++i) {
      if (left.is_null(i) || right.is_null(i)) out.set_null(i);
    }
  }
}

// Numbers, dates ± durations, date − date (days), period ± count.
void ExpressionEvaluator::add_subtract(const BoundExpr& expr, const Vec& left, const Vec& right, Vec& out) {
  const std::size_t n = frame_.size;
  auto any_null = [&](std::size_t i) { return left.is_null(i) || right.is_null(i); };
  int sign = expr.binary_op() == BinaryOp::kAdd ? 1 : -1;
  if (left.type == Type::kDate && right.type == Type::kDate) {
    out.reset(Type::kNumber, n);
    for (std::size_t i = 0; i < n; ++i) {
      if (any_null(i))
        out.set_null(i);
      else
        out.num[i] = left.num[i] - right.num[i];
    }
    return;
  }
  if (left.type == Type::kDate) {
    const lang::Duration& duration = expr.operands[1]->constant().duration;
    out.reset(Type::kDate, n);
    for (std::size_t i = 0; i < n; ++i) {
      if (left.is_null(i)) {
        out.set_null(i);
        continue;
      }
      out.num[i] = checked(add_duration(Date::from_days(static_cast<int32_t>(left.num[i])), duration, sign,
                                        frame_.calendars),
                           expr)
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
      // Periods are ordinals; the result must name a supported period.
      // Counts beyond ±2^40 are out of range anyway, and bounded they
      // cannot overflow.
      const int64_t count = std::clamp<int64_t>(right.number(i).numerator / right.number(i).denominator,
                                                -(int64_t{1} << 40), int64_t{1} << 40);
      const int64_t ordinal = left.num[i] + sign * count;
      if (ordinal < Period::first_supported_ordinal(left.period_kind) ||
          ordinal > Period::last_supported_ordinal(left.period_kind)) {
        out_of_range(expr, "a " + std::string(to_string(left.period_kind)));
      }
      out.num[i] = ordinal;
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
}

void ExpressionEvaluator::multiply_divide(BinaryOp op, const Vec& left, const Vec& right, Vec& out) {
  const std::size_t n = frame_.size;
  out.reset(Type::kNumber, n);
  if (left.type == Type::kNull || right.type == Type::kNull) {
    out.null.assign(n, 1);
    return;
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (left.is_null(i) || right.is_null(i)) {
      out.set_null(i);
      continue;
    }
    Rational b = right.number(i);
    if (op == BinaryOp::kDivide) {
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
}

}  // namespace cadence::expression

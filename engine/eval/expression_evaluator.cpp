#include "engine/eval/expression_evaluator.h"

#include <algorithm>
#include <limits>
#include <memory>
#include <optional>

#include "engine/calendar/date.h"
#include "engine/eval/expression_evaluator_internal.h"

namespace cadence {
namespace expression {
namespace {

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

}  // namespace

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

// date ± duration, or nullopt when the result leaves the supported dates
// (engine/calendar/date.h). Counts of any size are safe: a day count is
// checked before it is added, a working-day count is a binary search.
std::optional<Date> add_duration(Date date, const lang::Duration& duration, int sign, const Calendars* calendars) {
  // Beyond the supported span (110,000 days, 3,600 months) every unit leaves
  // the range; bounding first keeps the products below from overflowing.
  constexpr int64_t kBeyondAnyRange = int64_t{1} << 40;
  if (duration.count > kBeyondAnyRange || duration.count < -kBeyondAnyRange) return std::nullopt;
  int64_t count = duration.count * sign;
  switch (duration.unit) {
    case lang::DurationUnit::kDay: return date.plus_days(count);
    case lang::DurationUnit::kWeek: return date.plus_days(count * 7);
    case lang::DurationUnit::kWorkingDay:
      if (calendars != nullptr) return calendars->working.working_days_after(date, count);
      return date.plus_days(count);
    case lang::DurationUnit::kMonth:
    case lang::DurationUnit::kQuarter:
    case lang::DurationUnit::kYear: {
      int64_t months = count * (duration.unit == lang::DurationUnit::kMonth     ? 1
                                : duration.unit == lang::DurationUnit::kQuarter ? 3
                                                                                : 12);
      int64_t index = int64_t{date.year()} * 12 + (date.month() - 1) + months;
      if (index < int64_t{kFirstSupportedYear} * 12 || index > int64_t{kLastSupportedYear} * 12 + 11) {
        return std::nullopt;
      }
      int year = static_cast<int>(index / 12);
      int month = static_cast<int>(index % 12) + 1;
      int day = std::min(date.day(), days_in_month(year, month));
      return Date::from_ymd(year, month, day);
    }
  }
  return date;
}

void out_of_range(const BoundExpr& expr, std::string_view result) {
  throw CalendarRangeError(expr.span, "calendar arithmetic gives " + std::string(result) +
                                          " outside the supported dates " + std::string(kSupportedDates));
}

Date checked(std::optional<Date> date, const BoundExpr& expr) {
  if (!date) out_of_range(expr, "a date");
  return *date;
}

void ExpressionEvaluator::eval(const BoundExpr& expr, Vec& out) {
  const std::size_t n = frame_.size;
  switch (expr.kind) {
    case BoundKind::kConstant: fill_constant(expr.constant(), n, out); return;
    case BoundKind::kRowColumn:
      gather_column(frame_.record_set->column(static_cast<std::size_t>(expr.column())), expr.type, frame_, false, out);
      return;
    case BoundKind::kOrgColumn:
      gather_column(frame_.dataset->orgs().column(static_cast<std::size_t>(expr.column())), expr.type, frame_, true,
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
    case BoundKind::kLet: out = (*frame_.lets)[static_cast<std::size_t>(expr.let_slot())]; return;
    case BoundKind::kAggregate: frame_.sources->aggregate(expr.aggregate(), frame_, out); return;
    case BoundKind::kRowAggregate: frame_.sources->member_aggregate(expr.aggregate(), frame_, out); return;
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
        out.num[i] = (missing != expr.negated()) ? 1 : 0;
      }
      return;
    }
    case BoundKind::kCall: call(expr, out); return;
  }
}

void ExpressionEvaluator::unary(const BoundExpr& expr, Vec& out) {
  eval(*expr.operands[0], out);
  const std::size_t n = frame_.size;
  if (expr.unary_op() == lang::UnaryOp::kNot) {
    for (std::size_t i = 0; i < n; ++i) out.num[i] = out.num[i] != 0 ? 0 : 1;
    out.type = Type::kBool;
    out.den.clear();
  } else {
    for (std::size_t i = 0; i < n; ++i) out.num[i] = -out.num[i];
  }
}

void ExpressionEvaluator::conditional(const BoundExpr& expr, Vec& out) {
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

void ExpressionEvaluator::membership(const BoundExpr& expr, Vec& out) {
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
    for (const auto& item : expr.list()) {
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
    out.num[i] = found != expr.negated() ? 1 : 0;
  }
}

}  // namespace expression

void evaluate_expression(const lang::BoundExpr& expr, const Frame& frame, Vec& out) {
  expression::ExpressionEvaluator evaluator(frame);
  evaluator.eval(expr, out);
}

}  // namespace cadence

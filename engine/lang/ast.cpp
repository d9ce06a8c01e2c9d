#include "engine/lang/ast.h"

#include <cstdint>

namespace cadence::lang {
namespace {

// Magnitude of n as digits, safe for INT64_MIN.
std::string magnitude_digits(int64_t n) {
  uint64_t magnitude = n < 0 ? uint64_t{0} - static_cast<uint64_t>(n) : static_cast<uint64_t>(n);
  return std::to_string(magnitude);
}

// The k with 10^k == value, or -1.
int power_of_ten(int64_t value) {
  int k = 0;
  while (value > 1 && value % 10 == 0) {
    value /= 10;
    ++k;
  }
  return value == 1 ? k : -1;
}

// n / 10^scale with exactly `scale` digits after the point: 6, 1 → "0.6".
std::string scaled_decimal(int64_t n, int scale) {
  std::string digits = magnitude_digits(n);
  auto places = static_cast<std::size_t>(scale);
  if (digits.size() <= places) digits.insert(0, places + 1 - digits.size(), '0');
  if (places > 0) digits.insert(digits.size() - places, 1, '.');
  return n < 0 ? "-" + digits : digits;
}

std::string fraction(const Literal& literal, int scale_offset) {
  int scale = power_of_ten(literal.denominator);
  if (scale < scale_offset) {
    // Not a parser-made literal: show the exact fraction.
    return std::to_string(literal.numerator) + "/" + std::to_string(literal.denominator);
  }
  return scaled_decimal(literal.numerator, scale - scale_offset);
}

std::string_view unit_word(DurationUnit unit, bool plural) {
  switch (unit) {
    case DurationUnit::kDay: return plural ? "days" : "day";
    case DurationUnit::kWorkingDay: return plural ? "working days" : "working day";
    case DurationUnit::kWeek: return plural ? "weeks" : "week";
    case DurationUnit::kMonth: return plural ? "months" : "month";
    case DurationUnit::kQuarter: return plural ? "quarters" : "quarter";
    case DurationUnit::kYear: return plural ? "years" : "year";
  }
  return "days";
}

void print(const Expr& expr, std::string& out);

void print_operands(const Expr& expr, std::string& out) {
  for (const auto& operand : expr.operands) {
    out += ' ';
    if (operand) {
      print(*operand, out);
    } else {
      out += "<null>";
    }
  }
}

void print(const Expr& expr, std::string& out) {
  switch (expr.kind) {
    case ExprKind::kLiteral:
      out += to_string(expr.literal);
      return;
    case ExprKind::kName:
      out += "(name ";
      out += expr.dotted_name();
      out += ')';
      return;
    case ExprKind::kUnary:
      out += expr.unary_op == UnaryOp::kNegate ? "(-" : "(not";
      break;
    case ExprKind::kBinary:
      out += '(';
      out += operator_text(expr.binary_op);
      break;
    case ExprKind::kIf:
      out += "(if";
      break;
    case ExprKind::kCall:
      out += "(call ";
      out += expr.dotted_name();
      print_operands(expr, out);
      for (const auto& argument : expr.named) {
        out += ' ';
        out += argument.name;
        out += ": ";
        if (argument.value) {
          print(*argument.value, out);
        } else {
          out += "<null>";
        }
      }
      out += ')';
      return;
    case ExprKind::kList:
      out += "(list";
      break;
    case ExprKind::kIn:
      out += expr.negated ? "(not-in" : "(in";
      break;
    case ExprKind::kIsNull:
      out += expr.negated ? "(is-not-null" : "(is-null";
      break;
    case ExprKind::kLastWindow:
      out += "(last ";
      out += to_string(expr.literal);
      out += ')';
      return;
  }
  print_operands(expr, out);
  out += ')';
}

}  // namespace

std::string quoted_text(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      default: out += c;
    }
  }
  out += '"';
  return out;
}

std::string_view operator_text(BinaryOp op) {
  switch (op) {
    case BinaryOp::kAdd: return "+";
    case BinaryOp::kSubtract: return "-";
    case BinaryOp::kMultiply: return "*";
    case BinaryOp::kDivide: return "/";
    case BinaryOp::kEqual: return "==";
    case BinaryOp::kNotEqual: return "!=";
    case BinaryOp::kLess: return "<";
    case BinaryOp::kLessEqual: return "<=";
    case BinaryOp::kGreater: return ">";
    case BinaryOp::kGreaterEqual: return ">=";
    case BinaryOp::kAnd: return "and";
    case BinaryOp::kOr: return "or";
  }
  return "?";
}

std::string Expr::dotted_name() const {
  std::string name;
  for (const auto& part : path) {
    if (!name.empty()) name += '.';
    name += part;
  }
  return name;
}

std::string to_string(const Literal& literal) {
  switch (literal.kind) {
    case LiteralKind::kInteger:
      return literal.denominator == 1 ? std::to_string(literal.numerator) : fraction(literal, 0);
    case LiteralKind::kDecimal: return fraction(literal, 0);
    case LiteralKind::kPercent: {
      std::string text = fraction(literal, 2);
      return text.find('/') == std::string::npos ? text + "%" : text;
    }
    case LiteralKind::kString: return quoted_text(literal.text);
    case LiteralKind::kDate: return literal.date.to_string();
    case LiteralKind::kPeriod: return literal.period.to_string();
    case LiteralKind::kDuration:
      return std::to_string(literal.duration.count) + " " +
             std::string(unit_word(literal.duration.unit, literal.duration.count != 1));
    case LiteralKind::kBool: return literal.numerator != 0 ? "true" : "false";
    case LiteralKind::kNull: return "null";
  }
  return "null";
}

std::string to_string(const Expr& expr) {
  std::string out;
  print(expr, out);
  return out;
}

}  // namespace cadence::lang

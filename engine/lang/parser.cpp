// Recursive-descent parser of rule-language expressions (grammar in parser.h).
//
// Error policy: the first syntax error stops the parse (everything after it
// would be guesswork and cascade). Problems inside a well-formed literal (a
// date that does not exist, an integer that does not fit) are reported and
// the parse goes on, so one pass names every bad literal before the first
// syntax error. Either way parse_expression returns nullptr.
//
// Recursion is bounded: each nesting level (parentheses, lists, call
// arguments, if, not, unary minus) and each operator of a chain (a + b + c)
// counts one level, and more than kMaxDepth levels is "expression nested too
// deeply". That bounds the stack of the parser and the height of the tree,
// whose printing and destruction recurse too.
#include <algorithm>
#include <cstdint>
#include <limits>
#include <optional>
#include <utility>

#include "engine/core/utf8.h"
#include "engine/lang/lexer.h"
#include "engine/lang/parser.h"

namespace cadence::lang {
namespace {

constexpr int kMaxDepth = 256;
constexpr int kMaxScale = 18;  // 10^18 is the largest power of ten in int64

// Decimal digits of `digits` into `value`; false if it does not fit int64.
bool accumulate(std::string_view digits, int64_t& value) {
  for (char c : digits) {
    int64_t digit = c - '0';
    if (value > (std::numeric_limits<int64_t>::max() - digit) / 10) return false;
    value = value * 10 + digit;
  }
  return true;
}

int64_t power_of_ten(int exponent) {
  int64_t value = 1;
  for (int i = 0; i < exponent; ++i) value *= 10;
  return value;
}

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Why a period-shaped literal is not a period, for the message; empty if we
// have nothing more specific than "not a valid period" (a year out of the
// calendar's range, a malformed suffix).
std::string period_problem(std::string_view text) {
  if (text.size() < 6 || !all_digits(text.substr(0, 4))) return {};
  int year = (text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10 + (text[3] - '0');
  std::string_view rest = text.substr(5);
  char kind = rest[0];
  std::string_view number = rest.substr(1);
  auto two_digits = [](std::string_view digits) { return (digits[0] - '0') * 10 + (digits[1] - '0'); };
  if (kind == 'W' || kind == 'w') {
    if (!all_digits(number)) return {};
    if (number.size() == 1) return "(write weeks with two digits, e.g. " + std::string(text.substr(0, 4)) + "-W05)";
    if (number.size() != 2) return {};
    int week = two_digits(number);
    if (week < 1 || week > 53) return "(weeks run from W01 to W52 or W53)";
    // ISO 8601: a year has 52 or 53 weeks (53 when it starts or, in a leap
    // year, ends on a Thursday). Only ask the calendar about years it holds.
    if (Period::parse(std::string(text.substr(0, 4)) + "-W01")) {
      int weeks = iso_weeks_in_year(year);
      if (week > weeks) return "(" + std::to_string(year) + " has " + std::to_string(weeks) + " ISO weeks)";
    }
    return {};
  }
  if (kind == 'Q' || kind == 'q') {
    if (number.size() == 1 && all_digits(number) && (number[0] < '1' || number[0] > '4')) {
      return "(quarters run from Q1 to Q4)";
    }
    return {};
  }
  if (rest.size() == 2 && all_digits(rest) && (two_digits(rest) < 1 || two_digits(rest) > 12)) {
    return "(months run from 01 to 12)";
  }
  return {};
}

std::optional<DurationUnit> unit_of(std::string_view word) {
  if (word == "day" || word == "days") return DurationUnit::kDay;
  if (word == "week" || word == "weeks") return DurationUnit::kWeek;
  if (word == "month" || word == "months") return DurationUnit::kMonth;
  if (word == "quarter" || word == "quarters") return DurationUnit::kQuarter;
  if (word == "year" || word == "years") return DurationUnit::kYear;
  return std::nullopt;
}

std::optional<BinaryOp> comparison_of(TokenKind kind) {
  switch (kind) {
    case TokenKind::kEqual: return BinaryOp::kEqual;
    case TokenKind::kNotEqual: return BinaryOp::kNotEqual;
    case TokenKind::kLess: return BinaryOp::kLess;
    case TokenKind::kLessEqual: return BinaryOp::kLessEqual;
    case TokenKind::kGreater: return BinaryOp::kGreater;
    case TokenKind::kGreaterEqual: return BinaryOp::kGreaterEqual;
    default: return std::nullopt;
  }
}

bool is_word(TokenKind kind) { return kind == TokenKind::kIdentifier || is_keyword(kind); }

class Parser {
 public:
  Parser(std::string_view text, const ExprOrigin& where, Diagnostics& diagnostics)
      : text_(text), tokens_(tokenize(text, where)), diagnostics_(diagnostics) {}

  ExprPtr run() {
    int errors_before = diagnostics_.error_count();
    ExprPtr expr = parse_expr();
    if (expr && !at(TokenKind::kEnd)) expr = fail_here(unexpected(current()));
    if (failed_ || diagnostics_.error_count() > errors_before) return nullptr;
    return expr;
  }

 private:
  // Restores the depth when a parse function returns, however many levels
  // its operator chain added.
  class DepthScope {
   public:
    explicit DepthScope(int& depth) : depth_(depth), saved_(depth) {}
    ~DepthScope() { depth_ = saved_; }
    DepthScope(const DepthScope&) = delete;
    DepthScope& operator=(const DepthScope&) = delete;

   private:
    int& depth_;
    int saved_;
  };

  // ---- tokens ----
  const Token& current() const { return tokens_[pos_]; }
  const Token& ahead(std::size_t count) const { return tokens_[std::min(pos_ + count, tokens_.size() - 1)]; }
  bool at(TokenKind kind) const { return current().kind == kind; }
  void advance() {
    if (pos_ + 1 < tokens_.size()) ++pos_;
  }
  bool accept(TokenKind kind) {
    if (!at(kind)) return false;
    advance();
    return true;
  }

  // The span from tokens_[start] to the last consumed token. A node spanning
  // several lines is underlined to the end of its first line.
  SourceSpan span_from(std::size_t start) const {
    const Token& first = tokens_[start];
    const Token& last = tokens_[std::max(start, pos_ > 0 ? pos_ - 1 : 0)];
    SourceSpan span = first.span;
    std::size_t end = std::max(last.offset + last.text.size(), first.offset + first.text.size());
    std::size_t newline = text_.find('\n', first.offset);
    if (newline != std::string_view::npos && newline < end) {
      end = newline;
      while (end > first.offset && (text_[end - 1] == ' ' || text_[end - 1] == '\t' || text_[end - 1] == '\r')) --end;
    }
    span.length = std::max(1, code_point_count(text_.substr(first.offset, end - first.offset)));
    return span;
  }

  ExprPtr make(ExprKind kind, std::size_t start) const {
    auto expr = std::make_unique<Expr>();
    expr->kind = kind;
    expr->span = span_from(start);
    return expr;
  }

  // ---- errors ----
  // A problem that does not derail the parse (a bad literal value).
  void report(SourceSpan span, std::string message) { diagnostics_.error(std::move(span), std::move(message)); }

  // A syntax error: reported once, then every parse function unwinds.
  ExprPtr fail(SourceSpan span, std::string message) {
    if (!failed_) report(std::move(span), std::move(message));
    failed_ = true;
    return nullptr;
  }

  // A syntax error at the current token; a lexical error there is the real
  // problem and wins over what the grammar expected.
  ExprPtr fail_here(std::string message) {
    const Token& token = current();
    if (token.kind == TokenKind::kError) return fail(token.span, token.value);
    return fail(token.span, std::move(message));
  }

  static std::string unexpected(const Token& token) {
    if (token.kind == TokenKind::kEnd) return "unexpected end of expression";
    return "unexpected token '" + std::string(token.text) + "'";
  }

  std::string where_opened(const Token& open) const {
    if (open.span.line != current().span.line) {
      return "line " + std::to_string(open.span.line) + ", column " + std::to_string(open.span.column);
    }
    return "column " + std::to_string(open.span.column);
  }

  ExprPtr fail_unclosed(const Token& open, std::string_view close) {
    return fail_here("expected '" + std::string(close) + "' to close '" + std::string(open.text) + "' opened at " +
                     where_opened(open));
  }

  // One more level of nesting; false (and reported) beyond kMaxDepth.
  bool descend() {
    if (++depth_ <= kMaxDepth) return true;
    fail(current().span, "expression nested too deeply");
    return false;
  }

  // ---- grammar ----
  // expr := 'if' expr 'then' expr 'else' expr | or
  ExprPtr parse_expr() {
    DepthScope scope(depth_);
    if (!descend()) return nullptr;
    if (!at(TokenKind::kIf)) return parse_or();
    std::size_t start = pos_;
    const Token& if_token = current();
    advance();
    ExprPtr condition = parse_expr();
    if (!condition) return nullptr;
    if (!accept(TokenKind::kThen)) {
      return fail_here("expected 'then' after the condition of the 'if' at " + where_opened(if_token));
    }
    ExprPtr then_branch = parse_expr();
    if (!then_branch) return nullptr;
    if (!accept(TokenKind::kElse)) {
      return fail_here("expected 'else' after the 'then' branch of the 'if' at " + where_opened(if_token));
    }
    ExprPtr else_branch = parse_expr();
    if (!else_branch) return nullptr;
    ExprPtr expr = make(ExprKind::kIf, start);
    expr->operands.push_back(std::move(condition));
    expr->operands.push_back(std::move(then_branch));
    expr->operands.push_back(std::move(else_branch));
    return expr;
  }

  // A left-associative chain: operand (op operand)*, for 'or', 'and', + -, * /.
  template <typename Operand, typename OperatorOf>
  ExprPtr parse_chain(Operand operand, OperatorOf operator_of) {
    DepthScope scope(depth_);
    std::size_t start = pos_;
    ExprPtr left = (this->*operand)();
    while (left) {
      std::optional<BinaryOp> op = operator_of(current().kind);
      if (!op) break;
      if (!descend()) return nullptr;
      advance();
      ExprPtr right = (this->*operand)();
      if (!right) return nullptr;
      ExprPtr node = make(ExprKind::kBinary, start);
      node->binary_op = *op;
      node->operands.push_back(std::move(left));
      node->operands.push_back(std::move(right));
      left = std::move(node);
    }
    return left;
  }

  ExprPtr parse_or() {
    return parse_chain(&Parser::parse_and, [](TokenKind kind) -> std::optional<BinaryOp> {
      if (kind == TokenKind::kOr) return BinaryOp::kOr;
      return std::nullopt;
    });
  }

  ExprPtr parse_and() {
    return parse_chain(&Parser::parse_not, [](TokenKind kind) -> std::optional<BinaryOp> {
      if (kind == TokenKind::kAnd) return BinaryOp::kAnd;
      return std::nullopt;
    });
  }

  // not := 'not' not | compare
  ExprPtr parse_not() {
    if (!at(TokenKind::kNot)) return parse_compare();
    DepthScope scope(depth_);
    if (!descend()) return nullptr;
    std::size_t start = pos_;
    advance();
    ExprPtr operand = parse_not();
    if (!operand) return nullptr;
    ExprPtr expr = make(ExprKind::kUnary, start);
    expr->unary_op = UnaryOp::kNot;
    expr->operands.push_back(std::move(operand));
    return expr;
  }

  bool at_comparison() const {
    TokenKind kind = current().kind;
    return comparison_of(kind) || kind == TokenKind::kIn || kind == TokenKind::kIs ||
           (kind == TokenKind::kNot && ahead(1).kind == TokenKind::kIn);
  }

  // compare := sum [ op sum | ['not'] 'in' list | 'is' ['not'] 'null' ]
  ExprPtr parse_compare() {
    std::size_t start = pos_;
    ExprPtr left = parse_sum();
    if (!left || !at_comparison()) return left;
    ExprPtr expr;
    if (std::optional<BinaryOp> op = comparison_of(current().kind)) {
      advance();
      ExprPtr right = parse_sum();
      if (!right) return nullptr;
      expr = make(ExprKind::kBinary, start);
      expr->binary_op = *op;
      expr->operands.push_back(std::move(left));
      expr->operands.push_back(std::move(right));
    } else if (at(TokenKind::kIs)) {
      advance();
      bool negated = accept(TokenKind::kNot);
      if (!accept(TokenKind::kNull)) {
        return fail_here(negated ? "expected 'null' after 'is not'" : "expected 'null' or 'not null' after 'is'");
      }
      expr = make(ExprKind::kIsNull, start);
      expr->negated = negated;
      expr->operands.push_back(std::move(left));
    } else {
      bool negated = accept(TokenKind::kNot);
      advance();  // 'in'
      if (!at(TokenKind::kLeftBracket)) {
        return fail_here("expected a list after 'in', like [\"school\", \"rural\"]");
      }
      ExprPtr list = parse_list();
      if (!list) return nullptr;
      expr = make(ExprKind::kIn, start);
      expr->negated = negated;
      expr->operands.push_back(std::move(left));
      expr->operands.push_back(std::move(list));
    }
    if (at_comparison()) {
      return fail_here("comparisons do not chain: join them with 'and' (a < b and b < c)");
    }
    return expr;
  }

  ExprPtr parse_sum() {
    return parse_chain(&Parser::parse_product, [](TokenKind kind) -> std::optional<BinaryOp> {
      if (kind == TokenKind::kPlus) return BinaryOp::kAdd;
      if (kind == TokenKind::kMinus) return BinaryOp::kSubtract;
      return std::nullopt;
    });
  }

  ExprPtr parse_product() {
    return parse_chain(&Parser::parse_unary, [](TokenKind kind) -> std::optional<BinaryOp> {
      if (kind == TokenKind::kStar) return BinaryOp::kMultiply;
      if (kind == TokenKind::kSlash) return BinaryOp::kDivide;
      return std::nullopt;
    });
  }

  // unary := '-' unary | primary
  ExprPtr parse_unary() {
    if (!at(TokenKind::kMinus)) return parse_primary();
    DepthScope scope(depth_);
    if (!descend()) return nullptr;
    std::size_t start = pos_;
    advance();
    ExprPtr operand = parse_unary();
    if (!operand) return nullptr;
    ExprPtr expr = make(ExprKind::kUnary, start);
    expr->unary_op = UnaryOp::kNegate;
    expr->operands.push_back(std::move(operand));
    return expr;
  }

  ExprPtr parse_primary() {
    std::size_t start = pos_;
    const Token& token = current();
    switch (token.kind) {
      case TokenKind::kInteger:
      case TokenKind::kDecimal:
        return parse_number_or_duration();
      case TokenKind::kPercent:
        return literal_node(percent(token), start);
      case TokenKind::kString: {
        Literal literal;
        literal.kind = LiteralKind::kString;
        literal.text = token.value;
        advance();
        return literal_node(std::move(literal), start);
      }
      case TokenKind::kDate:
        return literal_node(date(token), start);
      case TokenKind::kPeriod:
        return literal_node(period(token), start);
      case TokenKind::kTrue:
      case TokenKind::kFalse: {
        Literal literal;
        literal.kind = LiteralKind::kBool;
        literal.numerator = token.kind == TokenKind::kTrue ? 1 : 0;
        advance();
        return literal_node(std::move(literal), start);
      }
      case TokenKind::kNull:
        advance();
        return literal_node(Literal{}, start);
      case TokenKind::kLast:
        return parse_last();
      case TokenKind::kIdentifier:
        return parse_name_or_call();
      case TokenKind::kLeftParen:
        return parse_group();
      case TokenKind::kLeftBracket:
        return parse_list();
      default:
        return fail_expected_expression();
    }
  }

  // The current token cannot start an expression.
  ExprPtr fail_expected_expression() {
    const Token& token = current();
    if (token.kind == TokenKind::kNot) {
      return fail_here("'not' cannot appear here; put the negation in parentheses: (not ...)");
    }
    if (token.kind == TokenKind::kIf) {
      return fail_here("'if' cannot appear here; put it in parentheses: (if ... then ... else ...)");
    }
    if (pos_ == 0) {
      return fail_here(token.kind == TokenKind::kEnd ? "expected an expression" : unexpected(token));
    }
    return fail_here("expected an expression after '" + std::string(tokens_[pos_ - 1].text) + "'");
  }

  ExprPtr literal_node(Literal literal, std::size_t start) {
    ExprPtr expr = make(ExprKind::kLiteral, start);
    expr->literal = std::move(literal);
    return expr;
  }

  // integer | decimal | integer unit (a duration). A decimal before a unit is
  // reported but consumed, so the parse goes on.
  ExprPtr parse_number_or_duration() {
    std::size_t start = pos_;
    const Token& number = current();
    Literal literal;
    if (number.kind == TokenKind::kInteger) {
      literal.kind = LiteralKind::kInteger;
      if (!accumulate(number.text, literal.numerator)) report(number.span, "integer literal out of range");
    } else {
      literal = decimal(number);
    }
    advance();
    std::optional<DurationUnit> unit = parse_unit();
    if (failed_) return nullptr;
    if (!unit) return literal_node(std::move(literal), start);
    if (number.kind != TokenKind::kInteger) {
      report(span_from(start), "a duration counts whole units: '" + std::string(number.text) + "' is not an integer");
    }
    Literal duration;
    duration.kind = LiteralKind::kDuration;
    duration.duration.count = literal.numerator;
    duration.duration.unit = *unit;
    return literal_node(std::move(duration), start);
  }

  // A unit word after a number, consumed if present.
  std::optional<DurationUnit> parse_unit() {
    if (!at(TokenKind::kIdentifier)) return std::nullopt;
    std::string_view word = current().text;
    if (word == "working") {
      advance();
      if (at(TokenKind::kIdentifier) && (current().text == "day" || current().text == "days")) {
        advance();
        return DurationUnit::kWorkingDay;
      }
      fail_here("expected 'day' or 'days' after 'working'");
      return std::nullopt;
    }
    std::optional<DurationUnit> unit = unit_of(word);
    if (unit) advance();
    return unit;
  }

  // 'last' integer unit
  ExprPtr parse_last() {
    std::size_t start = pos_;
    advance();
    if (!at(TokenKind::kInteger)) return fail_here("expected a duration after 'last', like 'last 3 months'");
    ExprPtr duration = parse_number_or_duration();
    if (!duration) return nullptr;
    if (duration->literal.kind != LiteralKind::kDuration) {
      return fail_here("expected a unit (days, working days, weeks, months, quarters, years) after 'last " +
                       std::string(tokens_[start + 1].text) + "'");
    }
    ExprPtr expr = make(ExprKind::kLastWindow, start);
    expr->literal = std::move(duration->literal);
    return expr;
  }

  Literal decimal(const Token& token) {
    Literal literal;
    literal.kind = LiteralKind::kDecimal;
    std::size_t point = token.text.find('.');
    std::string_view whole = token.text.substr(0, point);
    std::string_view fraction = token.text.substr(point + 1);
    int scale = static_cast<int>(std::min<std::size_t>(fraction.size(), kMaxScale + 1));
    if (scale > kMaxScale || !accumulate(whole, literal.numerator) || !accumulate(fraction, literal.numerator)) {
      report(token.span, "decimal literal out of range");
      literal.numerator = 0;
      return literal;
    }
    literal.denominator = power_of_ten(scale);
    return literal;
  }

  Literal percent(const Token& token) {
    Literal literal;
    literal.kind = LiteralKind::kPercent;
    std::string_view number = token.text.substr(0, token.text.size() - 1);
    std::size_t point = number.find('.');
    std::string_view whole = number.substr(0, point);
    std::string_view fraction = point == std::string_view::npos ? std::string_view() : number.substr(point + 1);
    // 95.5% = 955 / 1000: the percent's own hundred joins the decimal scale.
    int scale = static_cast<int>(std::min<std::size_t>(fraction.size(), kMaxScale)) + 2;
    if (scale > kMaxScale || !accumulate(whole, literal.numerator) || !accumulate(fraction, literal.numerator)) {
      report(token.span, "percentage out of range");
      literal.numerator = 0;
    } else {
      literal.denominator = power_of_ten(scale);
    }
    advance();
    return literal;
  }

  Literal date(const Token& token) {
    Literal literal;
    literal.kind = LiteralKind::kDate;
    if (std::optional<Date> parsed = Date::parse(token.text)) {
      literal.date = *parsed;
    } else {
      report(token.span, "'" + std::string(token.text) + "' is not a valid date" +
                             (Date::is_out_of_range_text(token.text)
                                  ? " (outside the supported dates " + std::string(kSupportedDates) + ")"
                                  : ""));
    }
    advance();
    return literal;
  }

  Literal period(const Token& token) {
    Literal literal;
    literal.kind = LiteralKind::kPeriod;
    if (std::optional<Period> parsed = Period::parse(token.text)) {
      literal.period = *parsed;
    } else {
      std::string problem = Period::is_out_of_range_text(token.text)
                                ? "(outside the supported dates " + std::string(kSupportedDates) + ")"
                                : period_problem(token.text);
      report(token.span, "'" + std::string(token.text) + "' is not a valid period" +
                             (problem.empty() ? "" : " " + problem));
    }
    advance();
    return literal;
  }

  // name := ident ('.' ident)*     call := ident '(' [arg (',' arg)*] ')'
  ExprPtr parse_name_or_call() {
    std::size_t start = pos_;
    std::vector<std::string> path{std::string(current().text)};
    advance();
    while (at(TokenKind::kDot)) {
      advance();
      // After a dot any word is a part, keywords included (`period.last`).
      if (!is_word(current().kind)) return fail_here("expected a name after '.'");
      path.emplace_back(current().text);
      advance();
    }
    if (!at(TokenKind::kLeftParen)) {
      ExprPtr expr = make(ExprKind::kName, start);
      expr->path = std::move(path);
      return expr;
    }
    if (path.size() > 1) {
      return fail(span_from(start), "only a plain function name can be called, not '" +
                                        std::string(text_.substr(tokens_[start].offset,
                                                                 current().offset - tokens_[start].offset)) +
                                        "'");
    }
    return parse_call_arguments(start, std::move(path));
  }

  ExprPtr parse_call_arguments(std::size_t start, std::vector<std::string> path) {
    DepthScope scope(depth_);
    if (!descend()) return nullptr;
    const Token& open = current();
    advance();
    std::vector<ExprPtr> positional;
    std::vector<NamedArg> named;
    if (!accept(TokenKind::kRightParen)) {
      while (true) {
        if (at(TokenKind::kIdentifier) && ahead(1).kind == TokenKind::kColon) {
          NamedArg argument;
          argument.name = std::string(current().text);
          argument.name_span = current().span;
          advance();
          advance();
          argument.value = parse_expr();
          if (!argument.value) return nullptr;
          for (const auto& earlier : named) {
            if (earlier.name == argument.name) {
              report(argument.name_span, "argument '" + argument.name + "' given twice");
              break;
            }
          }
          named.push_back(std::move(argument));
        } else {
          std::size_t argument_start = pos_;
          ExprPtr value = parse_expr();
          if (!value) return nullptr;
          if (!named.empty()) {
            report(span_from(argument_start), "positional argument after named argument '" + named.back().name + "'");
          }
          positional.push_back(std::move(value));
        }
        if (accept(TokenKind::kComma)) continue;
        if (accept(TokenKind::kRightParen)) break;
        return fail_unclosed(open, ")");
      }
    }
    ExprPtr expr = make(ExprKind::kCall, start);
    expr->path = std::move(path);
    expr->operands = std::move(positional);
    expr->named = std::move(named);
    return expr;
  }

  // '(' expr ')': no node of its own.
  ExprPtr parse_group() {
    const Token& open = current();
    advance();
    ExprPtr inner = parse_expr();
    if (!inner) return nullptr;
    if (!accept(TokenKind::kRightParen)) return fail_unclosed(open, ")");
    return inner;
  }

  // list := '[' [expr (',' expr)*] ']'
  ExprPtr parse_list() {
    DepthScope scope(depth_);
    if (!descend()) return nullptr;
    std::size_t start = pos_;
    const Token& open = current();
    advance();
    std::vector<ExprPtr> items;
    if (!accept(TokenKind::kRightBracket)) {
      while (true) {
        ExprPtr item = parse_expr();
        if (!item) return nullptr;
        items.push_back(std::move(item));
        if (accept(TokenKind::kComma)) continue;
        if (accept(TokenKind::kRightBracket)) break;
        return fail_unclosed(open, "]");
      }
    }
    ExprPtr expr = make(ExprKind::kList, start);
    expr->operands = std::move(items);
    return expr;
  }

  std::string_view text_;
  std::vector<Token> tokens_;
  Diagnostics& diagnostics_;
  std::size_t pos_ = 0;
  int depth_ = 0;
  bool failed_ = false;
};

}  // namespace

ExprPtr parse_expression(std::string_view text, const ExprOrigin& where, Diagnostics& diagnostics) {
  return Parser(text, where, diagnostics).run();
}

}  // namespace cadence::lang

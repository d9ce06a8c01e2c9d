#include "engine/lang/parser.h"

#include <doctest/doctest.h>

#include <string>

namespace cadence::lang {
namespace {

ExprOrigin origin_at(int line, int column, int continuation_column = 1) {
  ExprOrigin where;
  where.origin.file = "pack.yaml";
  where.origin.line = line;
  where.origin.column = column;
  where.continuation_column = continuation_column;
  return where;
}

// The prefix form of a valid expression; fails the test on any diagnostic.
std::string parsed(std::string_view text) {
  Diagnostics diagnostics;
  ExprPtr expr = parse_expression(text, origin_at(1, 1), diagnostics);
  INFO(text, render_all(diagnostics));
  CHECK(diagnostics.empty());
  REQUIRE(expr != nullptr);
  return to_string(*expr);
}

// The single error of an invalid expression, as "col: message".
std::string error_of(std::string_view text) {
  Diagnostics diagnostics;
  ExprPtr expr = parse_expression(text, origin_at(1, 1), diagnostics);
  INFO(text);
  CHECK(expr == nullptr);
  REQUIRE(diagnostics.size() == 1);
  const Diagnostic& d = diagnostics.items()[0];
  CHECK(d.severity == Severity::kError);
  return std::to_string(d.span.column) + ": " + d.message;
}

ExprPtr parse_ok(std::string_view text, const ExprOrigin& where) {
  Diagnostics diagnostics;
  ExprPtr expr = parse_expression(text, where, diagnostics);
  INFO(text, render_all(diagnostics));
  REQUIRE(expr != nullptr);
  return expr;
}

TEST_CASE("precedence: or < and < not < comparison < + - < * / < unary minus") {
  CHECK(parsed("a or b and c") == "(or (name a) (and (name b) (name c)))");
  CHECK(parsed("not a == b and c") == "(and (not (== (name a) (name b))) (name c))");
  CHECK(parsed("a + b * c < d - e / f") ==
        "(< (+ (name a) (* (name b) (name c))) (- (name d) (/ (name e) (name f))))");
  CHECK(parsed("-a * b") == "(* (- (name a)) (name b))");
  CHECK(parsed("(a + b) * c") == "(* (+ (name a) (name b)) (name c))");
  CHECK(parsed("not not a") == "(not (not (name a)))");
  CHECK(parsed("- -1") == "(- (- 1))");
}

TEST_CASE("binary operators associate to the left") {
  CHECK(parsed("a - b - c") == "(- (- (name a) (name b)) (name c))");
  CHECK(parsed("a / b * c") == "(* (/ (name a) (name b)) (name c))");
  CHECK(parsed("a or b or c") == "(or (or (name a) (name b)) (name c))");
  CHECK(parsed("a and b and c") == "(and (and (name a) (name b)) (name c))");
}

TEST_CASE("numbers are exact and keep their written scale") {
  Diagnostics diagnostics;
  auto check_fraction = [&](std::string_view text, LiteralKind kind, int64_t numerator, int64_t denominator) {
    ExprPtr expr = parse_expression(text, origin_at(1, 1), diagnostics);
    REQUIRE(expr != nullptr);
    CHECK(expr->literal.kind == kind);
    CHECK(expr->literal.numerator == numerator);
    CHECK(expr->literal.denominator == denominator);
  };
  check_fraction("42", LiteralKind::kInteger, 42, 1);
  check_fraction("0.6", LiteralKind::kDecimal, 6, 10);
  check_fraction("0.60", LiteralKind::kDecimal, 60, 100);
  check_fraction("3.25", LiteralKind::kDecimal, 325, 100);
  check_fraction("60%", LiteralKind::kPercent, 60, 100);
  check_fraction("95.5%", LiteralKind::kPercent, 955, 1000);
  check_fraction("9223372036854775807", LiteralKind::kInteger, 9223372036854775807, 1);
  CHECK(diagnostics.empty());
  CHECK(parsed("0.6") == "0.6");
  CHECK(parsed("0.60") == "0.60");
  CHECK(parsed("0.05") == "0.05");
  CHECK(parsed("60%") == "60%");
  CHECK(parsed("95.5%") == "95.5%");
  CHECK(parsed("0.5%") == "0.5%");
}

TEST_CASE("strings, booleans and null") {
  CHECK(parsed(R"('theme_day')") == R"("theme_day")");
  CHECK(parsed(R"("say \"hi\"\n")") == R"("say \"hi\"\n")");
  CHECK(parsed(R"('it\'s')") == R"("it's")");
  CHECK(parsed("\"主题团日\"") == "\"主题团日\"");
  CHECK(parsed("true") == "true");
  CHECK(parsed("false") == "false");
  CHECK(parsed("null") == "null");
  Diagnostics diagnostics;
  ExprPtr expr = parse_expression("'团日'", origin_at(1, 1), diagnostics);
  REQUIRE(expr != nullptr);
  CHECK(expr->literal.kind == LiteralKind::kString);
  CHECK(expr->literal.text == "团日");
}

TEST_CASE("dates and periods print in canonical form") {
  CHECK(parsed("2023-08-31") == "2023-08-31");
  CHECK(parsed("2023-W10") == "2023-W10");
  CHECK(parsed("2023-03") == "2023-03");
  CHECK(parsed("2023-Q1") == "2023-Q1");
  CHECK(parsed("2020-W53") == "2020-W53");
  CHECK(parsed("completed_on <= 2023-12-31") == "(<= (name completed_on) 2023-12-31)");
  Diagnostics diagnostics;
  ExprPtr expr = parse_expression("2023-Q1", origin_at(1, 1), diagnostics);
  REQUIRE(expr != nullptr);
  CHECK(expr->literal.kind == LiteralKind::kPeriod);
  CHECK(expr->literal.period.kind() == PeriodKind::kQuarter);
  CHECK(expr->literal.period.index() == 1);
  expr = parse_expression("2023-08-31", origin_at(1, 1), diagnostics);
  REQUIRE(expr != nullptr);
  CHECK(expr->literal.date == Date::from_ymd(2023, 8, 31));
}

TEST_CASE("an integer followed by a unit word is a duration") {
  CHECK(parsed("10 days") == "10 days");
  CHECK(parsed("1 day") == "1 day");
  CHECK(parsed("5 working days") == "5 working days");
  CHECK(parsed("1 working day") == "1 working day");
  CHECK(parsed("3 months") == "3 months");
  CHECK(parsed("1 year") == "1 year");
  CHECK(parsed("2 weeks") == "2 weeks");
  CHECK(parsed("1 quarter") == "1 quarter");
  CHECK(parsed("1 days") == "1 day");  // canonical: the unit agrees with the count
  Diagnostics diagnostics;
  ExprPtr expr = parse_expression("5 working days", origin_at(1, 1), diagnostics);
  REQUIRE(expr != nullptr);
  CHECK(expr->literal.kind == LiteralKind::kDuration);
  CHECK(expr->literal.duration.count == 5);
  CHECK(expr->literal.duration.unit == DurationUnit::kWorkingDay);
  CHECK(expr->span.length == 14);
}

TEST_CASE("'last' makes a window from a duration") {
  CHECK(parsed("last 3 months") == "(last 3 months)");
  Diagnostics diagnostics;
  ExprPtr expr = parse_expression("last 2 weeks", origin_at(1, 1), diagnostics);
  REQUIRE(expr != nullptr);
  CHECK(expr->kind == ExprKind::kLastWindow);
  CHECK(expr->literal.duration.count == 2);
  CHECK(expr->literal.duration.unit == DurationUnit::kWeek);
  CHECK(expr->span.length == 12);
}

TEST_CASE("calls take positional then named arguments") {
  CHECK(parsed("count(activities, where: type == \"theme_day\", over: subtree, window: last 3 months)") ==
        "(call count (name activities) where: (== (name type) \"theme_day\") over: (name subtree) "
        "window: (last 3 months))");
  CHECK(parsed("sum(study.learners, where: type == \"theme_day\")") ==
        "(call sum (name study.learners) where: (== (name type) \"theme_day\"))");
  CHECK(parsed("now()") == "(call now)");
  CHECK(parsed("ratio(done, graduates, on_zero: skip)") ==
        "(call ratio (name done) (name graduates) on_zero: (name skip))");
  Diagnostics diagnostics;
  ExprPtr expr = parse_expression("f(a, where: b)", origin_at(1, 1), diagnostics);
  REQUIRE(expr != nullptr);
  REQUIRE(expr->named.size() == 1);
  CHECK(expr->named[0].name == "where");
  CHECK(expr->named[0].name_span.column == 6);
  CHECK(expr->named[0].name_span.length == 5);
}

TEST_CASE("dotted names keep their parts") {
  Diagnostics diagnostics;
  ExprPtr expr = parse_expression("study.weekly_rate", origin_at(1, 1), diagnostics);
  REQUIRE(expr != nullptr);
  CHECK(expr->kind == ExprKind::kName);
  CHECK(expr->path == std::vector<std::string>{"study", "weekly_rate"});
  CHECK(expr->dotted_name() == "study.weekly_rate");
  CHECK(parsed("org.name") == "(name org.name)");
  CHECK(parsed("period.end") == "(name period.end)");
  CHECK(parsed("period.last") == "(name period.last)");  // after a dot, keywords are plain parts
}

TEST_CASE("lists, in and not in") {
  CHECK(parsed("org.category in [\"school\", \"rural\"]") ==
        "(in (name org.category) (list \"school\" \"rural\"))");
  CHECK(parsed("org.category not in ['school']") == "(not-in (name org.category) (list \"school\"))");
  CHECK(parsed("x in []") == "(in (name x) (list))");
  CHECK(parsed("[1, 2 + 3]") == "(list 1 (+ 2 3))");
  CHECK(parsed("not x in [1]") == "(not (in (name x) (list 1)))");
}

TEST_CASE("is null and is not null") {
  CHECK(parsed("x is null") == "(is-null (name x))");
  CHECK(parsed("org.secretary is not null") == "(is-not-null (name org.secretary))");
  CHECK(parsed("a is null or b") == "(or (is-null (name a)) (name b))");
}

TEST_CASE("if then else") {
  CHECK(parsed("if a then 1 else 2") == "(if (name a) 1 2)");
  CHECK(parsed("if org.secretary is null then 0 else 1") == "(if (is-null (name org.secretary)) 0 1)");
  CHECK(parsed("if a then if b then 1 else 2 else 3") == "(if (name a) (if (name b) 1 2) 3)");
  CHECK(parsed("(if a then 1 else 2) + 1") == "(+ (if (name a) 1 2) 1)");
}

TEST_CASE("a node's span covers its text, in file columns") {
  // value: learners / active < 60%   (expression starts at column 8)
  ExprPtr expr = parse_ok("learners / active < 60%", origin_at(12, 8));
  CHECK(expr->span.line == 12);
  CHECK(expr->span.column == 8);
  CHECK(expr->span.length == 23);
  const Expr& ratio = *expr->operands[0];
  CHECK(ratio.span.column == 8);
  CHECK(ratio.span.length == 17);
  const Expr& active = *ratio.operands[1];
  CHECK(active.span.column == 19);
  CHECK(active.span.length == 6);
  CHECK(expr->operands[1]->span.column == 28);
  CHECK(expr->operands[1]->span.length == 3);
}

TEST_CASE("columns after Chinese text in a string count code points") {
  ExprPtr expr = parse_ok("title == \"主题团日\" and x", origin_at(3, 5));
  const Expr& title = *expr->operands[0];
  CHECK(title.span.length == 15);  // title == "主题团日"
  const Expr& x = *expr->operands[1];
  CHECK(x.span.column == 5 + 20);
}

TEST_CASE("in a multi-line block, lines after the first start at the continuation column") {
  // where: |
  //     count(activities,
  //       where: type == "lesson")
  ExprPtr expr = parse_ok("count(activities,\n  where: type == \"lesson\")\n", origin_at(2, 5, 5));
  CHECK(expr->span.line == 2);
  CHECK(expr->span.column == 5);
  CHECK(expr->span.length == 17);  // to the end of the first line
  REQUIRE(expr->named.size() == 1);
  CHECK(expr->named[0].name_span.line == 3);
  CHECK(expr->named[0].name_span.column == 7);
  const Expr& type = *expr->named[0].value->operands[0];
  CHECK(type.span.line == 3);
  CHECK(type.span.column == 14);
}

TEST_CASE("syntax errors name the exact column") {
  CHECK(error_of("count(activities, where: (a + b") == "32: expected ')' to close '(' opened at column 26");
  CHECK(error_of("sum(study.learners, x") == "22: expected ')' to close '(' opened at column 4");
  CHECK(error_of("x in [1, 2") == "11: expected ']' to close '[' opened at column 6");
  CHECK(error_of("a == @") == "6: unexpected token '@'");
  CHECK(error_of("type == \"theme_day") == "9: unterminated string");
  CHECK(error_of("a and") == "6: expected an expression after 'and'");
  CHECK(error_of("a and or b") == "7: expected an expression after 'and'");
  CHECK(error_of("f(a,)") == "5: expected an expression after ','");
  CHECK(error_of("a b") == "3: unexpected token 'b'");
  CHECK(error_of(")") == "1: unexpected token ')'");
  CHECK(error_of("a < b < c") == "7: comparisons do not chain: join them with 'and' (a < b and b < c)");
  CHECK(error_of("x is 3") == "6: expected 'null' or 'not null' after 'is'");
  CHECK(error_of("x in y") == "6: expected a list after 'in', like [\"school\", \"rural\"]");
  CHECK(error_of("if a then 1") == "12: expected 'else' after the 'then' branch of the 'if' at column 1");
  CHECK(error_of("if a 1 else 2") == "6: expected 'then' after the condition of the 'if' at column 1");
  CHECK(error_of("last 3") == "7: expected a unit (days, working days, weeks, months, quarters, years) after 'last 3'");
  CHECK(error_of("last x") == "6: expected a duration after 'last', like 'last 3 months'");
  CHECK(error_of("3 working hours") == "11: expected 'day' or 'days' after 'working'");
  CHECK(error_of("a.b(1)") == "1: only a plain function name can be called, not 'a.b'");
  CHECK(error_of("a.") == "3: expected a name after '.'");
  CHECK(error_of("1 + not a") == "5: 'not' cannot appear here; put the negation in parentheses: (not ...)");
}

TEST_CASE("argument mistakes are reported at the argument") {
  CHECK(error_of("f(where: a, b)") == "13: positional argument after named argument 'where'");
  CHECK(error_of("f(x: 1, x: 2)") == "9: argument 'x' given twice");
}

TEST_CASE("empty input: expected an expression") {
  CHECK(error_of("") == "1: expected an expression");
  CHECK(error_of("   \n  ") == "1: expected an expression");
}

TEST_CASE("an error on a continuation line names its line and column") {
  Diagnostics diagnostics;
  ExprPtr expr = parse_expression("f(a,\n  b c)", origin_at(10, 9, 5), diagnostics);
  CHECK(expr == nullptr);
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics.items()[0].span.line == 11);
  CHECK(diagnostics.items()[0].span.column == 9);
  CHECK(diagnostics.items()[0].message == "expected ')' to close '(' opened at line 10, column 10");
}

TEST_CASE("literal values that do not exist are reported at the literal") {
  CHECK(error_of("d == 2023-02-30") == "6: '2023-02-30' is not a valid date");
  CHECK(error_of("2023-02-3") == "1: '2023-02-3' is not a valid date");
  CHECK(error_of("w == 2023-W53") == "6: '2023-W53' is not a valid period (2023 has 52 ISO weeks)");
  CHECK(error_of("2023-W00") == "1: '2023-W00' is not a valid period (weeks run from W01 to W52 or W53)");
  CHECK(error_of("2023-13") == "1: '2023-13' is not a valid period (months run from 01 to 12)");
  CHECK(error_of("2023-Q5") == "1: '2023-Q5' is not a valid period (quarters run from Q1 to Q4)");
  CHECK(error_of("0000-W53") ==
        "1: '0000-W53' is not a valid period (outside the supported dates 1900-01-01..2199-12-31)");
  CHECK(error_of("d == 9999-12-31") ==
        "6: '9999-12-31' is not a valid date (outside the supported dates 1900-01-01..2199-12-31)");
  CHECK(error_of("p == 1899-12") == "6: '1899-12' is not a valid period (outside the supported dates 1900-01-01..2199-12-31)");
  CHECK(error_of("2023-W5") == "1: '2023-W5' is not a valid period (write weeks with two digits, e.g. 2023-W05)");
  CHECK(error_of("9223372036854775808") == "1: integer literal out of range");
  CHECK(error_of("x + 99999999999999999999 days") == "5: integer literal out of range");
  CHECK(error_of("0.1234567890123456789") == "1: decimal literal out of range");
  CHECK(error_of("100000000000000000000%") == "1: percentage out of range");
  CHECK(error_of("1.5 days") == "1: a duration counts whole units: '1.5' is not an integer");
}

TEST_CASE("every bad literal is reported, not only the first, but a syntax error stops the parse") {
  Diagnostics diagnostics;
  ExprPtr expr = parse_expression("a == 2023-02-30 or b == 2023-W54 or (c", origin_at(1, 1), diagnostics);
  CHECK(expr == nullptr);
  REQUIRE(diagnostics.size() == 3);
  CHECK(diagnostics.items()[0].span.column == 6);
  CHECK(diagnostics.items()[1].span.column == 25);
  CHECK(diagnostics.items()[2].message == "expected ')' to close '(' opened at column 37");
}

TEST_CASE("nesting is capped with a diagnostic, not a stack overflow") {
  std::string deep(5000, '(');
  deep += "1";
  deep += std::string(5000, ')');
  Diagnostics diagnostics;
  CHECK(parse_expression(deep, origin_at(1, 1), diagnostics) == nullptr);
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics.items()[0].message == "expression nested too deeply");

  std::string negations;
  for (int i = 0; i < 3000; ++i) negations += "not ";
  negations += std::string(3000, '-');
  Diagnostics more;
  CHECK(parse_expression(negations + "1", origin_at(1, 1), more) == nullptr);
  CHECK(more.items().at(0).message == "expression nested too deeply");

  std::string chain = "1";
  for (int i = 0; i < 5000; ++i) chain += " + 1";
  Diagnostics long_chain;
  CHECK(parse_expression(chain, origin_at(1, 1), long_chain) == nullptr);
  CHECK(long_chain.items().at(0).message == "expression nested too deeply");

  std::string modest(100, '(');
  modest += "1";
  modest += std::string(100, ')');
  CHECK(parsed(modest) == "1");
}

TEST_CASE("the benchmark pack's expressions parse") {
  CHECK(parsed("org.kind == \"branch\" and active >= 1") ==
        "(and (== (name org.kind) \"branch\") (>= (name active) 1))");
  CHECK(parsed("count(members, over: subtree, where: within(graduation_date, period) and "
               "exists(transfers, where: kind == \"school_to_community\" and completed_on <= period.end))") ==
        "(call count (name members) over: (name subtree) where: (and (call within (name graduation_date) "
        "(name period)) (call exists (name transfers) where: (and (== (name kind) \"school_to_community\") "
        "(<= (name completed_on) (name period.end))))))");
  CHECK(parsed("value < 60%") == "(< (name value) 60%)");
}

}  // namespace
}  // namespace cadence::lang

// A builtin bound and executed on its own: the text is bound like a rule's
// expression (no record sets), and executed through a CallFrame whose
// arguments are the call's literal operands, for a batch of one item.
#pragma once

#include <doctest/doctest.h>

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "engine/eval/vector.h"
#include "engine/lang/binder.h"
#include "engine/lang/builtin.h"
#include "engine/lang/parser.h"

namespace cadence::lang::testing {

struct BoundText {
  BoundPtr expr;            // null when binding failed
  std::string diagnostics;  // rendered, one per line
};

inline BoundText bind_text(std::string_view text) {
  static const Schema schema;
  AggregateTable aggregates;
  BindEnvironment environment;
  environment.schema = &schema;
  environment.aggregates = &aggregates;
  ExprOrigin where;
  where.origin = SourceSpan{"pack.yaml", 1, 1, 1, ""};
  where.continuation_column = 1;
  Diagnostics diagnostics;
  ExprPtr parsed = parse_expression(text, where, diagnostics);
  REQUIRE(parsed != nullptr);
  BoundText result;
  result.expr = bind_expression(*parsed, environment, diagnostics);
  result.diagnostics = render_all(diagnostics);
  return result;
}

// Arguments are the call's operands, which must be literals (null included).
class LiteralCallFrame final : public CallFrame {
 public:
  explicit LiteralCallFrame(const BoundExpr& call) : call_(call), arguments_(call.operands.size()) {
    size = 1;
  }

  const Vec& argument(std::size_t k) override {
    const BoundExpr& operand = *call_.operands[k];
    REQUIRE(operand.kind == BoundKind::kConstant);
    const Constant& constant = operand.constant();
    Vec& out = arguments_[k];
    out.reset(constant.type, 1);
    switch (constant.type) {
      case Type::kNull:
        out.num.assign(1, 0);
        out.null.assign(1, 1);
        break;
      case Type::kDate: out.num[0] = constant.date.days(); break;
      case Type::kPeriod:
        out.num[0] = constant.period.ordinal();
        out.period_kind = constant.period.kind();
        break;
      default: out.set_number(0, constant.number); break;
    }
    return out;
  }
  void rule_result(const BoundExpr&, Vec&) override { FAIL("no rule results here"); }
  [[noreturn]] void out_of_range(const BoundExpr&, std::string_view result) override {
    throw std::runtime_error("out of range: " + std::string(result));
  }

 private:
  const BoundExpr& call_;
  std::vector<Vec> arguments_;
};

// The call's value for one item: its number, or null.
struct Value {
  bool null = false;
  Rational number;
};

inline Value execute(const BoundExpr& call) {
  REQUIRE(call.kind == BoundKind::kCall);
  LiteralCallFrame frame(call);
  Vec out;
  call.builtin().execute(call, frame, out);
  REQUIRE(out.size() == 1);
  if (out.is_null(0)) return {true, {}};
  return {false, out.number(0)};
}

// The text's value when it binds to a call giving a whole number; fails the
// test otherwise.
inline int64_t whole_number(std::string_view text) {
  auto bound = bind_text(text);
  REQUIRE_MESSAGE(bound.expr != nullptr, bound.diagnostics);
  CHECK(bound.expr->type == Type::kNumber);
  auto value = execute(*bound.expr);
  REQUIRE(!value.null);
  REQUIRE(value.number.denominator == 1);
  return value.number.numerator;
}

}  // namespace cadence::lang::testing

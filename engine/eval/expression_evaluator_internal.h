// The expression evaluator's inside, shared by its files: the interpreter
// class (one per evaluate_expression call), its scratch vectors, and the
// helpers more than one file uses. expression_evaluator.cpp has the node
// kinds, evaluate_binary.cpp the operators, evaluate_call.cpp the calls of
// builtins (which execute themselves, engine/lang/builtins/).
#pragma once

#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "engine/eval/expression_evaluator.h"
#include "engine/eval/rational.h"

namespace cadence::expression {

using lang::BinaryOp;
using lang::BoundExpr;
using lang::BoundKind;
using lang::Type;

// Three-way comparison of item i of a and b (same type).
int compare_items(const Vec& a, const Vec& b, std::size_t i);
// `date ± duration`: working days by the working calendar (when given);
// nullopt when the result leaves the supported dates.
std::optional<Date> add_duration(Date date, const lang::Duration& duration, int sign, const Calendars* calendars);
// Calendar arithmetic whose result leaves the supported range: a fault of the
// pack (or of data far outside it), reported where the expression is
// (CalendarRangeError).
[[noreturn]] void out_of_range(const BoundExpr& expr, std::string_view result);
// The date, or out_of_range(expr, "a date") when there is none.
Date checked(std::optional<Date> date, const BoundExpr& expr);

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

  void eval(const BoundExpr& expr, Vec& out);

  // An operand's values: a let is read in place (its slot already holds the
  // batch), anything else is evaluated into `scratch`.
  const Vec& operand(const BoundExpr& expr, Vec& scratch) {
    if (expr.kind == BoundKind::kLet) return (*frame_.lets)[static_cast<std::size_t>(expr.let_slot())];
    eval(expr, scratch);
    return scratch;
  }

 private:

  // out[i] = (order(i) op 0) for every item: one loop per operator.
  template <typename Order>
  static void fill_comparison(BinaryOp op, std::size_t n, Order order, Vec& out) {
    switch (op) {
      case BinaryOp::kEqual:
        for (std::size_t i = 0; i < n; ++i) out.num[i] = order(i) == 0;
        break;
      case BinaryOp::kNotEqual:
        for (std::size_t i = 0; i < n; ++i) out.num[i] = order(i) != 0;
        break;
      case BinaryOp::kLess:
        for (std::size_t i = 0; i < n; ++i) out.num[i] = order(i) < 0;
        break;
      case BinaryOp::kLessEqual:
        for (std::size_t i = 0; i < n; ++i) out.num[i] = order(i) <= 0;
        break;
      case BinaryOp::kGreater:
        for (std::size_t i = 0; i < n; ++i) out.num[i] = order(i) > 0;
        break;
      case BinaryOp::kGreaterEqual:
        for (std::size_t i = 0; i < n; ++i) out.num[i] = order(i) >= 0;
        break;
      default: break;
    }
  }

  // expression_evaluator.cpp: the node kinds.
  void unary(const BoundExpr& expr, Vec& out);
  void conditional(const BoundExpr& expr, Vec& out);
  void membership(const BoundExpr& expr, Vec& out);

  // evaluate_binary.cpp: the operators.
  void binary(const BoundExpr& expr, Vec& out);
  bool text_equality_by_code(const BoundExpr& expr, Vec& out);
  bool number_against_constant(const BoundExpr& expr, Vec& out);
  void logic(BinaryOp op, const Vec& left, const Vec& right, Vec& out);
  void comparison(BinaryOp op, const Vec& left, const Vec& right, Vec& out);
  void add_subtract(const BoundExpr& expr, const Vec& left, const Vec& right, Vec& out);
  void multiply_divide(BinaryOp op, const Vec& left, const Vec& right, Vec& out);

  // evaluate_call.cpp: builtin calls, through their registry entries.
  void call(const BoundExpr& expr, Vec& out);

  const Frame& frame_;
};

}  // namespace cadence::expression

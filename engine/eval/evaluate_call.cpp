// Calls of builtin functions: each builtin executes itself (its registry
// entry, engine/lang/builtin.h and engine/lang/builtins/); the evaluator
// gives it the batch through a CallFrame.
#include <array>
#include <optional>

#include "engine/core/status.h"
#include "engine/eval/expression_evaluator_internal.h"
#include "engine/lang/builtin.h"

namespace cadence::expression {

namespace {

// The CallFrame over an evaluator's frame: arguments evaluated on first use
// into pooled vectors (Scratch), a let read in place.
class EvaluatorCallFrame final : public lang::CallFrame {
 public:
  EvaluatorCallFrame(ExpressionEvaluator& evaluator, const Frame& frame, const BoundExpr& call)
      : evaluator_(evaluator), frame_(frame), call_(call) {
    size = frame.size;
    period_slots = frame.period_slots;
    scalar_period_slot = frame.scalar_period_slot;
    periods = frame.periods;
    if (frame.calendars != nullptr) {
      working = &frame.calendars->working;
      events = &frame.calendars->events;
    }
  }

  const Vec& argument(std::size_t k) override {
    CADENCE_ASSERT(k < call_.operands.size() && k < kMaxArguments);
    if (arguments_[k] == nullptr) {
      scratch_[k].emplace();
      arguments_[k] = &evaluator_.operand(*call_.operands[k], **scratch_[k]);
    }
    return *arguments_[k];
  }

  void rule_result(const BoundExpr& call, Vec& out) override { frame_.sources->rule_result(call, frame_, out); }

  [[noreturn]] void out_of_range(const BoundExpr& call, std::string_view result) override {
    expression::out_of_range(call, result);
  }

 private:
  static constexpr std::size_t kMaxArguments = 4;
  ExpressionEvaluator& evaluator_;
  const Frame& frame_;
  const BoundExpr& call_;
  std::array<std::optional<Scratch>, kMaxArguments> scratch_;
  std::array<const Vec*, kMaxArguments> arguments_{};
};

}  // namespace

void ExpressionEvaluator::call(const BoundExpr& expr, Vec& out) {
  EvaluatorCallFrame call_frame(*this, frame_, expr);
  expr.builtin().execute(expr, call_frame, out);
}

}  // namespace cadence::expression

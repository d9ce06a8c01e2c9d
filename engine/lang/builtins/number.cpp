// abs(x), min(a, b), max(a, b) of numbers. min and max of a record set's
// column are aggregates (binder.cpp sends them to bind_aggregate.cpp); with
// two scalar arguments they are these.
#include "engine/lang/builtins/kernel.h"

namespace cadence::lang {
namespace {

void execute_abs(const BoundExpr& call, CallFrame& frame, Vec& out) {
  const Vec& value = frame.argument(0);
  for_each_item(call, frame, {&value}, out, [&](std::size_t i) {
    Rational number = value.number(i);
    out.set_number(i, number.numerator < 0 ? negate(number) : number);
  });
}

// The first where `keep_first(order of first against second)`, else the second.
template <typename KeepFirst>
void execute_pick(const BoundExpr& call, CallFrame& frame, Vec& out, KeepFirst keep_first) {
  const Vec& first = frame.argument(0);
  const Vec& second = frame.argument(1);
  for_each_item(call, frame, {&first, &second}, out, [&](std::size_t i) {
    bool first_wins = keep_first(compare(first.number(i), second.number(i)));
    out.set_number(i, first_wins ? first.number(i) : second.number(i));
  });
}

void execute_min(const BoundExpr& call, CallFrame& frame, Vec& out) {
  execute_pick(call, frame, out, [](int order) { return order <= 0; });
}
void execute_max(const BoundExpr& call, CallFrame& frame, Vec& out) {
  execute_pick(call, frame, out, [](int order) { return order >= 0; });
}

const Builtin kAbs{
    .name = "abs", .execute = execute_abs, .arguments = {Type::kNumber}, .result = Type::kNumber};
const Builtin kMin{.name = "min",
                   .execute = execute_min,
                   .arguments = {Type::kNumber, Type::kNumber},
                   .result = Type::kNumber};
const Builtin kMax{.name = "max",
                   .execute = execute_max,
                   .arguments = {Type::kNumber, Type::kNumber},
                   .result = Type::kNumber};

}  // namespace

void register_number(BuiltinRegistry& registry) {
  registry.add(kAbs);
  registry.add(kMin);
  registry.add(kMax);
}

}  // namespace cadence::lang

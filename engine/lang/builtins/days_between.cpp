// days_between(a, b): b − a in days, a whole number (negative when b is
// before a). `b - a` on two dates gives the same.
#include "engine/lang/builtins/kernel.h"

namespace cadence::lang {
namespace {

void execute(const BoundExpr& call, CallFrame& frame, Vec& out) {
  const Vec& from = frame.argument(0);
  const Vec& to = frame.argument(1);
  for_each_item(call, frame, {&from, &to}, out, [&](std::size_t i) { out.num[i] = to.num[i] - from.num[i]; });
}

const Builtin kDaysBetween{.name = "days_between",
                           .execute = execute,
                           .arguments = {Type::kDate, Type::kDate},
                           .result = Type::kNumber};

}  // namespace

void register_days_between(BuiltinRegistry& registry) {
  registry.add(kDaysBetween);
}

}  // namespace cadence::lang

// weekday(date): the day of the week as a number, 1 = Monday … 7 = Sunday
// (ISO 8601), so that `weekday(held_on) >= 6` finds meetings on a weekend.
#include "engine/lang/builtins/kernel.h"

namespace cadence::lang {
namespace {

void execute(const BoundExpr& call, CallFrame& frame, Vec& out) {
  const Vec& date = frame.argument(0);
  for_each_item(call, frame, {&date}, out,
                [&](std::size_t i) { out.num[i] = static_cast<int64_t>(date_item(date, i).weekday()); });
}

const Builtin kWeekday{
    .name = "weekday", .execute = execute, .arguments = {Type::kDate}, .result = Type::kNumber};

}  // namespace

void register_weekday(BuiltinRegistry& registry) {
  registry.add(kWeekday);
}

}  // namespace cadence::lang

// weeks_in(period): the ISO weeks whose Monday falls in the period
// (DOMAIN.md DOM-S3: "每月四期" counts a month's weeks so).
#include "engine/lang/builtins/kernel.h"

namespace cadence::lang {
namespace {

void execute(const BoundExpr& call, CallFrame& frame, Vec& out) {
  const Vec& period = frame.argument(0);
  for_each_item(call, frame, {&period}, out, [&](std::size_t i) {
    Period held = period_item(period, i);
    Date first = held.first_day();
    int offset = (7 + static_cast<int>(Weekday::kMonday) - static_cast<int>(first.weekday())) % 7;
    int64_t span = held.last_day() - (first + offset);
    out.num[i] = span < 0 ? 0 : span / 7 + 1;
  });
}

const Builtin kWeeksIn{
    .name = "weeks_in", .execute = execute, .arguments = {Type::kPeriod}, .result = Type::kNumber};

}  // namespace

void register_weeks_in(BuiltinRegistry& registry) {
  registry.add(kWeeksIn);
}

}  // namespace cadence::lang

// within(date, period): the date lies in the period (first to last day).
#include <limits>

#include "engine/lang/builtins/kernel.h"

namespace cadence::lang {
namespace {

void execute(const BoundExpr& call, CallFrame& frame, Vec& out) {
  const Vec& date = frame.argument(0);
  const Vec& period = frame.argument(1);
  // Rows of a batch mostly share the period: its days are computed once.
  int64_t ordinal = std::numeric_limits<int64_t>::min();
  PeriodKind kind = PeriodKind::kWeek;
  int64_t first = 0;
  int64_t last = 0;
  for_each_item(call, frame, {&date, &period}, out, [&](std::size_t i) {
    if (period.num[i] != ordinal || period.period_kind != kind) {
      Period held = period_item(period, i);
      ordinal = period.num[i];
      kind = held.kind();
      first = held.first_day().days();
      last = held.last_day().days();
    }
    out.num[i] = date.num[i] >= first && date.num[i] <= last ? 1 : 0;
  });
}

const Builtin kWithin{
    .name = "within", .execute = execute, .arguments = {Type::kDate, Type::kPeriod}, .result = Type::kBool};

}  // namespace

void register_within(BuiltinRegistry& registry) {
  registry.add(kWithin);
}

}  // namespace cadence::lang

// day_of_next_month(period, n): the n-th day of the month after the one the
// period ends in — "by the 5th of the next month" (contract.md B5). No
// roll-forward; wrap in roll_forward() for the 民法典 §203 variant (DOM-C3).
#include <algorithm>

#include "engine/lang/builtins/kernel.h"

namespace cadence::lang {
namespace {

void execute(const BoundExpr& call, CallFrame& frame, Vec& out) {
  const Vec& period = frame.argument(0);
  const Vec& day = frame.argument(1);
  for_each_item(call, frame, {&period, &day}, out, [&](std::size_t i) {
    Period month = Period::containing(PeriodKind::kMonth, period_item(period, i).last_day());
    Date first = month.next().first_day();
    Rational number = day.number(i);
    // Clamped first so that `- 1` cannot overflow; far days leave the range anyway.
    const int64_t whole =
        std::clamp<int64_t>(number.numerator / number.denominator, -(int64_t{1} << 40), int64_t{1} << 40);
    out.num[i] = frame.checked(first.plus_days(whole - 1), call).days();
  });
}

const Builtin kDayOfNextMonth{.name = "day_of_next_month",
                              .execute = execute,
                              .arguments = {Type::kPeriod, Type::kNumber},
                              .result = Type::kDate};

}  // namespace

void register_day_of_next_month(BuiltinRegistry& registry) {
  registry.add(kDayOfNextMonth);
}

}  // namespace cadence::lang

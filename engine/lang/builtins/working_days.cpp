// The working calendar's builtins (holidays and make-up workdays):
//   working_days_after(date, n)  the n-th working day after the date
//   roll_forward(date)           the date, or the next working day (民法典 §203)
#include <optional>

#include "engine/calendar/working_calendar.h"
#include "engine/lang/builtins/kernel.h"

namespace cadence::lang {
namespace {

void execute_working_days_after(const BoundExpr& call, CallFrame& frame, Vec& out) {
  const Vec& date = frame.argument(0);
  const Vec& count = frame.argument(1);
  for_each_item(call, frame, {&date, &count}, out, [&](std::size_t i) {
    Rational days = count.number(i);
    out.num[i] =
        frame
            .checked(frame.working->working_days_after(date_item(date, i), days.numerator / days.denominator),
                     call)
            .days();
  });
}

void execute_roll_forward(const BoundExpr& call, CallFrame& frame, Vec& out) {
  const Vec& date = frame.argument(0);
  for_each_item(call, frame, {&date}, out, [&](std::size_t i) {
    const Date rolled = frame.working->roll_forward(date_item(date, i));
    out.num[i] =
        frame.checked(rolled.is_supported() ? std::optional<Date>(rolled) : std::nullopt, call).days();
  });
}

const Builtin kWorkingDaysAfter{.name = "working_days_after",
                                .execute = execute_working_days_after,
                                .arguments = {Type::kDate, Type::kNumber},
                                .result = Type::kDate};
const Builtin kRollForward{.name = "roll_forward",
                           .execute = execute_roll_forward,
                           .arguments = {Type::kDate},
                           .result = Type::kDate};

}  // namespace

void register_working_days(BuiltinRegistry& registry) {
  registry.add(kWorkingDaysAfter);
  registry.add(kRollForward);
}

}  // namespace cadence::lang

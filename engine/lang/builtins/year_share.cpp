// year_share(period): the share of its year elapsed at the period's last
// day. Annual targets are paced linearly: by the end of March a target of
// 500 expects 500 × 90/365 (DESIGN.md "annual targets with pacing").
#include "engine/lang/builtins/kernel.h"

namespace cadence::lang {
namespace {

void execute(const BoundExpr& call, CallFrame& frame, Vec& out) {
  const Vec& period = frame.argument(0);
  for_each_item(call, frame, {&period}, out, [&](std::size_t i) {
    Date end = period_item(period, i).last_day();
    Date january_first = Date::from_ymd(end.year(), 1, 1);
    int32_t days_in_year = Date::from_ymd(end.year() + 1, 1, 1) - january_first;
    out.set_number(i, make_rational(end - january_first + 1, days_in_year));
  });
}

const Builtin kYearShare{
    .name = "year_share", .execute = execute, .arguments = {Type::kPeriod}, .result = Type::kNumber};

}  // namespace

void register_year_share(BuiltinRegistry& registry) {
  registry.add(kYearShare);
}

}  // namespace cadence::lang

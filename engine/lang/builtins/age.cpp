// age(birth, at): whole years from birth to at (a birthday not yet reached
// in at's year does not count).
#include "engine/lang/builtins/kernel.h"

namespace cadence::lang {
namespace {

void execute(const BoundExpr& call, CallFrame& frame, Vec& out) {
  const Vec& births = frame.argument(0);
  const Vec& ats = frame.argument(1);
  for_each_item(call, frame, {&births, &ats}, out, [&](std::size_t i) {
    Date birth = date_item(births, i);
    Date at = date_item(ats, i);
    int years = at.year() - birth.year();
    if (at.month() < birth.month() || (at.month() == birth.month() && at.day() < birth.day())) --years;
    out.num[i] = years;
  });
}

const Builtin kAge{
    .name = "age", .execute = execute, .arguments = {Type::kDate, Type::kDate}, .result = Type::kNumber};

}  // namespace

void register_age(BuiltinRegistry& registry) {
  registry.add(kAge);
}

}  // namespace cadence::lang

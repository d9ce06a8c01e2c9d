// period.start, period.end, period.index, period.year: the current period's
// first and last day, its number in the year (week, month or quarter) and
// its year. Names rather than calls (bind_name.cpp binds them); null where
// an item has no period.
#include "engine/lang/builtins/kernel.h"

namespace cadence::lang {
namespace {

template <typename Part>
void execute_part(CallFrame& frame, Type type, Vec& out, Part part) {
  out.reset(type, frame.size);
  for (std::size_t i = 0; i < frame.size; ++i) {
    if (frame.period_slot(i) < 0) {
      out.set_null(i);
      continue;
    }
    out.num[i] = part(frame.period(i));
  }
}

void execute_start(const BoundExpr& call, CallFrame& frame, Vec& out) {
  execute_part(frame, call.type, out, [](const Period& period) { return period.first_day().days(); });
}
void execute_end(const BoundExpr& call, CallFrame& frame, Vec& out) {
  execute_part(frame, call.type, out, [](const Period& period) { return period.last_day().days(); });
}
void execute_index(const BoundExpr& call, CallFrame& frame, Vec& out) {
  execute_part(frame, call.type, out, [](const Period& period) { return period.index(); });
}
void execute_year(const BoundExpr& call, CallFrame& frame, Vec& out) {
  execute_part(frame, call.type, out, [](const Period& period) { return period.year(); });
}

const Builtin kStart{
    .name = "period.start", .execute = execute_start, .result = Type::kDate, .callable = false};
const Builtin kEnd{.name = "period.end", .execute = execute_end, .result = Type::kDate, .callable = false};
const Builtin kIndex{
    .name = "period.index", .execute = execute_index, .result = Type::kNumber, .callable = false};
const Builtin kYear{
    .name = "period.year", .execute = execute_year, .result = Type::kNumber, .callable = false};

}  // namespace

void register_period_part(BuiltinRegistry& registry) {
  registry.add(kStart);
  registry.add(kEnd);
  registry.add(kIndex);
  registry.add(kYear);
}

}  // namespace cadence::lang

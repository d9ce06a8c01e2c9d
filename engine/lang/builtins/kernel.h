// What the builtins' execute functions share: the evaluator's batch vector
// and exact arithmetic (header-only, engine/eval), and the item-by-item loop
// most builtins are.
#pragma once

#include <cstdint>
#include <initializer_list>

#include "engine/calendar/date.h"
#include "engine/calendar/period.h"
#include "engine/eval/rational.h"
#include "engine/eval/vector.h"
#include "engine/lang/builtin.h"

namespace cadence::lang {

inline Period period_item(const Vec& vec, std::size_t i) {
  return Period::from_ordinal(vec.period_kind, static_cast<int32_t>(vec.num[i]));
}
inline Date date_item(const Vec& vec, std::size_t i) {
  return Date::from_days(static_cast<int32_t>(vec.num[i]));
}

// Sizes `out` for the call's type and runs body(i) for every item where no
// argument is null; the others are null.
template <typename Body>
void for_each_item(const BoundExpr& call, CallFrame& frame, std::initializer_list<const Vec*> args, Vec& out,
                   Body body) {
  out.reset(call.type, frame.size);
  for (std::size_t i = 0; i < frame.size; ++i) {
    bool any_null = false;
    for (const Vec* arg : args) any_null = any_null || arg->is_null(i);
    if (any_null) {
      out.set_null(i);
      continue;
    }
    body(i);
  }
}

}  // namespace cadence::lang

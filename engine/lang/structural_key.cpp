#include "engine/lang/structural_key.h"

#include <cstring>
#include <type_traits>

#include "engine/core/status.h"
#include "engine/lang/builtin.h"

namespace cadence::lang {

namespace {

// Fixed-width fields (no separators needed): the key is a sequence of
// little records whose lengths the earlier fields fix.
template <typename T>
void put(std::string& key, T value) {
  static_assert(std::is_trivially_copyable_v<T>);
  char bytes[sizeof(T)];
  std::memcpy(bytes, &value, sizeof(T));
  key.append(bytes, sizeof(T));
}

void put_text(std::string& key, const std::string& text) {
  put(key, static_cast<uint64_t>(text.size()));
  key += text;
}

void put_constant(std::string& key, const Constant& constant) {
  put(key, constant.type);
  put(key, constant.number.numerator);
  put(key, constant.number.denominator);
  put_text(key, constant.text);
  put(key, constant.date.days());
  put(key, constant.period.kind());
  put(key, constant.period.ordinal());
  put(key, constant.duration.count);
  put(key, constant.duration.unit);
}

// A call: its builtin by name, and what its binding resolved.
void put_call(std::string& key, const BoundExpr& expr) {
  put_text(key, expr.builtin != nullptr ? std::string(expr.builtin->name) : std::string());
  put(key, static_cast<uint64_t>(expr.call.index()));
  if (const auto* policy = std::get_if<ZeroPolicy>(&expr.call)) {
    put(key, policy->kind);
    put(key, policy->value.numerator);
    put(key, policy->value.denominator);
    put(key, policy->declared);
  } else if (const auto* rule = std::get_if<RuleReference>(&expr.call)) {
    put(key, rule->rule);
    put(key, rule->result);
  } else if (const auto* calendar = std::get_if<CalendarReference>(&expr.call)) {
    put(key, calendar->calendar);
  }
}

}  // namespace

void append_structure(const BoundExpr& expr, std::string& key, const LetLookup& lets) {
  const BoundExpr* let = expr.kind == BoundKind::kLet && lets && expr.index >= 0
                             ? lets(static_cast<std::size_t>(expr.index))
                             : nullptr;
  if (let != nullptr) {
    // What the let computes, as if written in place (a let reads only
    // earlier lets, so this ends).
    CADENCE_ASSERT(let != &expr);
    append_structure(*let, key, lets);
    return;
  }
  put(key, expr.kind);
  put(key, expr.type);
  put_constant(key, expr.constant);
  put(key, expr.index);
  put(key, expr.unary_op);
  put(key, expr.binary_op);
  put_call(key, expr);
  put(key, expr.negated);
  put(key, static_cast<uint64_t>(expr.list.size()));
  for (const auto& constant : expr.list) put_constant(key, constant);
  put(key, static_cast<uint64_t>(expr.operands.size()));
  for (const auto& operand : expr.operands) append_structure(*operand, key, lets);
}

void append_structure(const AggregateSpec& spec, std::string& key) {
  put(key, spec.function);
  put_text(key, spec.record_set);
  put(key, spec.column);
  put(key, spec.column_type);
  put(key, spec.filter != nullptr);
  if (spec.filter) append_structure(*spec.filter, key);
  put(key, spec.over);
  put(key, spec.window.kind);
  if (spec.window.kind == WindowKind::kLast) {
    put(key, spec.window.length.count);
    put(key, spec.window.length.unit);
  }
  put(key, spec.snapshot);
  put(key, spec.per_member);
}

bool same_structure(const BoundExpr* a, const BoundExpr* b) {
  if (a == nullptr || b == nullptr) return a == b;
  std::string left;
  std::string right;
  append_structure(*a, left);
  append_structure(*b, right);
  return left == right;
}

}  // namespace cadence::lang

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
void put_call(std::string& key, const CallNode& call) {
  put_text(key, std::string(call.builtin->name));
  put(key, static_cast<uint64_t>(call.data.index()));
  if (const auto* policy = std::get_if<ZeroPolicy>(&call.data)) {
    put(key, policy->kind);
    put(key, policy->value.numerator);
    put(key, policy->value.denominator);
    put(key, policy->declared);
  } else if (const auto* rule = std::get_if<RuleReference>(&call.data)) {
    put(key, rule->rule);
    put(key, rule->result);
  } else if (const auto* calendar = std::get_if<CalendarReference>(&call.data)) {
    put(key, calendar->calendar);
  }
}

// The node's payload: which alternative, then its fields.
void put_payload(std::string& key, const NodePayload& payload) {
  put(key, static_cast<uint64_t>(payload.index()));
  if (const auto* constant = std::get_if<Constant>(&payload)) put_constant(key, *constant);
  if (const auto* column = std::get_if<ColumnRef>(&payload)) put(key, column->column);
  if (const auto* let = std::get_if<LetRef>(&payload)) put(key, let->slot);
  if (const auto* aggregate = std::get_if<AggregateRef>(&payload)) put(key, aggregate->aggregate);
  if (const auto* unary = std::get_if<UnaryNode>(&payload)) put(key, unary->op);
  if (const auto* binary = std::get_if<BinaryNode>(&payload)) put(key, binary->op);
  if (const auto* in = std::get_if<InList>(&payload)) {
    put(key, in->negated);
    put(key, static_cast<uint64_t>(in->items.size()));
    for (const auto& constant : in->items) put_constant(key, constant);
  }
  if (const auto* test = std::get_if<NullTest>(&payload)) put(key, test->negated);
  if (const auto* call = std::get_if<CallNode>(&payload)) put_call(key, *call);
}

}  // namespace

void append_structure(const BoundExpr& expr, std::string& key, const LetLookup& lets) {
  const BoundExpr* let = expr.kind == BoundKind::kLet && lets && expr.let_slot() >= 0
                             ? lets(static_cast<std::size_t>(expr.let_slot()))
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
  put_payload(key, expr.payload);
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

// ratio(n, d, on_zero: skip | violation | <number>): n / d exactly, kept as
// the pair (a rate's numerator and denominator reach the findings). A zero
// denominator gives the declared value, or null marked as such for the
// rule's on_zero to decide between skipping and a violation.
#include <algorithm>

#include "engine/lang/binder_internal.h"
#include "engine/lang/builtins/kernel.h"

namespace cadence::lang {
namespace {

ZeroPolicy bind_policy(const Expr& call, BinderHost& host) {
  ZeroPolicy policy;
  const NamedArg* written = nullptr;
  for (const auto& arg : call.named) {
    if (arg.name == "on_zero") written = &arg;
  }
  if (written == nullptr) return policy;  // skip, undeclared: the compiler warns
  policy.declared = true;
  const Expr& value = *written->value;
  const bool bare_name = value.kind == ExprKind::kName && value.path.size() == 1;
  if (bare_name && value.path[0] == "skip") {
    policy.kind = ZeroDenominator::kSkip;
  } else if (bare_name && value.path[0] == "violation") {
    policy.kind = ZeroDenominator::kViolation;
  } else if (value.kind == ExprKind::kLiteral &&
             (value.literal.kind == LiteralKind::kInteger || value.literal.kind == LiteralKind::kDecimal ||
              value.literal.kind == LiteralKind::kPercent)) {
    policy.kind = ZeroDenominator::kValue;
    policy.value = {value.literal.numerator, value.literal.denominator};
  } else {
    host.error(value.span, "on_zero must be skip, violation or a number");
  }
  return policy;
}

BoundPtr bind(const Expr& call, const Builtin& self, BinderHost& host) {
  check_named(call, {"on_zero"}, host);
  if (!check_arity(call, 2, host)) return host.poisoned(call.span);
  std::vector<BoundPtr> operands;
  operands.push_back(expect(*call.operands[0], Type::kNumber, "ratio", host));
  operands.push_back(expect(*call.operands[1], Type::kNumber, "ratio", host));
  auto node = call_node(call, self, Type::kNumber, std::move(operands));
  node->payload_as<CallNode>().data = bind_policy(call, host);
  return node;
}

// Whether every pair a[i] / d[i] is already the ratio's exact form, which
// holds for d[i] in [1, 2^61] and a[i] in [−2^61, 2^61) (make_rational
// reduces from 2^62). One pass of adds, shifts and ors, which the compiler
// vectorises even for plain x86-64 (it has no 64-bit compare there); the
// general loop below costs some 30 instructions a cell.
bool all_plain_ratios(const int64_t* a, const int64_t* d, std::size_t n) {
  uint64_t outside = 0;
  for (std::size_t i = 0; i < n; ++i) {
    outside |= (static_cast<uint64_t>(d[i]) - 1) >> 61;
    outside |= (static_cast<uint64_t>(a[i]) + (uint64_t{1} << 61)) >> 62;
  }
  return outside == 0;
}

// Counts over counts (learners / active), the shape of every rate: the
// ratio is the pair itself, kept unreduced like divide() keeps it.
template <typename OnZero>
void integer_ratios(const Vec& numerator, const Vec& denominator, std::size_t n, Vec& out, OnZero on_zero) {
  if (all_plain_ratios(numerator.num.data(), denominator.num.data(), n)) {
    // Every denominator positive and no part large enough for make_rational
    // to reduce: the parts are copied as they are (assigned, not zeroed
    // first: a rate rule makes one per cell).
    std::copy_n(numerator.num.data(), n, out.num.data());
    out.den.assign(denominator.num.data(), denominator.num.data() + n);
    return;
  }
  out.den.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const int64_t d = denominator.num[i];
    const int64_t a = numerator.num[i];
    if (d == 0) continue;                         // below: the rule's zero policy
    constexpr int64_t kLimit = int64_t{1} << 62;  // make_rational reduces beyond it
    if (a >= kLimit || a <= -kLimit || d >= kLimit || d <= -kLimit) {
      out.set_number(i, divide(Rational{a, 1}, Rational{d, 1}));
      continue;
    }
    out.num[i] = d < 0 ? -a : a;
    out.den[i] = d < 0 ? -d : d;
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (denominator.num[i] != 0) continue;
    out.den[i] = 1;
    on_zero(i);
  }
}

void execute(const BoundExpr& call, CallFrame& frame, Vec& out) {
  const std::size_t n = frame.size;
  const Vec& numerator = frame.argument(0);
  const Vec& denominator = frame.argument(1);
  const ZeroPolicy& policy = std::get<ZeroPolicy>(call.call());
  out.reset(Type::kNumber, n);
  auto on_zero = [&](std::size_t i) {
    if (policy.kind == ZeroDenominator::kValue) {
      out.set_number(i, policy.value);
      return;
    }
    out.set_null(i);
    if (out.zero_denominator.empty()) out.zero_denominator.assign(n, 0);
    out.zero_denominator[i] = 1;
  };
  if (numerator.den.empty() && denominator.den.empty() && numerator.null.empty() &&
      denominator.null.empty()) {
    integer_ratios(numerator, denominator, n, out, on_zero);
    return;
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (numerator.is_null(i) || denominator.is_null(i)) {
      out.set_null(i);
      continue;
    }
    Rational d = denominator.number(i);
    if (d.numerator == 0) {
      on_zero(i);
      continue;
    }
    out.set_number(i, divide(numerator.number(i), d));
  }
}

const Builtin kRatio{.name = "ratio", .execute = execute, .bind = bind};

}  // namespace

void register_ratio(BuiltinRegistry& registry) {
  registry.add(kRatio);
}

}  // namespace cadence::lang

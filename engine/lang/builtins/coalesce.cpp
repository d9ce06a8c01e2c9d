// coalesce(a, b): a where it has a value, else b; both of one type.
#include "engine/lang/binder_internal.h"
#include "engine/lang/builtins/kernel.h"

namespace cadence::lang {
namespace {

BoundPtr bind(const Expr& call, const Builtin& self, BinderHost& host) {
  check_named(call, {}, host);
  if (!check_arity(call, 2, host)) return host.poisoned(call.span);
  auto first = host.bind(*call.operands[0]);
  auto second = host.bind(*call.operands[1]);
  Type type = first->type == Type::kNull ? second->type : first->type;
  if (first->type != Type::kNull && second->type != Type::kNull && first->type != second->type) {
    host.error(call.span, "coalesce() needs two values of one type, got " +
                              std::string(to_string(first->type)) + " and " +
                              std::string(to_string(second->type)));
  }
  std::vector<BoundPtr> operands;
  operands.push_back(std::move(first));
  operands.push_back(std::move(second));
  return call_node(call, self, type, std::move(operands));
}

void execute(const BoundExpr& call, CallFrame& frame, Vec& out) {
  const Vec& first = frame.argument(0);
  const Vec& second = frame.argument(1);
  out.reset(call.type, frame.size);
  for (std::size_t i = 0; i < frame.size; ++i) {
    const Vec& pick = first.is_null(i) ? second : first;
    if (pick.is_null(i)) {
      out.set_null(i);
    } else if (out.type == Type::kText) {
      out.text[i] = pick.text[i];
    } else if (out.type == Type::kNumber) {
      out.set_number(i, pick.number(i));
    } else {
      out.num[i] = pick.num[i];
      out.period_kind = pick.period_kind;
    }
  }
}

const Builtin kCoalesce{.name = "coalesce", .execute = execute, .bind = bind};

}  // namespace

void register_coalesce(BuiltinRegistry& registry) {
  registry.add(kCoalesce);
}

}  // namespace cadence::lang

// year(date | period), month(date): the calendar year and month (1–12).
#include "engine/lang/binder_internal.h"
#include "engine/lang/builtins/kernel.h"

namespace cadence::lang {
namespace {

BoundPtr bind_year(const Expr& call, const Builtin& self, BinderHost& host) {
  check_named(call, {}, host);
  if (!check_arity(call, 1, host)) return host.poisoned(call.span);
  auto operand = host.bind(*call.operands[0]);
  if (operand->type != Type::kDate && operand->type != Type::kPeriod && operand->type != Type::kNull) {
    host.error(call.operands[0]->span,
               "year() expects a date or a period, got " + std::string(to_string(operand->type)));
  }
  std::vector<BoundPtr> operands;
  operands.push_back(std::move(operand));
  return call_node(call, self, Type::kNumber, std::move(operands));
}

void execute_year(const BoundExpr& call, CallFrame& frame, Vec& out) {
  const Vec& value = frame.argument(0);
  for_each_item(call, frame, {&value}, out, [&](std::size_t i) {
    out.num[i] = value.type == Type::kPeriod ? period_item(value, i).year() : date_item(value, i).year();
  });
}

void execute_month(const BoundExpr& call, CallFrame& frame, Vec& out) {
  const Vec& date = frame.argument(0);
  for_each_item(call, frame, {&date}, out, [&](std::size_t i) { out.num[i] = date_item(date, i).month(); });
}

const Builtin kYear{.name = "year", .execute = execute_year, .bind = bind_year};
const Builtin kMonth{
    .name = "month", .execute = execute_month, .arguments = {Type::kDate}, .result = Type::kNumber};

}  // namespace

void register_date_part(BuiltinRegistry& registry) {
  registry.add(kYear);
  registry.add(kMonth);
}

}  // namespace cadence::lang

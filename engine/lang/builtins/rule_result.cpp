// failed(rule), streak(rule), value(rule): another rule's verdict, its run
// of consecutive failures, its value — for the same org and period. Rules
// run dependencies first (the compiler orders them by these references).
#include "engine/lang/binder_internal.h"
#include "engine/lang/builtins/kernel.h"

namespace cadence::lang {
namespace {

RuleResultKind result_of(std::string_view name) {
  if (name == "failed") return RuleResultKind::kFailed;
  if (name == "streak") return RuleResultKind::kStreak;
  return RuleResultKind::kValue;
}

// The rule named by the argument (`study.weekly_rate` or "study.weekly_rate"),
// or -1 after reporting why it cannot be read.
int referenced_rule(const Expr& call, BinderHost& host) {
  const std::string& name = call.path[0];
  const Expr& arg = *call.operands[0];
  std::string id;
  if (arg.kind == ExprKind::kName) {
    id = arg.dotted_name();
  } else if (arg.kind == ExprKind::kLiteral && arg.literal.kind == LiteralKind::kString) {
    id = arg.literal.text;
  } else {
    host.error(arg.span, name + "() takes a rule id, e.g. " + name + "(study.weekly_rate)");
    return -1;
  }
  BindEnvironment& environment = host.environment();
  int index = -1;
  for (std::size_t i = 0; i < environment.rules.size(); ++i) {
    if (environment.rules[i].id == id) index = static_cast<int>(i);
  }
  if (index < 0) {
    host.error(arg.span, "unknown rule " + quoted(id));
    return -1;
  }
  const RuleInfo& rule = environment.rules[static_cast<std::size_t>(index)];
  if (rule.cadence != environment.cadence) {
    host.error(arg.span, "rule " + quoted(id) + " runs every " + std::string(to_string(rule.cadence)) +
                             " but this rule runs every " + std::string(to_string(environment.cadence)) +
                             "; results can only be used at the same cadence");
    return -1;
  }
  return index;
}

BoundPtr bind(const Expr& call, const Builtin& self, BinderHost& host) {
  check_named(call, {}, host);
  if (!check_arity(call, 1, host)) return host.poisoned(call.span);
  if (host.row_set() != nullptr) {
    host.error(call.span, call.path[0] + "() cannot be used inside a filter");
    return host.poisoned(call.span);
  }
  const int index = referenced_rule(call, host);
  if (index < 0) return host.poisoned(call.span);
  BindEnvironment& environment = host.environment();
  if (environment.rule_references != nullptr) environment.rule_references->push_back(index);
  const RuleResultKind result = result_of(self.name);
  auto node = call_node(call, self, result == RuleResultKind::kFailed ? Type::kBool : Type::kNumber, {});
  node->payload_as<CallNode>().data = RuleReference{index, result};
  node->depends_on_period = true;
  return node;
}

void execute(const BoundExpr& call, CallFrame& frame, Vec& out) {
  frame.rule_result(call, out);
}

const Builtin kFailed{.name = "failed", .execute = execute, .bind = bind};
const Builtin kStreak{.name = "streak", .execute = execute, .bind = bind};
const Builtin kValue{.name = "value", .execute = execute, .bind = bind};

}  // namespace

void register_rule_result(BuiltinRegistry& registry) {
  registry.add(kFailed);
  registry.add(kStreak);
  registry.add(kValue);
}

}  // namespace cadence::lang

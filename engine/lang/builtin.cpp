// The builtin registry and the binding helpers its entries share.
#include "engine/lang/builtin.h"

#include <algorithm>

#include "engine/core/status.h"
#include "engine/lang/binder_internal.h"

namespace cadence::lang {

// register_<file>() of every file of engine/lang/builtins/, written by the
// build (engine/lang/CMakeLists.txt) in file-name order.
#include "engine/lang/builtin_list.inc"

void BuiltinRegistry::add(const Builtin& builtin) {
  CADENCE_ASSERT(find(builtin.name) == nullptr);
  entries_.push_back(&builtin);
}

const Builtin* BuiltinRegistry::find(std::string_view name) const {
  for (const Builtin* entry : entries_) {
    if (entry->name == name) return entry;
  }
  return nullptr;
}

const BuiltinRegistry& builtins() {
  static const BuiltinRegistry registry = [] {
    BuiltinRegistry filled;
    register_all_builtins(filled);
    return filled;
  }();
  return registry;
}

const Builtin& builtin(std::string_view name) {
  const Builtin* found = builtins().find(name);
  CADENCE_ASSERT(found != nullptr);
  return *found;
}

void check_named(const Expr& call, std::initializer_list<std::string_view> allowed, BinderHost& host) {
  for (const auto& arg : call.named) {
    if (std::find(allowed.begin(), allowed.end(), arg.name) != allowed.end()) continue;
    std::string names;
    for (auto name : allowed) names += (names.empty() ? "" : ", ") + std::string(name);
    host.error(arg.name_span,
               "unknown argument " + quoted(arg.name) + " to " + call.path[0] + "()" +
                   (names.empty() ? std::string(" (it takes none)") : " (expected " + names + ")"));
  }
}

bool check_arity(const Expr& call, std::size_t count, BinderHost& host) {
  if (call.operands.size() == count) return true;
  host.error(call.span, call.path[0] + "() takes " + std::to_string(count) + " argument" +
                            (count == 1 ? "" : "s") + ", got " + std::to_string(call.operands.size()));
  return false;
}

BoundPtr expect(const Expr& arg, Type type, const std::string& function, BinderHost& host) {
  auto bound = host.bind(arg);
  if (bound->type != type && bound->type != Type::kNull) {
    host.error(arg.span, function + "() expects a " + std::string(to_string(type)) + " here, got " +
                             std::string(to_string(bound->type)));
  }
  return bound;
}

BoundPtr bind_fixed(const Expr& call, const Builtin& self, BinderHost& host) {
  check_named(call, {}, host);
  if (!check_arity(call, self.arguments.size(), host)) return host.poisoned(call.span);
  std::vector<BoundPtr> operands;
  const std::string name(self.name);
  for (std::size_t k = 0; k < self.arguments.size(); ++k) {
    operands.push_back(expect(*call.operands[k], self.arguments[k], name, host));
  }
  return call_node(call, self, self.result, std::move(operands));
}

BoundPtr bind_call(const Expr& call, const Builtin& self, BinderHost& host) {
  CADENCE_ASSERT(self.callable);
  return self.bind != nullptr ? self.bind(call, self, host) : bind_fixed(call, self, host);
}

}  // namespace cadence::lang

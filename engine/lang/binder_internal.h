// Internal to engine/lang: what the binder's files share. binder.cpp is the
// driver (dispatch, literals, operators, calls); bind_name.cpp binds names
// and bind_aggregate.cpp aggregate calls, each calling back into the driver
// through BinderHost.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/diagnostic.h"
#include "engine/lang/aggregate.h"
#include "engine/lang/ast.h"
#include "engine/lang/binder.h"
#include "engine/lang/builtin.h"
#include "engine/lang/bound.h"
#include "engine/table/schema.h"

namespace cadence::lang {

// The expression binder as its parts in other files (and the builtins'
// bind functions, builtin.h) see it.
class BinderHost {
 public:
  // Binds any expression in the current context.
  virtual BoundPtr bind(const Expr& expr) = 0;
  // A placeholder that keeps binding going after an error without cascades.
  virtual BoundPtr poisoned(const SourceSpan& span) = 0;
  // What names resolve against: schema, rules, event calendars, cadence.
  virtual BindEnvironment& environment() = 0;
  // Binds `where:`'s condition with `rows` as the row context.
  virtual BoundPtr bind_filter(const Expr& condition, const RecordSetSchema& rows) = 0;
  // The row context being bound (a filter's record set), or null at rule
  // level.
  virtual const RecordSetSchema* row_set() const = 0;
  // Reports an error; the binding as a whole then fails.
  virtual void error(const SourceSpan& span, std::string message) = 0;
  // Whether any error was reported while binding the expression so far.
  virtual bool failed() const = 0;

 protected:
  ~BinderHost() = default;
};

// A name (`learners`, `value`, `period`, a let, `org.kind`, `period.start`),
// or null after reporting the error through `host` (the caller puts a
// poisoned node in its place).
BoundPtr bind_name(const Expr& expr, BindEnvironment& environment, BinderHost& host, Diagnostics& diagnostics);

// An aggregate call (`count(members, where: …, over: subtree, window: last 3
// months)`): checks its record set, column and named arguments, binds its
// filter in the row context of the record set, and registers it in the
// environment's aggregate table. Null after reporting errors through `host`.
// Named arguments other than where, over and window are the caller's to
// reject.
BoundPtr bind_aggregate(const Expr& expr, AggregateFunction function, BindEnvironment& environment,
                        BinderHost& host, Diagnostics& diagnostics);

// The expression type of a column's values (bind_name.cpp).
Type type_of_column(ColumnType type);

inline std::string quoted(std::string_view text) { return "'" + std::string(text) + "'"; }

inline std::string join_names(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& name : names) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

inline BoundPtr make(BoundKind kind, Type type, const SourceSpan& span) { return make_bound(kind, type, span); }

// A call node of `builtin` over `operands`; it depends on the period when
// any operand does.
inline BoundPtr call_node(const Expr& call, const Builtin& builtin, Type type, std::vector<BoundPtr> operands) {
  auto node = make(BoundKind::kCall, type, call.span);
  node->payload_as<CallNode>().builtin = &builtin;
  for (auto& operand : operands) {
    node->depends_on_period = node->depends_on_period || operand->depends_on_period;
    node->operands.push_back(std::move(operand));
  }
  return node;
}

}  // namespace cadence::lang

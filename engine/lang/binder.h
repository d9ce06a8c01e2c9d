// The binder: resolves every name of a parsed expression and types it.
//
// Two contexts:
//  - cell context: an expression evaluated for one (org, period) of a rule —
//    names are the rule's lets, `value` (in fail/warn/messages), `org.<attr>`
//    (a column of the orgs record set, or `depth`), `period` and
//    `period.start|end|index|year`, aggregates over record sets, calls;
//  - row context: a filter inside an aggregate over record set R — bare names
//    are R's columns (`R.col` works too), `org.*` is the row's org, `period.*`
//    the period whose window holds the row.
// Every unknown name and type mismatch is reported (with the span of the
// offending text); binding continues after an error to report the rest, but
// returns nullptr for a tree that had errors.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "engine/core/diagnostic.h"
#include "engine/lang/aggregate.h"
#include "engine/lang/ast.h"
#include "engine/lang/bound.h"
#include "engine/table/schema.h"

namespace cadence::lang {

struct LetInfo {
  std::string name;
  Type type = Type::kNull;
  bool depends_on_period = false;
};

struct RuleInfo {
  std::string id;
  PeriodKind cadence = PeriodKind::kMonth;
};

struct BindEnvironment {
  const Schema* schema = nullptr;
  AggregateTable* aggregates = nullptr;
  std::vector<RuleInfo> rules;                  // every rule of the pack, by index
  std::vector<std::string> event_calendars;     // names usable in is_event()
  PeriodKind cadence = PeriodKind::kMonth;      // of the rule being bound
  std::vector<LetInfo> lets;                    // lets bound so far (slot = position)
  bool value_visible = false;                   // `value` is bound (fail, warn, messages)
  Type value_type = Type::kNull;
  int value_slot = -1;                          // let slot holding the value
  // Rules the expression refers to (failed/streak/value), collected for the
  // dependency graph.
  std::vector<int>* rule_references = nullptr;
};

BoundPtr bind_expression(const Expr& expr, BindEnvironment& environment, Diagnostics& diagnostics);

}  // namespace cadence::lang

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
//
// Inside a filter a column hides a built-in name of the same spelling: a
// column `period` (notices.period) is the row's period, not the audited one;
// a column `value` is the row's value, not the rule's; a column `org` is the
// row's column. Each such use is a warning at the name:
//   pack.yaml:9:58: warning: 'period' here is the column notices.period, ...
// Writing the qualified name (notices.period) says it is meant and is silent.
#pragma once

#include <functional>
#include <map>
#include <optional>
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
  std::vector<std::string> event_calendars;     // names usable in is_event(), in_calendar(), count_in()
  // The kind of period each event calendar holds, by the same index; nullopt
  // when unknown (mixed kinds, or no periods). Lets in_calendar() reject a
  // test that can never hold (a month is never one of a calendar's weeks).
  std::vector<std::optional<PeriodKind>> event_calendar_kinds;
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

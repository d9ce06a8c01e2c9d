// A compiled pack: every rule's expressions parsed, bound and typed, the
// shared aggregate table, and the order rules must run in (dependencies
// first). The evaluator runs a Plan over a Dataset; it never sees text.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "engine/lang/aggregate.h"
#include "engine/lang/bound.h"
#include "engine/plan/pack.h"

namespace cadence {

enum class Comparison : uint8_t { kLess, kLessEqual, kGreater, kGreaterEqual, kEqual, kNotEqual, kOther };

struct MessagePart {
  std::string text;            // literal text, or empty for a placeholder
  lang::BoundPtr expr;         // the placeholder's expression
  std::string format;          // "", "percent", "int", "decimal", "date"
};

struct CompiledLet {
  std::string name;
  lang::BoundPtr expr;
};

struct CompiledRule {
  const RuleSpec* spec = nullptr;
  int index = 0;
  // Slots: lets in order, then the value (value_slot = lets.size()).
  std::vector<CompiledLet> lets;
  int value_slot = 0;
  lang::BoundPtr scope;  // null: every org
  lang::BoundPtr value;
  lang::BoundPtr fail;
  lang::BoundPtr warn;   // null: no warning band
  lang::BoundPtr deadline;
  lang::BoundPtr target;
  bool scope_depends_on_period = false;
  int event_calendar = -1;  // only periods of this event calendar
  // The threshold the fail condition compares `value` against, when it has
  // the form `value <op> constant` (for shortfall and the gap to compliance).
  bool has_threshold = false;
  lang::Rational threshold;
  Comparison comparison = Comparison::kOther;
  bool warn_has_threshold = false;
  lang::Rational warn_threshold;
  Comparison warn_comparison = Comparison::kOther;
  // When the fail condition is `value <op> expression` and the expression
  // is not a constant (a target paced through the year, a per-org target):
  // that expression, owned by `fail`, compared with `comparison`. Each
  // failing finding carries the line it crossed (Finding::has_line).
  const lang::BoundExpr* line = nullptr;
  // The value is ratio(n, d): findings carry numerator and denominator.
  bool value_is_ratio = false;
  // The value is streak(rule): one period that does not fail ends the run.
  bool value_is_streak = false;
  ShortfallKind shortfall = ShortfallKind::kUnit;
  std::vector<int> depends_on;  // rule indices
  std::vector<MessagePart> message;
};

struct Plan {
  const Pack* pack = nullptr;
  std::vector<CompiledRule> rules;  // pack order
  std::vector<int> order;           // evaluation order: dependencies first
  lang::AggregateTable aggregates;
  std::vector<std::string> event_calendars;  // names, index = event calendar id
  int find_rule(std::string_view id) const;
};

// Parses, binds and checks every rule of the pack. Reports every problem
// (errors and warnings); returns nullptr when any error was reported.
std::unique_ptr<Plan> compile(const Pack& pack, Diagnostics& diagnostics);

// The plan in a printable form (`cadence check --explain`): for each rule in
// evaluation order, its scope, lets, value, conditions and the aggregates
// they read, in the binder's prefix notation.
std::string explain(const Plan& plan);

}  // namespace cadence

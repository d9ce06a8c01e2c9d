// The evaluator: runs a Plan over a Dataset for a set of periods.
//
// For each rule, each period of the rule's cadence among the requested ones
// and each org: the value, the verdict and, for warn/fail, a Finding. It works
// column-wise: aggregates are one pass per record set and window into dense
// (period × org) arrays, subtree pools fold children into parents in reverse
// pre-order (linear), filters are evaluated over row chunks, and rule
// expressions over chunks of orgs — never per row through a generic loop.
//
// Absence is data: an org-week without study rows has 0 learners; a month
// without a theme day has count 0, which is the violation itself.
//
// Deterministic: the same plan, data and request give the same outcome,
// whatever the thread count. Thread safety: an Evaluator is used by one
// caller; it may use worker threads internally.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "engine/calendar/event_calendar.h"
#include "engine/calendar/working_calendar.h"
#include "engine/eval/finding.h"
#include "engine/eval/finding_list.h"
#include "engine/plan/plan.h"
#include "engine/table/dataset.h"

namespace cadence {

struct EvaluationRequest {
  // The periods to evaluate. A rule is evaluated on those of its cadence.
  std::vector<Period> periods;
  // Per rule (by plan index), when not empty: the periods that rule is
  // evaluated on, instead of `periods` (the weekly audit gives each rule the
  // periods whose deadline passed and that no earlier run audited).
  std::vector<std::vector<Period>> rule_periods;
  // Only these rules (plan indices); empty = all.
  std::vector<int> rules;
  // Findings only for orgs in this subtree; kNoOrg = all.
  OrgIndex under = kNoOrg;
  // Waivers that expired before this date no longer apply.
  std::optional<Date> as_of;
  int threads = 2;
  // Keep every rule's (period × org) values in the outcome (the bulletin
  // sums them). Otherwise only the rules whose value another rule reads keep
  // them: the arrays are the largest the evaluator writes.
  bool keep_values = false;
  // kScores leaves out what only people read (messages, the children that
  // pulled a pooled rate down): contract.md's findings file needs neither.
  enum class Detail { kFull, kScores } detail = Detail::kFull;
};

// The verdicts of one rule on its periods (including periods evaluated only
// because another rule's streak needed them).
struct RuleOutcome {
  std::vector<Period> periods;                  // sorted
  std::vector<std::vector<Verdict>> verdicts;   // [period][org]
  // [period][org] (zero when not evaluated); empty unless the request keeps
  // values or another rule reads this rule's value.
  std::vector<std::vector<Rational>> values;
  std::vector<bool> requested;                  // [period]: findings were asked for
};

struct Outcome {
  FindingList findings;             // in rule, period, org order (rank.h orders them for people)
  std::vector<RuleOutcome> rules;   // by plan rule index; empty periods for rules not run
};

struct Calendars {
  WorkingCalendar working;
  std::vector<EventCalendar> events;  // by the plan's event calendar index
};

// Event calendars that a pack draws from a record set column (episodes.week)
// resolved against the data, appended to the pack's own, in plan order.
Calendars resolve_calendars(const Plan& plan, const Dataset& dataset);

Outcome evaluate(const Plan& plan, const Dataset& dataset, const Calendars& calendars,
                 const EvaluationRequest& request);

// A rule's ratio value evaluated for any orgs (in scope or not) in one period:
// the pooled numerator and denominator the rule's `value: ratio(n, d)` gives
// for each org. Used by the bulletin, whose units need not be in the rule's
// scope. The rule's value must be a ratio (CompiledRule::value_is_ratio).
struct RatioValue {
  bool present = false;  // false: numerator or denominator null
  Rational numerator;
  Rational denominator;
};
// The records that made a rule's value for one org and period (`cadence
// explain`): for each aggregate the rule reads (in its lets and value), the
// rows of the org (or of its subtree, when pooled) in the aggregate's window
// that pass its filter. An empty list is evidence too: the absence is the
// violation ("no theme day in 2023-03").
struct Evidence {
  std::string aggregate;            // canonical form, e.g. count(activities, where: ...)
  std::string record_set;
  bool pooled = false;              // over the subtree
  std::string window;               // "2023-03-01..2023-03-31" or "all rows"
  std::vector<uint32_t> rows;       // at most `limit` matching rows, in data order
  std::size_t matching = 0;         // all matching rows
};
std::vector<Evidence> collect_evidence(const Plan& plan, const Dataset& dataset, const Calendars& calendars, int rule,
                                       OrgIndex org, const Period& period, std::size_t limit = 20);

// One cell of one rule in words and numbers (`cadence explain`): the
// verdict, every let and the value for that org and period, and the finding
// when the cell failed or warned.
struct CellExplanation {
  Verdict verdict = Verdict::kOutOfScope;
  std::vector<std::pair<std::string, std::string>> lets;  // name → formatted value
  std::string value;                                       // formatted, "—" when null
  std::optional<Finding> finding;
};
CellExplanation explain_cell(const Plan& plan, const Dataset& dataset, const Calendars& calendars, int rule,
                             OrgIndex org, const Period& period);

std::vector<RatioValue> evaluate_ratio(const Plan& plan, const Dataset& dataset, const Calendars& calendars,
                                       int rule, const std::vector<OrgIndex>& orgs, const Period& period);

// The last day on which `period` of `rule` may still be completed: the rule's
// `deadline:` evaluated for the period (for the root org), or the period's
// last day when the rule has no deadline or it evaluates to null. An audit
// dated after it may grade the period.
Date rule_deadline(const Plan& plan, const Dataset& dataset, const Calendars& calendars, int rule,
                   const Period& period);

}  // namespace cadence

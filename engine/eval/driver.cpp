#include "engine/eval/driver.h"

#include <algorithm>
#include <map>

#include "engine/eval/rule_run.h"

namespace cadence {

namespace {

using lang::BoundExpr;
using lang::BoundKind;

// The first period of `first`'s cadence in its year: a streak counts back to
// it (contract.md B8 "counted from 2023-W01 at the earliest").
Period start_of_year(const Period& first) {
  switch (first.kind()) {
    case PeriodKind::kWeek: return Period::week(first.year(), 1);
    case PeriodKind::kMonth: return Period::month(first.year(), 1);
    case PeriodKind::kQuarter: return Period::quarter(first.year(), 1);
    case PeriodKind::kYear: return first;
  }
  return first;
}

// Which periods each rule runs on: the requested ones of its cadence, plus,
// for a rule whose results another rule reads, every period of its cadence
// from the start of that year.
void plan_periods(EvaluationContext& context) {
  const Plan& plan = context.plan();
  const EvaluationRequest& request = context.request();
  const std::size_t count = plan.rules.size();
  std::vector<bool> wanted(count, request.rules.empty());
  for (int index : request.rules) wanted[static_cast<std::size_t>(index)] = true;
  std::vector<std::set<Period>> needed(count);
  for (std::size_t r = 0; r < count; ++r) {
    std::set<Period>& requested = context.requested(static_cast<int>(r));
    requested.clear();
    if (wanted[r]) {
      PeriodKind kind = plan.rules[r].spec->cadence;
      const auto& asked = request.rule_periods.empty() ? request.periods : request.rule_periods.at(r);
      for (const auto& period : asked) {
        if (period.kind() == kind) requested.insert(period);
      }
    }
    needed[r] = requested;
  }
  // Dependents before their dependencies: plan.order reversed.
  for (auto it = plan.order.rbegin(); it != plan.order.rend(); ++it) {
    const CompiledRule& rule = plan.rules[static_cast<std::size_t>(*it)];
    const auto& own = needed[static_cast<std::size_t>(rule.index)];
    if (own.empty()) continue;
    for (int dependency : rule.depends_on) {
      auto& target = needed[static_cast<std::size_t>(dependency)];
      for (Period p = start_of_year(*own.begin()); p <= *own.rbegin(); p = p.next()) target.insert(p);
    }
  }
  for (std::size_t r = 0; r < count; ++r) {
    context.periods(static_cast<int>(r)).assign(needed[r].begin(), needed[r].end());
  }
}

// Calls visit(expr) for every node of every expression of the rule that
// `parts` selects.
enum class Parts { kAll, kJudged };
template <typename Visit>
void visit_rule(const CompiledRule& rule, Parts parts, Visit visit) {
  auto walk = [&](const BoundExpr* expr, auto& self) -> void {
    if (expr == nullptr) return;
    visit(*expr);
    for (const auto& operand : expr->operands) self(operand.get(), self);
  };
  for (const auto& let : rule.lets) walk(let.expr.get(), walk);
  if (parts == Parts::kAll) {
    for (const auto& part : rule.message) walk(part.expr.get(), walk);
  }
  walk(rule.scope.get(), walk);
  walk(rule.value.get(), walk);
  walk(rule.fail.get(), walk);
  walk(rule.warn.get(), walk);
  if (parts == Parts::kAll) walk(rule.deadline.get(), walk);
}

// Which rules' values another rule reads (`value(rule)`): only those keep
// their (period × org) values; the others keep verdicts alone, which is all
// `failed()` and `streak()` read. And which rules' streaks are read: their
// runs are counted before a rule reading them starts.
void mark_results_read(EvaluationContext& context) {
  for (const auto& rule : context.plan().rules) {
    visit_rule(rule, Parts::kAll, [&](const BoundExpr& expr) {
      if (expr.kind != BoundKind::kCall) return;
      const auto* reference = std::get_if<lang::RuleReference>(&expr.call());
      if (reference == nullptr) return;
      if (reference->result == lang::RuleResultKind::kValue) context.mark_value_read(reference->rule);
      if (reference->result == lang::RuleResultKind::kStreak) context.mark_streak_read(reference->rule);
    });
  }
}

// Aggregates are computed before the rules, in parallel: inner aggregates
// (registered first) are computed on demand by the outer ones. One job per
// aggregate and distinct period list (a snapshot aggregate has one value
// whatever the list): rules often hold equal lists, and a second job for
// the same values would only wait for the first.
void precompute_aggregates(EvaluationContext& context) {
  const Plan& plan = context.plan();
  Aggregator& aggregator = context.aggregator();
  // (aggregate, the aggregator's key for the list or null for a snapshot)
  // → a list to compute it with.
  std::map<std::pair<int, const std::vector<Period>*>, const std::vector<Period>*> jobs;
  for (const auto& rule : plan.rules) {
    const auto* periods = &context.periods(rule.index);
    if (periods->empty()) continue;
    visit_rule(rule, Parts::kJudged, [&](const BoundExpr& expr) {
      if (expr.kind != BoundKind::kAggregate) return;
      const bool snapshot = plan.aggregates.at(expr.aggregate()).snapshot;
      jobs.emplace(std::make_pair(expr.aggregate(), snapshot ? nullptr : aggregator.shared_list(periods)), periods);
    });
  }
  std::vector<std::pair<int, const std::vector<Period>*>> list;
  for (const auto& [key, periods] : jobs) list.emplace_back(key.first, periods);
  // The longest first (the one reading the most rows dominates:
  // BENCHMARKS.md "Figures behind engine/eval's comments"). Folded twins (no rows) go last.
  std::stable_sort(list.begin(), list.end(), [&](const auto& a, const auto& b) {
    return aggregator.rows_read(a.first) > aggregator.rows_read(b.first);
  });
  context.parallel_for(list.size(), [&](std::size_t k) { aggregator.values(list[k].first, list[k].second); });
}

}  // namespace

FindingList run_rules(EvaluationContext& context) {
  const Plan& plan = context.plan();
  plan_periods(context);
  mark_results_read(context);
  precompute_aggregates(context);
  ScopeCache scopes;
  // Rules run in dependency order, one at a time: each spreads its periods
  // over the request's threads (rules differ widely in cost, the periods of
  // one rule hardly at all).
  std::vector<std::vector<FindingBatch>> findings(plan.rules.size());
  std::vector<bool> done(plan.rules.size(), false);
  for (int index : plan.order) {
    const auto rule = static_cast<std::size_t>(index);
    // plan.order lists every rule after the rules it reads.
    for (int dependency : plan.rules[rule].depends_on)
      CADENCE_ASSERT(done[static_cast<std::size_t>(dependency)]);
    done[rule] = true;
    if (context.periods(index).empty()) continue;
    // A streak's runs are counted before its rule starts, on all threads.
    for (int dependency : plan.rules[rule].depends_on) {
      if (context.streak_read(dependency)) context.results().ensure_streaks(dependency);
    }
    findings[rule] = RuleRun(context, scopes, plan.rules[rule]).run();
  }
  // The outcome keeps each rule's lists, in rule, period and org order.
  FindingList list;
  for (auto& rule_findings : findings) {
    for (auto& batch : rule_findings) list.append(std::move(batch.findings), std::move(batch.runs));
  }
  return list;
}

}  // namespace cadence

#include "engine/eval/evidence.h"

#include <algorithm>

#include "engine/eval/evaluation_context.h"

namespace cadence {

namespace {

using lang::BoundExpr;
using lang::BoundKind;

// A ratio rule's numerator and denominator for `orgs` in one period slot:
// the rule's lets first, since the ratio's operands usually name them.
void ratio_parts(EvaluationContext& context, const CompiledRule& rule, const std::vector<OrgIndex>& orgs,
                 int32_t slot, Vec& numerator, Vec& denominator) {
  CADENCE_ASSERT(rule.value_is_ratio);
  std::vector<Vec> lets(rule.lets.size() + 1);
  Frame frame = context.cell_frame(orgs.data(), orgs.size(), &context.periods(rule.index), slot, &lets);
  for (std::size_t k = 0; k < rule.lets.size(); ++k) {
    if (rule.lets[k].expr) evaluate_expression(*rule.lets[k].expr, frame, lets[k]);
  }
  evaluate_expression(*rule.value->operands[0], frame, numerator);
  evaluate_expression(*rule.value->operands[1], frame, denominator);
}

// The aggregates a rule's lets and value read, in first-read order.
std::vector<int> aggregates_read(const CompiledRule& rule) {
  std::vector<int> aggregates;
  auto collect = [&](const BoundExpr* expr, auto& self) -> void {
    if (expr == nullptr) return;
    if (expr->kind == BoundKind::kAggregate &&
        std::find(aggregates.begin(), aggregates.end(), expr->aggregate()) == aggregates.end()) {
      aggregates.push_back(expr->aggregate());
    }
    for (const auto& operand : expr->operands) self(operand.get(), self);
  };
  for (const auto& let : rule.lets) collect(let.expr.get(), collect);
  collect(rule.value.get(), collect);
  return aggregates;
}

// One aggregate's evidence for one org and period.
Evidence aggregate_evidence(EvaluationContext& context, const lang::AggregateSpec& spec,
                            const std::vector<Period>* periods, OrgIndex org, std::size_t limit) {
  const Dataset& dataset = context.dataset();
  const Period& period = periods->front();
  Evidence evidence;
  evidence.aggregate = spec.canonical;
  evidence.record_set = spec.record_set;
  evidence.pooled = spec.over == lang::Over::kSubtree;
  const RecordSet* set = dataset.find(spec.record_set);
  if (set == nullptr || !set->has_org_index()) return evidence;
  uint32_t begin = set->org_begin(org);
  uint32_t end = set->org_begin(evidence.pooled ? dataset.tree().subtree_end(org) : org + 1);
  DayWindow window = window_days(spec, period);
  bool timeless = spec.window.kind == lang::WindowKind::kAll;
  evidence.window =
      timeless ? "all rows"
               : Date::from_days(window.first).to_string() + ".." + Date::from_days(window.last).to_string();
  std::vector<uint32_t> candidates;
  std::vector<OrgIndex> candidate_orgs;
  for (uint32_t row = begin; row < end; ++row) {
    int32_t day = set->row_day()[row];
    if (!timeless && (day == kNoDay || day < window.first || day > window.last)) continue;
    candidates.push_back(row);
    candidate_orgs.push_back(set->row_org()[row]);
  }
  Vec mask;
  if (spec.filter && !candidates.empty()) {
    Frame frame =
        context.row_frame(set, candidates.data(), candidate_orgs.data(), candidates.size(), periods, 0);
    evaluate_expression(*spec.filter, frame, mask);
  }
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    if (spec.filter && !mask.truth(i)) continue;
    ++evidence.matching;
    if (evidence.rows.size() < limit) evidence.rows.push_back(candidates[i]);
  }
  return evidence;
}

// A one-off evaluation: one thread, nothing requested.
EvaluationRequest one_off_request() {
  EvaluationRequest request;
  request.threads = 1;
  return request;
}

}  // namespace

std::vector<Contributor> contributors(EvaluationContext& context, const CompiledRule& rule, OrgIndex org,
                                      int32_t slot, const Rational& threshold) {
  const OrgTree& tree = context.dataset().tree();
  std::vector<OrgIndex> list;
  for (OrgIndex member = org + 1; member < tree.subtree_end(org); ++member) {
    if (tree.subtree_end(member) == member + 1) list.push_back(member);
  }
  Vec numerator;
  Vec denominator;
  ratio_parts(context, rule, list, slot, numerator, denominator);
  std::vector<Contributor> result;
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (numerator.is_null(i) || denominator.is_null(i)) continue;
    Rational n = numerator.number(i);
    Rational d = denominator.number(i);
    Rational shortfall = subtract(multiply(threshold, d), n);
    if (shortfall.numerator <= 0 || n.denominator != 1 || d.denominator != 1) continue;
    result.push_back({list[i], n.numerator, d.numerator, shortfall});
  }
  std::sort(result.begin(), result.end(), [&](const Contributor& a, const Contributor& b) {
    int order = compare(a.shortfall, b.shortfall);
    if (order != 0) return order > 0;
    return tree.id_rank(a.org) < tree.id_rank(b.org);
  });
  if (result.size() > 5) result.resize(5);
  return result;
}

std::vector<Evidence> collect_evidence(const Plan& plan, const Dataset& dataset, const Calendars& calendars,
                                       int rule, OrgIndex org, const Period& period, std::size_t limit) {
  const EvaluationRequest request = one_off_request();
  EvaluationContext context(plan, dataset, calendars, request);
  context.periods(rule) = {period};
  const std::vector<Period>* periods = &context.periods(rule);
  std::vector<Evidence> result;
  for (int index : aggregates_read(context.rule(rule))) {
    result.push_back(aggregate_evidence(context, plan.aggregates.at(index), periods, org, limit));
  }
  return result;
}

std::vector<RatioValue> evaluate_ratio(const Plan& plan, const Dataset& dataset, const Calendars& calendars,
                                       int rule, const std::vector<OrgIndex>& orgs, const Period& period) {
  const EvaluationRequest request = one_off_request();
  EvaluationContext context(plan, dataset, calendars, request);
  const CompiledRule& compiled = context.rule(rule);
  CADENCE_ASSERT(compiled.value_is_ratio);
  context.periods(rule) = {period};
  Vec numerator;
  Vec denominator;
  ratio_parts(context, compiled, orgs, 0, numerator, denominator);
  std::vector<RatioValue> result(orgs.size());
  for (std::size_t i = 0; i < orgs.size(); ++i) {
    if (numerator.is_null(i) || denominator.is_null(i)) continue;
    result[i] = {true, numerator.number(i), denominator.number(i)};
  }
  return result;
}

Date rule_deadline(const Plan& plan, const Dataset& dataset, const Calendars& calendars, int rule,
                   const Period& period) {
  const EvaluationRequest request = one_off_request();
  EvaluationContext context(plan, dataset, calendars, request);
  const CompiledRule& compiled = context.rule(rule);
  if (!compiled.deadline) return period.last_day();
  std::vector<Period> periods{period};
  OrgIndex root = 0;
  Frame frame = context.cell_frame(&root, 1, &periods, 0, nullptr);
  Vec deadline;
  evaluate_expression(*compiled.deadline, frame, deadline);
  if (deadline.is_null(0)) return period.last_day();
  return Date::from_days(static_cast<int32_t>(deadline.num[0]));
}

}  // namespace cadence

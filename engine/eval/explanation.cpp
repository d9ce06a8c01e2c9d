#include "engine/eval/explanation.h"

#include <algorithm>

#include "engine/eval/driver.h"
#include "engine/eval/message.h"

namespace cadence {

CellExplanation explain_cell(const Plan& plan, const Dataset& dataset, const Calendars& calendars, int rule,
                             OrgIndex org, const Period& period) {
  EvaluationRequest request;
  request.threads = 1;
  request.periods = {period};
  request.rules = {rule};
  request.under = org;
  EvaluationContext context(plan, dataset, calendars, request);
  const FindingList findings = run_rules(context);
  const CompiledRule& compiled = context.rule(rule);
  CellExplanation explanation;
  const RuleOutcome& outcome = context.results().outcome(rule);
  auto it = std::lower_bound(outcome.periods.begin(), outcome.periods.end(), period);
  if (it == outcome.periods.end() || *it != period) return explanation;
  auto slot = static_cast<int32_t>(it - outcome.periods.begin());
  explanation.verdict = outcome.verdicts[static_cast<std::size_t>(slot)][static_cast<std::size_t>(org)];
  std::vector<Vec> lets(compiled.lets.size() + 1);
  Frame frame = context.cell_frame(&org, 1, &context.periods(rule), slot, &lets);
  for (std::size_t k = 0; k < compiled.lets.size(); ++k) {
    if (!compiled.lets[k].expr) continue;
    evaluate_expression(*compiled.lets[k].expr, frame, lets[k]);
    explanation.lets.emplace_back(compiled.lets[k].name, format_value(lets[k], 0, ""));
  }
  Vec& value = lets[static_cast<std::size_t>(compiled.value_slot)];
  evaluate_expression(*compiled.value, frame, value);
  explanation.value = format_value(value, 0, "decimal");
  for (const auto& finding : findings) {
    if (finding.rule == compiled.index && finding.org == org && finding.period == period)
      explanation.finding = finding;
  }
  return explanation;
}

}  // namespace cadence

#include "engine/eval/evaluator.h"

#include "engine/eval/driver.h"
#include "engine/eval/evaluation_context.h"

namespace cadence {

std::string_view to_string(Verdict verdict) {
  switch (verdict) {
    case Verdict::kOutOfScope: return "out of scope";
    case Verdict::kPass: return "pass";
    case Verdict::kWarn: return "warn";
    case Verdict::kFail: return "fail";
    case Verdict::kNoEvent: return "no event in this period";
    case Verdict::kZeroDenominator: return "zero denominator";
    case Verdict::kWaived: return "waived";
    case Verdict::kNoValue: return "no value";
    case Verdict::kPending: return "pending";
  }
  return "?";
}

Outcome evaluate(const Plan& plan, const Dataset& dataset, const Calendars& calendars,
                 const EvaluationRequest& request) {
  EvaluationContext context(plan, dataset, calendars, request);
  Outcome outcome;
  outcome.findings = run_rules(context);
  outcome.rules = context.results().take_outcomes();
  return outcome;
}

}  // namespace cadence

// Waivers: which waiver excuses a (rule, org, period), and the findings an
// evaluation waived, for the reports.
//
// A waived finding is not a finding: it has no score and counts in no total
// or rank (rules/README.md "Waivers"). The evaluation records its cell as
// Verdict::kWaived; waived_findings() reads those cells back so that every
// audit format can show them with the waiver's reason and expiry.
#pragma once

#include <optional>
#include <vector>

#include "engine/eval/evaluation_request.h"
#include "engine/eval/rule_results.h"
#include "engine/plan/plan.h"

namespace cadence {

// Whether `waiver` covers `org` in `period` at the audit's date `as_of`
// (an expired waiver no longer applies).
bool waiver_applies(const Waiver& waiver, const OrgTree& tree, OrgIndex org, const Period& period,
                    const std::optional<Date>& as_of);

struct WaivedFinding {
  int rule = 0;            // plan rule index
  OrgIndex org = kNoOrg;
  Period period;
  const Waiver* waiver = nullptr;  // the first of the rule's waivers that covers the cell
};

// The cells `outcomes` (by plan rule index, as Outcome::rules) record as
// waived in the periods the request asked for (under request.under when
// set), in org id, rule id, period order.
std::vector<WaivedFinding> waived_findings(const Plan& plan, const OrgTree& tree,
                                           const std::vector<RuleOutcome>& outcomes, const EvaluationRequest& request);

}  // namespace cadence

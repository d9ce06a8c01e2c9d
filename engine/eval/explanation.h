// One cell of one rule in words and numbers (`cadence explain`): the
// verdict, every let and the value for that org and period, and the finding
// when the cell failed or warned. It runs the rule (and the rules it reads)
// for that one org and period.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/eval/calendars.h"
#include "engine/eval/finding.h"
#include "engine/plan/plan.h"
#include "engine/table/dataset.h"

namespace cadence {

struct CellExplanation {
  Verdict verdict = Verdict::kOutOfScope;
  std::vector<std::pair<std::string, std::string>> lets;  // name → formatted value
  std::string value;                                      // formatted, "—" when null
  std::optional<Finding> finding;
};
CellExplanation explain_cell(const Plan& plan, const Dataset& dataset, const Calendars& calendars, int rule,
                             OrgIndex org, const Period& period);

}  // namespace cadence

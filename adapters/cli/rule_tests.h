// Running a pack's rule tests (`cadence check PACK --tests`), like
// `promtool test rules`: each test gives a few orgs and records inline, the
// periods to evaluate, and the findings expected as "rule,org,period,status"
// lines. A test passes when the findings are exactly those (restricted to the
// test's `rules` when it names some).
#pragma once

#include <string>
#include <vector>

#include "engine/plan/plan.h"

namespace cadence {

struct RuleTestResult {
  std::string name;
  SourceSpan span;
  bool passed = false;
  std::vector<std::string> missing;     // expected but not found
  std::vector<std::string> unexpected;  // found but not expected
  std::string error;                    // facts that did not type or build
};

std::vector<RuleTestResult> run_rule_tests(const Plan& plan);

}  // namespace cadence

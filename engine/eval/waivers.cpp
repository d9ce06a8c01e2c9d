#include "engine/eval/waivers.h"

#include <algorithm>

namespace cadence {

bool waiver_applies(const Waiver& waiver, const OrgTree& tree, OrgIndex org, const Period& period,
                    const std::optional<Date>& as_of) {
  if (waiver.expires && as_of && *waiver.expires < *as_of) return false;
  if (waiver.from && period.last_day() < waiver.from->first_day()) return false;
  if (waiver.to && period.first_day() > waiver.to->last_day()) return false;
  auto target = tree.find(waiver.org);
  if (!target) return false;
  return waiver.subtree ? tree.in_subtree(org, *target) : org == *target;
}

std::vector<WaivedFinding> waived_findings(const Plan& plan, const OrgTree& tree,
                                           const std::vector<RuleOutcome>& outcomes,
                                           const EvaluationRequest& request) {
  std::vector<WaivedFinding> waived;
  for (std::size_t r = 0; r < outcomes.size() && r < plan.rules.size(); ++r) {
    const RuleSpec& spec = *plan.rules[r].spec;
    if (spec.waivers.empty()) continue;
    const RuleOutcome& outcome = outcomes[r];
    for (std::size_t slot = 0; slot < outcome.periods.size(); ++slot) {
      if (slot >= outcome.requested.size() || !outcome.requested[slot]) continue;
      const std::vector<Verdict>& verdicts = outcome.verdicts[slot];
      for (std::size_t org = 0; org < verdicts.size(); ++org) {
        if (verdicts[org] != Verdict::kWaived) continue;
        const auto index = static_cast<OrgIndex>(org);
        if (request.under != kNoOrg && !tree.in_subtree(index, request.under)) continue;
        WaivedFinding finding{static_cast<int>(r), index, outcome.periods[slot], nullptr};
        for (const Waiver& waiver : spec.waivers) {
          if (waiver_applies(waiver, tree, index, finding.period, request.as_of)) {
            finding.waiver = &waiver;
            break;
          }
        }
        waived.push_back(finding);
      }
    }
  }
  std::sort(waived.begin(), waived.end(), [&](const WaivedFinding& a, const WaivedFinding& b) {
    if (a.org != b.org) return tree.id(a.org) < tree.id(b.org);
    const std::string& rule_a = plan.rules[static_cast<std::size_t>(a.rule)].spec->id;
    const std::string& rule_b = plan.rules[static_cast<std::size_t>(b.rule)].spec->id;
    if (rule_a != rule_b) return rule_a < rule_b;
    return a.period < b.period;
  });
  return waived;
}

}  // namespace cadence

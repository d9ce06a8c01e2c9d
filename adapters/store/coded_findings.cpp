#include "adapters/store/coded_findings.h"

#include "engine/eval/message.h"
#include "engine/eval/requirement.h"

namespace cadence {

CodedFindings to_coded(const Plan& plan, const Dataset& dataset, const FindingList& findings) {
  CodedFindings coded;
  coded.rules.reserve(plan.rules.size());
  for (const auto& rule : plan.rules) coded.rules.push_back(rule.spec->id);
  const OrgTree& tree = dataset.tree();
  coded.org_ids.reserve(static_cast<std::size_t>(tree.size()));
  for (OrgIndex org = 0; org < tree.size(); ++org) coded.org_ids.push_back(tree.id(org));
  ValueCodes periods(coded.periods);
  ValueCodes statuses(coded.statuses);
  ValueCodes gaps(coded.gaps);
  coded.findings.reserve(findings.size());
  for (const auto& finding : findings) {
    CodedFindings::Finding& row = coded.findings.emplace_back();
    row.rule = static_cast<uint32_t>(finding.rule);
    row.org = static_cast<uint32_t>(finding.org);
    // Kind, year and index name a period (ordinal() would compute dates).
    const Period& period = finding.period;
    row.period =
        periods.code({static_cast<uint64_t>(period.kind()) << 32 | static_cast<uint32_t>(period.year()),
                      static_cast<uint64_t>(static_cast<uint32_t>(period.index()))},
                     [&] { return period.to_string(); });
    row.status = statuses.code({static_cast<uint64_t>(finding.status), 0},
                               [&] { return std::string(to_string(finding.status)); });
    // The gap's text depends on its value alone (format_number without a
    // format), so equal values share a code.
    // An unknown gap (no line to measure against) is the empty text, code (0, 0).
    const Requirement requirement = requirement_of(plan.rules[static_cast<std::size_t>(finding.rule)], finding);
    const Rational gap = requirement.has_gap ? requirement.gap : Rational{0, 0};
    row.gap = gaps.code({static_cast<uint64_t>(gap.numerator), static_cast<uint64_t>(gap.denominator)},
                        [&] { return gap_text(requirement); });
    row.value_micros = finding.value_micros;
    row.score_micros = finding.score_micros;
    if (finding.has_ratio) {
      row.numerator = finding.numerator;
      row.denominator = finding.denominator;
    }
    row.message = finding.message;
  }
  return coded;
}

}  // namespace cadence

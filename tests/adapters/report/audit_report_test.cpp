#include "adapters/report/audit_report.h"

#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

#include "engine/eval/rational.h"
#include "tests/engine/eval/pack_builder.h"

namespace cadence {
namespace {

using testing::compile_or_fail;
using testing::make_pack;
using testing::rule;
using testing::root_with_branches;

TEST_CASE("the contract CSV is written in pieces and reads as one file, row for row") {
  // 600 branches × 52 weeks: over 1.2 MB of CSV, more than one piece.
  Dataset dataset = root_with_branches(600).build();
  auto pack = make_pack({rule("study.weekly_rate", PeriodKind::kWeek, "1", "value == 0")});
  auto plan = compile_or_fail(*pack);
  std::vector<Finding> made;
  for (OrgIndex org = 1; org < dataset.tree().size(); ++org) {
    for (int week = 1; week <= 52; ++week) {
      Finding finding;
      finding.rule = 0;
      finding.org = org;
      finding.period = Period::week(2023, week);
      finding.value_micros = (org * 7919 + week) % 1000000;
      finding.score_micros = 2000000 + (org * 104729 + week * 13) % 1000000;
      made.push_back(finding);
    }
  }
  const FindingList findings(std::move(made));
  const auto ranked = rank_findings(*plan, dataset, findings);
  std::vector<Rollup> rollups;
  AuditReportInput input;
  input.plan = plan.get();
  input.dataset = &dataset;
  input.ranked = &ranked;
  input.rollups = &rollups;

  std::ostringstream written;
  write_audit_report(input, AuditFormat::kContractCsv, written);

  // The same rows built one by one, as contract.md spells them.
  std::string expected = "rule,org_id,period,value,score\n";
  for (const auto& entry : ranked) {
    for (const Finding* finding : entry.findings) {
      expected += "study.weekly_rate," + std::string(dataset.tree().id(finding->org)) + "," +
                  finding->period.to_string() + "," + format_micros(finding->value_micros) + "," +
                  format_micros(finding->score_micros) + "\n";
    }
  }
  REQUIRE(expected.size() > (std::size_t{1} << 20));
  CHECK(written.str().size() == expected.size());
  CHECK(written.str() == expected);
}

}  // namespace
}  // namespace cadence

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

// The report of `findings` in `format`: ranked, without roll-ups.
std::string report(const Plan& plan, const Dataset& dataset, const FindingList& findings,
                   AuditFormat format) {
  const auto ranked = rank_findings(plan, dataset, findings);
  const std::vector<Rollup> rollups;
  AuditReportInput input;
  input.plan = &plan;
  input.dataset = &dataset;
  input.ranked = &ranked;
  input.rollups = &rollups;
  std::ostringstream written;
  write_audit_report(input, format, written);
  return written.str();
}

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
  const std::string written = report(*plan, dataset, findings, AuditFormat::kContractCsv);

  // The same rows built one by one, as contract.md spells them.
  std::string expected = "rule,org_id,period,value,score\n";
  for (const auto& entry : rank_findings(*plan, dataset, findings)) {
    for (const Finding* finding : entry.findings) {
      expected += "study.weekly_rate," + std::string(dataset.tree().id(finding->org)) + "," +
                  finding->period.to_string() + "," + format_micros(finding->value_micros) + "," +
                  format_micros(finding->score_micros) + "\n";
    }
  }
  REQUIRE(expected.size() > (std::size_t{1} << 20));
  CHECK(written.size() == expected.size());
  CHECK(written == expected);
}

TEST_CASE("a warning's threshold and gap are the warn line's, a failure's the fail line's, in CSV and JSON") {
  // Fails below 60 %, warns below 80 %: 3/5 warns and needs one more
  // learner to clear the warning (against the fail line it would need
  // none); 1/5 fails and needs two more to reach 60 %.
  Dataset dataset = root_with_branches(2).build();
  testing::RuleOptions options;
  options.warn = "value < 80%";
  auto pack = make_pack({rule("study.weekly_rate", PeriodKind::kWeek, "1", "value < 60%", options)});
  auto plan = compile_or_fail(*pack);
  auto rate = [](OrgIndex org, Verdict status, int64_t learners) {
    Finding finding;
    finding.org = org;
    finding.period = Period::week(2023, 10);
    finding.status = status;
    finding.value = Rational{learners, 5};
    finding.has_ratio = true;
    finding.numerator = learners;
    finding.denominator = 5;
    finding.value_micros = learners * 200000;
    finding.score_micros = 1000000;
    return finding;
  };
  const FindingList findings(std::vector<Finding>{rate(1, Verdict::kWarn, 3), rate(2, Verdict::kFail, 1)});
  const std::string csv = report(*plan, dataset, findings, AuditFormat::kCsv);
  CHECK(csv.find("study.weekly_rate,B1,2023-W10,0.600000,1.000000,warn,Branch,,,0.800000,3,5,1,") !=
        std::string::npos);
  CHECK(csv.find("study.weekly_rate,B2,2023-W10,0.200000,1.000000,fail,Branch,,,0.600000,1,5,2,") !=
        std::string::npos);
  const std::string json = report(*plan, dataset, findings, AuditFormat::kJson);
  CHECK(json.find(R"("status":"warn","severity":"medium","value":0.600000,"score":1.000000,"threshold":0.800000,)"
                  R"("numerator":3,"denominator":5,"gap":1.000000)") != std::string::npos);
  CHECK(json.find(R"("status":"fail","severity":"medium","value":0.200000,"score":1.000000,"threshold":0.600000,)"
                  R"("numerator":1,"denominator":5,"gap":2.000000)") != std::string::npos);
}

}  // namespace
}  // namespace cadence

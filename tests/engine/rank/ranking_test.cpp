#include "engine/rank/ranking.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "tests/engine/eval/pack_builder.h"

namespace cadence {
namespace {

using testing::compile_or_fail;
using testing::make_pack;
using testing::rule;
using testing::root_with_branches;

Finding finding(int rule_index, OrgIndex org, Period period, int64_t score_micros) {
  Finding result;
  result.rule = rule_index;
  result.org = org;
  result.period = period;
  result.score_micros = score_micros;
  return result;
}

std::vector<std::string> describe(const Plan& plan, const Dataset& dataset, const std::vector<RankedOrg>& ranked) {
  std::vector<std::string> lines;
  for (const auto& entry : ranked) {
    std::string line = std::string(dataset.tree().id(entry.org)) + " " + std::to_string(entry.total_micros) + ":";
    for (const Finding* f : entry.findings) {
      line += " " + plan.rules[static_cast<std::size_t>(f->rule)].spec->id + "/" + f->period.to_string() + "/" +
              std::to_string(f->score_micros);
    }
    lines.push_back(line);
  }
  return lines;
}

TEST_CASE("findings rank by score, rule id and period within an org, orgs by total score then id") {
  Dataset dataset = root_with_branches(10).build();
  // Plan order is not byte order: "b.rule" is rule 0, "a.rule" rule 1.
  auto pack = make_pack({rule("b.rule", PeriodKind::kWeek, "1", "value == 0"),
                         rule("a.rule", PeriodKind::kWeek, "1", "value == 0")});
  auto plan = compile_or_fail(*pack);
  auto org = [&](const char* id) { return *dataset.tree().find(id); };
  const Period w9 = Period::week(2023, 9);
  const Period w10 = Period::week(2023, 10);
  FindingList findings(std::vector<Finding>{
      finding(0, org("B9"), w10, 2000000), finding(1, org("B9"), w10, 2000000),
      finding(1, org("B9"), w9, 2000000), finding(0, org("B9"), w9, 3000000),
      finding(0, org("B10"), w10, 9000000),  // B10 and B9 tie on 9: byte order puts B10 first
      finding(1, org("B2"), w10, 1000000), finding(1, org("B2"), Period::week(2022, 52), 1000000),
      finding(1, org("B3"), w10, -500000), finding(0, org("B3"), w10, 0),  // a negative score ranks below 0
  });
  const auto ranked = rank_findings(*plan, dataset, findings);
  const std::vector<std::string> expected{
      "B10 9000000: b.rule/2023-W10/9000000",
      "B9 9000000: b.rule/2023-W09/3000000 a.rule/2023-W09/2000000 a.rule/2023-W10/2000000 "
      "b.rule/2023-W10/2000000",
      "B2 2000000: a.rule/2022-W52/1000000 a.rule/2023-W10/1000000",  // a year's last week first
      "B3 -500000: b.rule/2023-W10/0 a.rule/2023-W10/-500000",
  };
  CHECK(describe(*plan, dataset, ranked) == expected);
}

TEST_CASE("the ranking is the same whatever the thread count") {
  Dataset dataset = root_with_branches(200).build();
  auto pack = make_pack({rule("b.rule", PeriodKind::kWeek, "1", "value == 0"),
                         rule("a.rule", PeriodKind::kWeek, "1", "value == 0")});
  auto plan = compile_or_fail(*pack);
  // Uneven loads: early orgs have many findings, later ones few or none.
  // One list per week, as the evaluator makes them, so that each org's
  // findings lie in many lists, which the threads split among them.
  FindingList findings;
  for (int week = 1; week <= 30; ++week) {
    std::vector<Finding> made;
    for (OrgIndex org = 1; org < dataset.tree().size(); ++org) {
      int weeks = org < 20 ? 30 : org % 3;
      if (week > weeks) continue;
      made.push_back(finding(week % 2, org, Period::week(2023, week), (org * 7919 + week * 104729) % 5000000));
    }
    findings.append(std::move(made));
  }
  const auto one = describe(*plan, dataset, rank_findings(*plan, dataset, findings, 1));
  REQUIRE(one.size() > 100);
  for (int threads : {2, 3, 7, 64}) {
    CAPTURE(threads);
    CHECK(describe(*plan, dataset, rank_findings(*plan, dataset, findings, threads)) == one);
  }
}

}  // namespace
}  // namespace cadence

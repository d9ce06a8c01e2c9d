#include "engine/rank/ranking.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <functional>
#include <limits>
#include <string>
#include <utility>
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

// One finding of rule 0 ("a.rule") in 2023-W01 for each org but the root,
// scored by score(org), and the lines `describe` must give for them in
// contract.md's order (total descending, then id), found by a plain sort.
std::pair<FindingList, std::vector<std::string>> one_finding_per_org(
    const Dataset& dataset, const std::function<int64_t(OrgIndex)>& score) {
  std::vector<Finding> made;
  std::vector<std::pair<int64_t, std::string>> lines;  // (total, line)
  for (OrgIndex org = 1; org < dataset.tree().size(); ++org) {
    const int64_t total = score(org);
    made.push_back(finding(0, org, Period::week(2023, 1), total));
    lines.emplace_back(total, std::string(dataset.tree().id(org)) + " " + std::to_string(total) +
                                  ": a.rule/2023-W01/" + std::to_string(total));
  }
  std::sort(lines.begin(), lines.end(), [](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first > b.first;
    return a.second < b.second;  // the line starts with the org id and a space
  });
  std::vector<std::string> expected;
  for (auto& line : lines) expected.push_back(std::move(line.second));
  return {FindingList(std::move(made)), std::move(expected)};
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

TEST_CASE("among equal scores the graver rule comes first, then rule id, and scores still come first") {
  Dataset dataset = root_with_branches(3).build();
  auto low = rule("a.low", PeriodKind::kWeek, "1", "value == 0");
  low.severity = RuleSeverity::kLow;
  auto critical = rule("z.critical", PeriodKind::kWeek, "1", "value == 0");
  critical.severity = RuleSeverity::kCritical;
  auto medium = rule("m.medium", PeriodKind::kWeek, "1", "value == 0");  // the default
  auto pack = make_pack({low, critical, medium});
  auto plan = compile_or_fail(*pack);
  const OrgIndex b1 = *dataset.tree().find("B1");
  const Period w10 = Period::week(2023, 10);
  FindingList findings(std::vector<Finding>{finding(0, b1, w10, 2000000), finding(2, b1, w10, 2000000),
                                            finding(1, b1, w10, 2000000), finding(0, b1, w10, 3000000)});
  const auto ranked = rank_findings(*plan, dataset, findings);
  const std::vector<std::string> expected{
      "B1 9000000: a.low/2023-W10/3000000 z.critical/2023-W10/2000000 m.medium/2023-W10/2000000 "
      "a.low/2023-W10/2000000"};
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

TEST_CASE("orgs in many ranges and lists in and out of org order rank as one sort of all findings does") {
  // The ranking groups each range of orgs from the runs of each list whose
  // orgs lie in it: here 3,000 branches (several ranges), lists cut at
  // uneven orgs, one week in reverse org order and one in no order (cut by
  // reading their findings), the other weeks' lists with their org runs
  // given, checked against a plain sort of every finding.
  Dataset dataset = root_with_branches(3000).build();
  auto pack = make_pack({rule("b.rule", PeriodKind::kWeek, "1", "value == 0"),
                         rule("a.rule", PeriodKind::kWeek, "1", "value == 0")});
  auto plan = compile_or_fail(*pack);
  const OrgIndex orgs = dataset.tree().size();
  auto score = [](OrgIndex org, int week) {
    return static_cast<int64_t>((org * 7919 + week * 104729) % 4000000);
  };
  FindingList findings;
  std::vector<Finding> all;
  for (int week = 1; week <= 6; ++week) {
    std::vector<Finding> week_findings;
    for (OrgIndex org = 1; org < orgs; ++org) {
      if ((org + week) % 4 == 0) continue;
      week_findings.push_back(finding(week % 2, org, Period::week(2023, week), score(org, week)));
    }
    if (week == 2) std::reverse(week_findings.begin(), week_findings.end());
    if (week == 3) {
      for (std::size_t i = 0; i + 7 < week_findings.size(); i += 7)
        std::swap(week_findings[i], week_findings[i + 7]);
    }
    all.insert(all.end(), week_findings.begin(), week_findings.end());
    // Lists of 700 findings and then of the rest, cut wherever they fall.
    for (std::size_t from = 0; from < week_findings.size(); from += 700) {
      auto to = std::min(week_findings.size(), from + 700);
      std::vector<Finding> list(week_findings.begin() + static_cast<std::ptrdiff_t>(from),
                                week_findings.begin() + static_cast<std::ptrdiff_t>(to));
      if (week == 2 || week == 3) {
        findings.append(std::move(list));
        continue;
      }
      // In org order: the runs given, as the evaluator gives them.
      std::vector<FindingList::OrgRun> runs;
      for (std::size_t i = 0; i < list.size(); ++i) {
        const auto range =
            static_cast<uint32_t>(static_cast<std::size_t>(list[i].org) / FindingList::kRangeOrgs);
        if (i == 0 || runs.back().range != range) runs.push_back({static_cast<uint32_t>(i), range});
      }
      findings.append(std::move(list), std::move(runs));
    }
  }
  // The reference: contract.md's order, by a sort of all findings.
  std::vector<std::string> expected;
  {
    auto rule_id = [&](const Finding& f) { return plan->rules[static_cast<std::size_t>(f.rule)].spec->id; };
    std::sort(all.begin(), all.end(), [&](const Finding& a, const Finding& b) {
      if (a.org != b.org) return a.org < b.org;
      if (a.score_micros != b.score_micros) return a.score_micros > b.score_micros;
      if (rule_id(a) != rule_id(b)) return rule_id(a) < rule_id(b);
      return a.period.to_string() < b.period.to_string();
    });
    std::vector<std::pair<int64_t, std::string>> lines;  // (total, line)
    for (std::size_t i = 0; i < all.size();) {
      std::size_t j = i;
      int64_t total = 0;
      std::string findings_text;
      for (; j < all.size() && all[j].org == all[i].org; ++j) {
        total += all[j].score_micros;
        findings_text += " " + rule_id(all[j]) + "/" + all[j].period.to_string() + "/" +
                         std::to_string(all[j].score_micros);
      }
      lines.emplace_back(total, std::string(dataset.tree().id(all[i].org)) + " " + std::to_string(total) +
                                    ":" + findings_text);
      i = j;
    }
    std::sort(lines.begin(), lines.end(), [](const auto& a, const auto& b) {
      if (a.first != b.first) return a.first > b.first;
      return a.second < b.second;  // the line starts with the org id and a space
    });
    for (auto& line : lines) expected.push_back(std::move(line.second));
  }
  REQUIRE(expected.size() == static_cast<std::size_t>(orgs - 1));
  for (int threads : {1, 2, 5}) {
    CAPTURE(threads);
    CHECK(describe(*plan, dataset, rank_findings(*plan, dataset, findings, threads)) == expected);
  }
}

TEST_CASE("orgs of equal totals in many ranges rank by id across the ranges") {
  // The ranking works range by range (FindingList::kRangeOrgs orgs each):
  // with equal totals only the ids decide, across the ranges. Two
  // committees' branches interleave in id
  // order (even numbers under C1, odd under C2), so id order is neither
  // index order nor any one range's; byte order ("B10" before "B2") mixes
  // them further. Three totals, so that equal totals sit in runs of
  // different lengths; 2,501 orgs, five ranges (an odd number).
  testing::Rows rows{
      {"R", "", "Root", "committee"}, {"C1", "R", "Even", "committee"}, {"C2", "R", "Odd", "committee"}};
  for (int b = 1; b <= 2498; ++b)
    rows.push_back({"B" + std::to_string(b), b % 2 == 0 ? "C1" : "C2", "Branch", "branch"});
  testing::TestData data;
  data.orgs(rows);
  Dataset dataset = data.build();
  auto pack = make_pack({rule("a.rule", PeriodKind::kWeek, "1", "value == 0")});
  auto plan = compile_or_fail(*pack);
  const OrgIndex orgs = dataset.tree().size();
  const std::size_t ranges =
      (static_cast<std::size_t>(orgs) + FindingList::kRangeOrgs - 1) / FindingList::kRangeOrgs;
  REQUIRE(ranges % 2 == 1);
  // The committees too.
  const auto [findings, expected] =
      one_finding_per_org(dataset, [](OrgIndex org) { return int64_t{1000000} * (org % 3); });
  for (int threads : {1, 2}) {
    CAPTURE(threads);
    CHECK(describe(*plan, dataset, rank_findings(*plan, dataset, findings, threads)) == expected);
  }
}

TEST_CASE("orgs rank by totals of any size and sign as a comparison sort ranks them") {
  // Totals in every byte of the 64 bits: above 2^32 and 2^56, negative,
  // the extremes, and ties, so that each pass over a byte of the totals has
  // work to do and ties keep the id order they were given.
  Dataset dataset = root_with_branches(600).build();
  auto pack = make_pack({rule("a.rule", PeriodKind::kWeek, "1", "value == 0")});
  auto plan = compile_or_fail(*pack);
  const std::vector<int64_t> totals{0,
                                    1,
                                    -1,
                                    255,
                                    256,
                                    int64_t{1} << 32,
                                    (int64_t{1} << 32) + 7,
                                    -(int64_t{1} << 40),
                                    int64_t{3} << 56,
                                    std::numeric_limits<int64_t>::max(),
                                    std::numeric_limits<int64_t>::min(),
                                    123456789012345};
  const auto [findings, expected] = one_finding_per_org(
      dataset, [&](OrgIndex org) { return totals[static_cast<std::size_t>(org * 7 % 12)]; });
  CHECK(describe(*plan, dataset, rank_findings(*plan, dataset, findings, 2)) == expected);
}

}  // namespace
}  // namespace cadence

#include "engine/eval/evaluator.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "engine/eval/requirement.h"
#include "tests/engine/eval/pack_builder.h"

namespace cadence {
namespace {

using testing::compile_or_fail;
using testing::make_pack;
using testing::Rows;
using testing::rule;
using testing::RuleOptions;
using testing::TestData;

TestData county_with_two_branches() {
  TestData data;
  data.orgs({{"R", "", "Root", "committee"},
             {"C1", "R", "County", "committee"},
             {"B1", "C1", "Branch 1", "branch", "school", "Li"},
             {"B2", "C1", "Branch 2", "branch", "rural", ""}});
  data.members({{"M1", "B1", "a", "", "", "active"},
                {"M2", "B1", "b", "", "", "active"},
                {"M3", "B1", "c", "", "", "active"},
                {"M4", "B1", "d", "", "", "active"},
                {"M5", "B1", "e", "", "", "active"},
                {"M6", "B2", "f", "", "", "active"},
                {"M7", "B2", "g", "", "", "left"}});
  return data;
}

const Finding* find(const Outcome& outcome, const Dataset& dataset, const std::string& org, const std::string& period) {
  for (const auto& finding : outcome.findings) {
    if (dataset.tree().id(finding.org) == org && finding.period.to_string() == period) return &finding;
  }
  return nullptr;
}

RuleOptions rate_options() {
  RuleOptions options;
  options.lets = {{"active", "count(members, where: status == \"active\")"}, {"learners", "sum(study.learners)"}};
  options.scope = "org.kind == \"branch\" and active >= 1";
  options.warn = "value < 80%";
  options.message = "{org.name} {value:percent} ({learners}/{active})";
  options.weight = 2;
  return options;
}

TEST_CASE("a rate at the threshold passes, below fails, between the lines warns") {
  auto data = county_with_two_branches();
  // B1 has 5 active: 3/5 = 60% exactly (no finding) in W10, 2/5 fails in W11,
  // 4/5 passes in W12; a missing row is 0 learners (W13 fails at 0%).
  data.study({{"B1", "2023-W10", "3"}, {"B1", "2023-W11", "2"}, {"B1", "2023-W12", "4"}, {"B2", "2023-W10", "1"}});
  Dataset dataset = data.build();
  auto pack = make_pack({rule("rate", PeriodKind::kWeek, "ratio(learners, active, on_zero: skip)", "value < 60%",
                              rate_options())});
  auto plan = compile_or_fail(*pack);
  EvaluationRequest request;
  for (int week = 10; week <= 13; ++week) request.periods.push_back(Period::week(2023, week));
  Outcome outcome = evaluate(*plan, dataset, resolve_calendars(*plan, dataset), request);

  const Finding* exact = find(outcome, dataset, "B1", "2023-W10");
  REQUIRE(exact != nullptr);  // 60% is not < 60%, but it is < 80%: a warning
  CHECK(exact->status == Verdict::kWarn);
  const CompiledRule& rate = plan->rules[0];
  CHECK(requirement_of(rate, *exact).gap.numerator == 1);  // 4/5 reaches 80%: one more learner
  CHECK(exact->score_micros == 1250000);  // half of 2 × (1 + (0.8 − 0.6)/0.8)
  const Finding* below = find(outcome, dataset, "B1", "2023-W11");
  REQUIRE(below != nullptr);
  CHECK(below->status == Verdict::kFail);
  CHECK(below->numerator == 2);
  CHECK(below->denominator == 5);
  CHECK(requirement_of(rate, *below).gap.numerator == 1);  // 3/5 reaches 60%
  CHECK(below->value_micros == 400000);
  CHECK(below->score_micros == 2666667);       // 2 × (1 + (0.6 − 0.4)/0.6), half-up
  CHECK(below->message == "Branch 1 40.0% (2/5)");
  CHECK(find(outcome, dataset, "B1", "2023-W12") == nullptr);
  const Finding* absent = find(outcome, dataset, "B1", "2023-W13");
  REQUIRE(absent != nullptr);
  CHECK(absent->value_micros == 0);
  CHECK(requirement_of(rate, *absent).gap.numerator == 3);
  // B2 has one active member (M7 left): 1/1 passes, then 0/1 fails.
  CHECK(find(outcome, dataset, "B2", "2023-W10") == nullptr);
  CHECK(find(outcome, dataset, "B2", "2023-W11") != nullptr);
}

TEST_CASE("a rate above 100 % is counted per period, with the first org, not passed silently") {
  auto data = county_with_two_branches();
  // B1 has 5 active: 7 learners is 140 %; B2 has 1 active: 1 learner is 100 % (not above).
  data.study({{"B1", "2023-W10", "7"}, {"B2", "2023-W10", "1"}, {"B1", "2023-W11", "5"}});
  Dataset dataset = data.build();
  auto pack = make_pack({rule("rate", PeriodKind::kWeek, "ratio(learners, active, on_zero: skip)", "value < 60%",
                              rate_options())});
  auto plan = compile_or_fail(*pack);
  EvaluationRequest request;
  request.periods = {Period::week(2023, 10), Period::week(2023, 11)};
  Outcome outcome = evaluate(*plan, dataset, resolve_calendars(*plan, dataset), request);
  const RuleOutcome& rate = outcome.rules[0];
  REQUIRE(rate.rates_above_one.size() == 2);
  CHECK(rate.rates_above_one[0] == 1);
  CHECK(rate.first_above_one[0] == *dataset.tree().find("B1"));
  CHECK(rate.rates_above_one[1] == 0);
  CHECK(rate.first_above_one[1] == kNoOrg);
}

TEST_CASE("a count rule scores its weight twice, a warning half of that, whatever the value") {
  auto data = county_with_two_branches();
  // B1 has no row in W10 (0: fails) and 1 learner in W11 (warns below 2).
  data.study({{"B1", "2023-W11", "1"}, {"B2", "2023-W10", "5"}, {"B2", "2023-W11", "5"}});
  Dataset dataset = data.build();
  RuleOptions options;
  options.scope = "org.kind == \"branch\"";
  options.warn = "value < 2";
  options.weight = 1.5;
  auto pack = make_pack({rule("count", PeriodKind::kWeek, "sum(study.learners)", "value == 0", options)});
  auto plan = compile_or_fail(*pack);
  EvaluationRequest request;
  request.periods = {Period::week(2023, 10), Period::week(2023, 11)};
  Outcome outcome = evaluate(*plan, dataset, resolve_calendars(*plan, dataset), request);
  const Finding* failing = find(outcome, dataset, "B1", "2023-W10");
  const Finding* warning = find(outcome, dataset, "B1", "2023-W11");
  REQUIRE(failing != nullptr);
  REQUIRE(warning != nullptr);
  CHECK(failing->status == Verdict::kFail);
  CHECK(failing->score_micros == 3000000);  // 1.5 × (1 + 1)
  CHECK(warning->status == Verdict::kWarn);
  CHECK(warning->score_micros == 1500000);  // half
  CHECK(outcome.findings.size() == 2);
}

TEST_CASE("a zero denominator skips the org or counts as a violation, as declared") {
  TestData data;
  data.orgs({{"R", "", "Root", "committee"}, {"B1", "R", "Empty", "branch"}});
  Dataset dataset = data.build();
  for (auto [policy, expected] : {std::pair{"skip", Verdict::kZeroDenominator}, std::pair{"violation", Verdict::kFail}}) {
    RuleOptions options;
    options.scope = "org.kind == \"branch\"";
    auto pack = make_pack({rule("rate", PeriodKind::kWeek,
                                std::string("ratio(sum(study.learners), count(members), on_zero: ") + policy + ")",
                                "value < 60%", options)});
    auto plan = compile_or_fail(*pack);
    EvaluationRequest request;
    request.periods = {Period::week(2023, 10)};
    Outcome outcome = evaluate(*plan, dataset, resolve_calendars(*plan, dataset), request);
    CHECK(outcome.rules[0].verdicts[0][1] == expected);
    CHECK(outcome.findings.size() == (expected == Verdict::kFail ? 1u : 0u));
  }
}

// A county's week rate pooled over its subtree (the Guyuan roll-up's shape).
Outcome county_rollup(const Dataset& dataset, const std::string& fail) {
  RuleOptions options;
  options.scope = "org.depth == 1";
  options.lets = {{"learners", "sum(study.learners, over: subtree)"},
                  {"active", "count(members, over: subtree, where: status == \"active\")"}};
  auto pack = make_pack({rule("rollup", PeriodKind::kWeek, "ratio(learners, active, on_zero: skip)", fail, options)});
  auto plan = compile_or_fail(*pack);
  EvaluationRequest request;
  request.periods = {Period::week(2023, 10)};
  return evaluate(*plan, dataset, resolve_calendars(*plan, dataset), request);
}

TEST_CASE("a pooled rate over a subtree names the children that pulled it down") {
  auto data = county_with_two_branches();
  data.study({{"B1", "2023-W10", "1"}, {"B2", "2023-W10", "0"}});
  Dataset dataset = data.build();
  Outcome outcome = county_rollup(dataset, "value < 60%");
  const Finding* county = find(outcome, dataset, "C1", "2023-W10");
  REQUIRE(county != nullptr);
  CHECK(county->numerator == 1);    // pooled: 1 + 0 learners
  CHECK(county->denominator == 6);  // pooled: 5 + 1 active (M7 left)
  REQUIRE(county->pulled_down.size() == 2);
  // B1 lacks 3 − 1 = 2 learners, B2 lacks 0.6 − 0 = 0.6: B1 first.
  CHECK(dataset.tree().id(county->pulled_down[0].org) == "B1");
  CHECK(dataset.tree().id(county->pulled_down[1].org) == "B2");
}

TEST_CASE("a county's pooled rate names the branches under its township committees, not the townships") {
  TestData data;
  data.orgs({{"R", "", "Root", "committee"},
             {"C1", "R", "County", "committee"},
             {"T1", "C1", "Township 1", "committee"},
             {"T2", "C1", "Township 2", "committee"},
             {"B1", "T1", "Branch 1", "branch"},
             {"B2", "T1", "Branch 2", "branch"},
             {"B3", "T2", "Branch 3", "branch"}});
  data.members({{"M1", "B1", "a", "", "", "active"}, {"M2", "B1", "b", "", "", "active"},
                {"M3", "B2", "c", "", "", "active"}, {"M4", "B2", "d", "", "", "active"},
                {"M5", "B3", "e", "", "", "active"}, {"M6", "B3", "f", "", "", "active"}});
  // B1 2/2 passes; B2 0/2 and B3 1/2 fall short of 60%.
  data.study({{"B1", "2023-W10", "2"}, {"B2", "2023-W10", "0"}, {"B3", "2023-W10", "1"}});
  Dataset dataset = data.build();
  Outcome outcome = county_rollup(dataset, "value < 80%");
  const Finding* county = find(outcome, dataset, "C1", "2023-W10");
  REQUIRE(county != nullptr);  // 3/6 = 50%
  REQUIRE(county->pulled_down.size() == 2);
  // B2 lacks 1.6 − 0 = 1.6 learners, B3 lacks 1.6 − 1 = 0.6.
  CHECK(dataset.tree().id(county->pulled_down[0].org) == "B2");
  CHECK(dataset.tree().id(county->pulled_down[1].org) == "B3");
  CHECK(compare(county->pulled_down[0].shortfall, Rational{8, 5}) == 0);
}

// One branch with one active member, whose weekly rate fails every week
// without a study row; `rate_scope` may leave weeks out. The streak rule
// (`streak(rate)`, failing when `streak_fail`) is evaluated for `periods`:
// each finding's streak by its period, and the number of findings.
struct Streaks {
  std::map<std::string, int64_t> by_period;
  std::size_t findings = 0;
};
Streaks one_branch_streaks(const Rows& study, const std::string& rate_scope, const std::string& streak_fail,
                           const std::vector<Period>& periods) {
  TestData data;
  data.orgs({{"R", "", "Root", "committee"}, {"B1", "R", "B", "branch"}});
  data.members({{"M1", "B1", "a", "", "", "active"}});
  if (!study.empty()) data.study(study);
  Dataset dataset = data.build();
  RuleOptions weekly;
  weekly.scope = rate_scope;
  RuleOptions branches;
  branches.scope = "org.kind == \"branch\"";
  auto pack = make_pack(
      {rule("rate", PeriodKind::kWeek, "ratio(sum(study.learners), count(members))", "value < 60%", weekly),
       rule("streak", PeriodKind::kWeek, "streak(rate)", streak_fail, branches)});
  auto plan = compile_or_fail(*pack);
  EvaluationRequest request;
  request.periods = periods;
  request.rules = {1};
  Outcome outcome = evaluate(*plan, dataset, resolve_calendars(*plan, dataset), request);
  Streaks streaks;
  for (const auto& finding : outcome.findings)
    streaks.by_period[finding.period.to_string()] = finding.value.numerator;
  streaks.findings = outcome.findings.size();
  return streaks;
}

TEST_CASE("a streak counts failing periods, skips unevaluated ones and restarts with the year") {
  // Passing only in 2023-W05; 2023-W03 is out of the rate's scope.
  auto streaks = one_branch_streaks(
      {{"B1", "2023-W05", "1"}}, "org.kind == \"branch\" and period != 2023-W03", "value >= 3",
      {Period::week(2023, 4), Period::week(2023, 5), Period::week(2023, 8), Period::week(2024, 2)});
  // W01, W02 fail, W03 not evaluated (skipped, not a break), W04 fails: 3.
  CHECK(streaks.by_period["2023-W04"] == 3);
  CHECK(streaks.by_period.count("2023-W05") == 0);  // passed
  CHECK(streaks.by_period["2023-W08"] == 3);        // W06, W07, W08
  CHECK(streaks.by_period.count("2024-W02") == 0);  // a new year: W01, W02 only
  CHECK(streaks.findings == 2);
}

// A period the rate did not evaluate neither ends a run nor has one: the
// streak ending there is 0, and the run goes on after it.
TEST_CASE("a streak is zero in a period its rule did not evaluate, and goes on after it") {
  auto streaks = one_branch_streaks({}, "org.kind == \"branch\" and period != 2023-W03", "value >= 1",
                                    {Period::week(2023, 2), Period::week(2023, 3), Period::week(2023, 4)});
  CHECK(streaks.by_period["2023-W02"] == 2);
  CHECK(streaks.by_period.count("2023-W03") == 0);  // not evaluated: no run ends there
  CHECK(streaks.by_period["2023-W04"] == 3);        // W01, W02, W04
  CHECK(streaks.findings == 2);
}

TEST_CASE("a streak runs the whole of a 53-week year and starts again with the next") {
  // The longest run there is: every week of ISO year 2020 (53 weeks) fails.
  auto streaks = one_branch_streaks({}, "org.kind == \"branch\"", "value >= 1",
                                    {Period::week(2020, 52), Period::week(2020, 53), Period::week(2021, 1)});
  CHECK(streaks.by_period["2020-W52"] == 52);
  CHECK(streaks.by_period["2020-W53"] == 53);
  CHECK(streaks.by_period["2021-W01"] == 1);
}

TEST_CASE("a value against a number constant is compared exactly, the constant on either side") {
  TestData data;
  data.orgs({{"R", "", "Root", "committee"},
             {"B1", "R", "B", "branch"},
             {"B2", "R", "C", "branch"},
             {"B3", "R", "D", "branch"},
             {"B4", "R", "E", "branch"}});
  // Rates 3/5 (exactly 60 %), 2/5 and 4/5; B4 has no active member (a zero
  // denominator: never compared). Learners 3, 2, 4 and 1.
  Rows members;
  for (const char* org : {"B1", "B2", "B3"}) {
    for (int i = 0; i < 5; ++i)
      members.push_back({std::string(org) + "-" + std::to_string(i), org, "", "", "", "active"});
  }
  data.members(members);
  data.study(
      {{"B1", "2023-W10", "3"}, {"B2", "2023-W10", "2"}, {"B3", "2023-W10", "4"}, {"B4", "2023-W10", "1"}});
  Dataset dataset = data.build();
  RuleOptions branches;
  branches.scope = "org.kind == \"branch\"";
  const std::string rate = "ratio(sum(study.learners), count(members, where: status == \"active\"))";
  const std::string learners = "sum(study.learners)";
  const std::vector<std::tuple<std::string, std::string, std::vector<std::string>>> cases = {
      {rate, "value < 60%", {"B2"}},          {rate, "60% > value", {"B2"}},
      {rate, "value <= 0.6", {"B1", "B2"}},   {rate, "0.6 >= value", {"B1", "B2"}},
      {rate, "value == 60%", {"B1"}},         {rate, "value != 60%", {"B2", "B3"}},
      {rate, "value > 0.6", {"B3"}},          {rate, "value >= 60%", {"B1", "B3"}},
      {learners, "value >= 3", {"B1", "B3"}}, {learners, "2.5 < value", {"B1", "B3"}},
      {learners, "value == 1", {"B4"}},       {learners, "value <= 2.5", {"B2", "B4"}},
  };
  for (const auto& [value, fail, expected] : cases) {
    INFO(value << " with fail: " << fail);
    auto pack = make_pack({rule("r", PeriodKind::kWeek, value, fail, branches)});
    auto plan = compile_or_fail(*pack);
    EvaluationRequest request;
    request.periods = {Period::week(2023, 10)};
    Outcome outcome = evaluate(*plan, dataset, resolve_calendars(*plan, dataset), request);
    std::vector<std::string> failing;
    for (const auto& finding : outcome.findings) failing.emplace_back(dataset.tree().id(finding.org));
    CHECK(failing == expected);
  }
}

TEST_CASE("rules judge a scope by their own lets and share one that reads none, on any number of threads") {
  // 5,000 branches: two batches of 4,096 orgs, judged on the threads. A
  // branch b has an active member when b % 5 == 0. Two rules spell their
  // scope `n >= 1` alike but define n differently: each must judge it by its
  // own let. Two more read only `org.kind`, which they share. Every org in
  // scope fails (value 1), so each rule's findings are its scope.
  constexpr int kBranches = 5000;
  TestData data = testing::root_with_branches(kBranches);
  Rows members;
  for (int b = 5; b <= kBranches; b += 5)
    members.push_back({"M" + std::to_string(b), "B" + std::to_string(b), "m", "", "", "active"});
  data.members(members);
  Dataset dataset = data.build();
  RuleOptions counted;
  counted.lets = {{"n", "count(members, where: status == \"active\")"}};
  counted.scope = "n >= 1";
  RuleOptions constant;
  constant.lets = {{"n", "2"}};
  constant.scope = "n >= 1";
  RuleOptions through;  // n reads another let
  through.lets = {{"c", "count(members, where: status == \"active\")"}, {"n", "c"}};
  through.scope = "n >= 1";
  RuleOptions branches;
  branches.scope = "org.kind == \"branch\"";
  // Printed without escaping, one text with quotes in it read as two texts:
  // a scope of every org and one of none would have shared a list.
  RuleOptions either;
  either.scope = "org.kind in [\"branch\", \"committee\"]";
  RuleOptions quoted;
  quoted.scope = "org.kind in [\"branch\\\" \\\"committee\"]";
  auto pack = make_pack({rule("counted", PeriodKind::kYear, "1", "value == 1", counted),
                         rule("constant", PeriodKind::kYear, "1", "value == 1", constant),
                         rule("branches.a", PeriodKind::kYear, "1", "value == 1", branches),
                         rule("branches.b", PeriodKind::kYear, "1", "value == 1", branches),
                         rule("through", PeriodKind::kYear, "1", "value == 1", through),
                         rule("either", PeriodKind::kYear, "1", "value == 1", either),
                         rule("quoted", PeriodKind::kYear, "1", "value == 1", quoted)});
  auto plan = compile_or_fail(*pack);
  auto findings_by_rule = [&](int threads) {
    EvaluationRequest request;
    request.periods = {Period::year(2023)};
    request.threads = threads;
    Outcome outcome = evaluate(*plan, dataset, resolve_calendars(*plan, dataset), request);
    std::map<int, std::vector<std::string>> orgs;
    for (const auto& finding : outcome.findings)
      orgs[finding.rule].emplace_back(dataset.tree().id(finding.org));
    return orgs;
  };
  const auto one = findings_by_rule(1);
  REQUIRE(one.size() == 6);  // "quoted" finds none
  std::vector<std::string> with_members;
  for (int b = 5; b <= kBranches; b += 5) with_members.push_back("B" + std::to_string(b));
  std::vector<std::string> counted_orgs = one.at(0);
  std::sort(counted_orgs.begin(), counted_orgs.end());
  std::sort(with_members.begin(), with_members.end());
  CHECK(counted_orgs == with_members);
  CHECK(one.at(1).size() == static_cast<std::size_t>(kBranches + 1));  // the root too
  CHECK(one.at(2).size() == static_cast<std::size_t>(kBranches));
  CHECK(one.at(3) == one.at(2));
  CHECK(one.at(4) == one.at(0));
  CHECK(one.at(5).size() == static_cast<std::size_t>(kBranches + 1));
  CHECK(one.count(6) == 0);
  CHECK(findings_by_rule(2) == one);
}

TEST_CASE("streaks are counted by ranges of orgs, the same on any number of threads") {
  // More orgs than one range of 8,192, so that the threads share them.
  constexpr int kBranches = 9000;
  TestData data = testing::root_with_branches(kBranches);
  // Branch b learns only in the weeks w with (b + w) % 4 == 0, and fails
  // the other weeks.
  Rows study;
  for (int b = 1; b <= kBranches; ++b) {
    for (int week = 1; week <= 8; ++week) {
      if ((b + week) % 4 == 0)
        study.push_back({"B" + std::to_string(b), Period::week(2023, week).to_string(), "1"});
    }
  }
  data.study(study);
  Dataset dataset = data.build();
  RuleOptions branches;
  branches.scope = "org.kind == \"branch\"";
  auto pack = make_pack({rule("learns", PeriodKind::kWeek, "sum(study.learners)", "value < 1", branches),
                         rule("streak", PeriodKind::kWeek, "streak(learns)", "value >= 3", branches)});
  auto plan = compile_or_fail(*pack);
  auto streaks = [&](int threads) {
    EvaluationRequest request;
    for (int week = 1; week <= 8; ++week) request.periods.push_back(Period::week(2023, week));
    request.rules = {1};
    request.threads = threads;
    Outcome outcome = evaluate(*plan, dataset, resolve_calendars(*plan, dataset), request);
    std::map<std::string, int64_t> result;
    for (const auto& finding : outcome.findings) {
      result[std::string(dataset.tree().id(finding.org)) + " " + finding.period.to_string()] =
          finding.value.numerator;
    }
    return result;
  };
  const auto one = streaks(1);
  // B9000 learns in W04 and W08: W01-W03 fail (3), W05-W07 fail (3).
  CHECK(one.at("B9000 2023-W03") == 3);
  CHECK(one.at("B9000 2023-W07") == 3);
  CHECK(one.count("B9000 2023-W08") == 0);
  // B8999 learns in W01 and W05: W02-W04 fail (3), W06-W08 fail (3).
  CHECK(one.at("B8999 2023-W04") == 3);
  CHECK(one.at("B8999 2023-W08") == 3);
  // Runs of three end in W03 and W07 when b % 4 == 0, in W04 and W08 when
  // b % 4 == 3, and once (W06, W05) for b % 4 == 1 and 2: six per four branches.
  CHECK(one.size() == static_cast<std::size_t>(kBranches) / 4 * 6);
  CHECK(streaks(3) == one);
}

// `branches` branches under a root (more than one batch of 4,096 orgs at
// 5,000) with a learner in the weeks of 2023 up to `weeks` where
// learns(branch number, week) holds, and a weekly rule that fails a branch
// without one.
struct LearningBranches {
  template <typename Learns>
  LearningBranches(int branches, int weeks, Learns learns) : dataset(build(branches, weeks, learns)) {
    RuleOptions scope;
    scope.scope = "org.kind == \"branch\"";
    pack = make_pack({rule("learns", PeriodKind::kWeek, "sum(study.learners)", "value < 1", scope)});
    plan = compile_or_fail(*pack);
  }
  template <typename Learns>
  static Dataset build(int branches, int weeks, Learns learns) {
    TestData data = testing::root_with_branches(branches);
    Rows study;
    for (int b = 1; b <= branches; ++b) {
      for (int week = 1; week <= weeks; ++week) {
        if (learns(b, week))
          study.push_back({"B" + std::to_string(b), Period::week(2023, week).to_string(), "1"});
      }
    }
    data.study(study);
    return data.build();
  }

  Dataset dataset;
  std::unique_ptr<Pack> pack;
  std::unique_ptr<Plan> plan;
};

TEST_CASE("a batch the verdict loop takes the short way gives the general loop's verdicts and findings") {
  // A rule with only a fail test, every org of the batch in scope and no
  // null value takes a loop of its own; `under` the root, or values kept
  // for another reader, send the same cells through the general loop.
  // More than one batch of 4,096 orgs.
  constexpr int kBranches = 5000;
  const LearningBranches learning(kBranches, 3, [](int b, int week) { return (b * 7 + week) % 5 < 2; });
  const Dataset& dataset = learning.dataset;
  const Plan* plan = learning.plan.get();
  auto run = [&](bool under_root, bool keep_values) {
    EvaluationRequest request;
    for (int week = 1; week <= 3; ++week) request.periods.push_back(Period::week(2023, week));
    if (under_root) request.under = 0;
    request.keep_values = keep_values;
    Outcome outcome = evaluate(*plan, dataset, resolve_calendars(*plan, dataset), request);
    std::vector<std::string> findings;
    for (const auto& finding : outcome.findings) {
      findings.push_back(std::string(dataset.tree().id(finding.org)) + " " + finding.period.to_string() +
                         " " + std::to_string(finding.value.numerator) + " " +
                         std::string(to_string(finding.status)));
    }
    return std::make_pair(outcome.rules[0].verdicts, findings);
  };
  const auto plain = run(false, false);
  // (b * 7 + w) % 5 >= 2 fails: three weeks in five, for each week.
  CHECK(plain.second.size() == static_cast<std::size_t>(kBranches) * 3 * 3 / 5);
  const auto failing = std::count(plain.first[0].begin(), plain.first[0].end(), Verdict::kFail);
  CHECK(failing == kBranches * 3 / 5);
  CHECK(plain.first[0][0] == Verdict::kOutOfScope);  // the root is not a branch
  CHECK(run(true, false) == plain);
  CHECK(run(false, true) == plain);
}

TEST_CASE("each list of findings comes with the runs of org ranges its findings lie in") {
  // The ranking cuts lists by these runs without reading the findings: they
  // must be exactly the runs of org index / kRangeOrgs along each list.
  // 5,000 branches: batches of 4,096 orgs spanning ranges of 512, and lists
  // that start mid-range.
  const LearningBranches learning(5000, 2, [](int b, int week) { return week == 2 && b % 3 == 1; });
  const Dataset& dataset = learning.dataset;
  const Plan* plan = learning.plan.get();
  EvaluationRequest request;
  request.periods = {Period::week(2023, 1), Period::week(2023, 2)};
  Outcome outcome = evaluate(*plan, dataset, resolve_calendars(*plan, dataset), request);
  const auto& lists = outcome.findings.lists();
  REQUIRE(lists.size() >= 4);  // two batches a week
  for (std::size_t list = 0; list < lists.size(); ++list) {
    CAPTURE(list);
    std::vector<std::pair<uint32_t, uint32_t>> expected;  // (begin, range)
    for (std::size_t i = 0; i < lists[list].size(); ++i) {
      const auto range =
          static_cast<uint32_t>(static_cast<std::size_t>(lists[list][i].org) / FindingList::kRangeOrgs);
      if (expected.empty() || expected.back().second != range)
        expected.emplace_back(static_cast<uint32_t>(i), range);
    }
    std::vector<std::pair<uint32_t, uint32_t>> given;
    for (const auto& run : outcome.findings.runs(list)) given.emplace_back(run.begin, run.range);
    CHECK(given == expected);
    CHECK(expected.size() > 1);
  }
}

TEST_CASE("failed() reads the other rule's verdict for the cell's org and period") {
  TestData data;
  data.orgs({{"R", "", "Root", "committee"}, {"B1", "R", "B", "branch"}, {"B2", "R", "C", "branch"}});
  // B1 fails `low` in W10 only, B2 in W11 only; R is out of low's scope.
  data.study({{"B1", "2023-W11", "5"}, {"B2", "2023-W10", "5"}});
  Dataset dataset = data.build();
  RuleOptions branches;
  branches.scope = "org.kind == \"branch\"";
  auto pack = make_pack({rule("low", PeriodKind::kWeek, "sum(study.learners)", "value < 3", branches),
                         rule("echo", PeriodKind::kWeek, "if failed(low) then 1 else 0", "value == 1")});
  auto plan = compile_or_fail(*pack);
  EvaluationRequest request;
  request.periods = {Period::week(2023, 10), Period::week(2023, 11)};
  request.rules = {1};
  Outcome outcome = evaluate(*plan, dataset, resolve_calendars(*plan, dataset), request);
  std::vector<std::string> echoed;
  for (const auto& finding : outcome.findings) {
    echoed.push_back(std::string(dataset.tree().id(finding.org)) + " " + finding.period.to_string());
  }
  CHECK(echoed == std::vector<std::string>{"B1 2023-W10", "B2 2023-W11"});
}

TEST_CASE("every aggregate function gives its exact value, pooled or not, and empty cells follow absence rules") {
  TestData data;
  data.orgs({{"R", "", "Root", "committee"}, {"B1", "R", "B", "branch"}, {"B2", "R", "C", "branch"}});
  // W10, W11 and W12 lie in March 2023; B2 has no rows.
  data.study({{"B1", "2023-W10", "1"}, {"B1", "2023-W11", "2"}, {"B1", "2023-W12", "2"}});
  Dataset dataset = data.build();
  RuleOptions branches;
  branches.scope = "org.kind == \"branch\"";
  RuleOptions pooled;
  pooled.scope = "org.id == \"R\"";
  auto pack = make_pack({rule("avg", PeriodKind::kMonth, "avg(study.learners)", "value > -1", branches),
                         rule("min", PeriodKind::kMonth, "min(study.learners)", "value > -1", branches),
                         rule("max", PeriodKind::kMonth, "max(study.learners)", "value > -1", branches),
                         rule("distinct", PeriodKind::kMonth, "count_distinct(study.learners)", "value > -1", branches),
                         rule("sum", PeriodKind::kMonth, "sum(study.learners, over: subtree)", "value > -1", pooled),
                         rule("reads", PeriodKind::kMonth, "value(avg)", "value > 1", branches)});
  auto plan = compile_or_fail(*pack);
  EvaluationRequest request;
  request.periods = {Period::month(2023, 3)};
  Outcome outcome = evaluate(*plan, dataset, resolve_calendars(*plan, dataset), request);
  std::map<std::string, int64_t> micros;
  for (const auto& finding : outcome.findings) {
    micros[plan->rules[static_cast<std::size_t>(finding.rule)].spec->id + " " +
           std::string(dataset.tree().id(finding.org))] = finding.value_micros;
  }
  CHECK(micros["avg B1"] == 1666667);      // 5/3, rounded half-up
  CHECK(micros["min B1"] == 1000000);
  CHECK(micros["max B1"] == 2000000);
  CHECK(micros["distinct B1"] == 2000000);  // 1 and 2
  CHECK(micros["distinct B2"] == 0);        // absence is 0 distinct values
  CHECK(micros["sum R"] == 5000000);
  CHECK(micros["reads B1"] == 1666667);
  // avg, min and max of no rows are null: B2 is not evaluated, not 0.
  CHECK(micros.count("avg B2") == 0);
  CHECK(micros.count("min B2") == 0);
  CHECK(outcome.rules[0].verdicts[0][2] == Verdict::kNoValue);
  // Only the value another rule reads is kept; keep_values keeps them all.
  CHECK(!outcome.rules[0].values.empty());
  CHECK(outcome.rules[1].values.empty());
  request.keep_values = true;
  Outcome kept = evaluate(*plan, dataset, resolve_calendars(*plan, dataset), request);
  REQUIRE(!kept.rules[1].values.empty());
  CHECK(kept.rules[1].values[0][1].numerator == 1);
}

// `sum(study.learners, over: subtree) * 100 + active` (active pooled too)
// for W10 and W11, by slot and org: folded from the per-org twins that a
// second rule reads (`with_twin`), or read from the rows.
std::vector<std::vector<Rational>> pooled_values(const Dataset& dataset, bool with_twin) {
  std::vector<RuleSpec> rules;
  RuleOptions every;
  every.lets = {{"active", "count(members, where: status == \"active\", over: subtree)"}};
  rules.push_back(rule("pooled", PeriodKind::kWeek, "sum(study.learners, over: subtree) * 100 + active",
                       "value > -1", every));
  if (with_twin) {
    RuleOptions own;
    own.lets = {{"active", "count(members, where: status == \"active\")"}};
    rules.push_back(rule("own", PeriodKind::kWeek, "sum(study.learners) * 100 + active", "value > -1", own));
  }
  auto pack = make_pack(rules);
  auto plan = compile_or_fail(*pack);
  EvaluationRequest request;
  request.periods = {Period::week(2023, 10), Period::week(2023, 11)};
  request.keep_values = true;
  Outcome outcome = evaluate(*plan, dataset, resolve_calendars(*plan, dataset), request);
  return outcome.rules[0].values;
}

void check_same_values(const std::vector<std::vector<Rational>>& twin,
                       const std::vector<std::vector<Rational>>& rows) {
  REQUIRE(twin.size() == 2);
  REQUIRE(rows.size() == 2);
  for (std::size_t slot = 0; slot < 2; ++slot) {
    REQUIRE(twin[slot].size() == rows[slot].size());
    for (std::size_t org = 0; org < twin[slot].size(); ++org)
      CHECK(compare(twin[slot][org], rows[slot][org]) == 0);
  }
}

TEST_CASE("a pooled count or sum is the same whether folded from its per-org twin or read from the rows") {
  // The aggregator pools `sum(x, over: subtree)` from `sum(x)` when a rule
  // also reads the latter; a pack without the twin reads the rows.
  TestData data = county_with_two_branches();
  data.study({{"B1", "2023-W10", "4"}, {"B2", "2023-W10", "1"}, {"B2", "2023-W11", "3"}});
  Dataset dataset = data.build();
  auto twin = pooled_values(dataset, true);
  check_same_values(twin, pooled_values(dataset, false));
  auto org = [&](const char* id) { return static_cast<std::size_t>(*dataset.tree().find(id)); };
  // W10: R and C1 pool 4 + 1 learners and 6 active members; B2 has 1 and 1.
  CHECK(twin[0][org("R")].numerator == 506);
  CHECK(twin[0][org("C1")].numerator == 506);
  CHECK(twin[0][org("B2")].numerator == 101);
  CHECK(twin[1][org("R")].numerator == 306);
}

TEST_CASE("a pooled twin keeps the cells of inner orgs: committees with rows of their own, at every depth") {
  // The folded twin keeps a column per org with children and reads a
  // leaf's cell from the per-org twin; leaves are summed in runs of
  // consecutive orgs under one parent. Pre-order (children in id order)
  // here is R, C1, B3, T1, B1, B2, X1, C2, B4, C3: leaves and inner orgs
  // interleave, B2 and X1 and then B4 and C3 are consecutive leaves of
  // different parents, and two committees have study rows of their own.
  TestData data;
  data.orgs({{"R", "", "Root", "committee"},
             {"C1", "R", "County 1", "committee"},
             {"T1", "C1", "Township", "committee"},
             {"B1", "T1", "Branch 1", "branch"},
             {"B2", "T1", "Branch 2", "branch"},
             {"B3", "C1", "Branch 3", "branch"},
             {"X1", "C1", "Branch X", "branch"},
             {"C2", "R", "County 2", "committee"},
             {"B4", "C2", "Branch 4", "branch"},
             {"C3", "R", "County 3", "committee"}});
  data.members({{"M1", "B1", "a", "", "", "active"},
                {"M2", "B2", "b", "", "", "active"},
                {"M3", "B3", "c", "", "", "active"},
                {"M4", "B4", "d", "", "", "active"},
                {"M5", "C2", "e", "", "", "active"},
                {"M6", "T1", "f", "", "", "active"},
                {"M7", "C3", "g", "", "", "active"},
                {"M8", "X1", "h", "", "", "active"}});
  data.study({{"B1", "2023-W10", "1"},
              {"B2", "2023-W10", "2"},
              {"B3", "2023-W10", "4"},
              {"B4", "2023-W10", "8"},
              {"T1", "2023-W10", "16"},
              {"C3", "2023-W10", "128"},
              {"X1", "2023-W10", "256"},
              {"C2", "2023-W11", "32"},
              {"B4", "2023-W11", "64"}});
  Dataset dataset = data.build();
  auto twin = pooled_values(dataset, true);
  check_same_values(twin, pooled_values(dataset, false));
  auto value = [&](std::size_t slot, const char* id) {
    return twin[slot][static_cast<std::size_t>(*dataset.tree().find(id))].numerator;
  };
  // W10 learners: T1 = 16 + 1 + 2, C1 = T1 + 4 + 256, C2 = 8, R = C1 + C2 + 128.
  CHECK(value(0, "T1") == 1900 + 3);
  CHECK(value(0, "C1") == 27900 + 5);
  CHECK(value(0, "C2") == 800 + 2);
  CHECK(value(0, "R") == 41500 + 8);
  CHECK(value(0, "B3") == 400 + 1);
  CHECK(value(0, "X1") == 25600 + 1);
  CHECK(value(0, "C3") == 12800 + 1);  // a committee without branches is a leaf
  CHECK(value(1, "C2") == 9600 + 2);
  CHECK(value(1, "B4") == 6400 + 1);
  CHECK(value(1, "R") == 9600 + 8);
}

TEST_CASE("ratio keeps the exact pair, normalises a negative denominator and applies the zero policy") {
  TestData data = county_with_two_branches();
  Dataset dataset = data.build();
  RuleOptions options;
  options.scope = "org.kind == \"branch\"";
  auto pack = make_pack({rule("negative", PeriodKind::kYear, "ratio(count(members), 0 - count(members, where: status == \"active\"))",
                              "value > -1", options),
                         rule("zero", PeriodKind::kYear,
                              "ratio(count(members), count(members, where: status == \"gone\"), on_zero: 7)",
                              "value > -1", options)});
  auto plan = compile_or_fail(*pack);
  EvaluationRequest request;
  request.periods = {Period::year(2023)};
  request.keep_values = true;
  Outcome outcome = evaluate(*plan, dataset, resolve_calendars(*plan, dataset), request);
  auto b2 = static_cast<std::size_t>(*dataset.tree().find("B2"));
  // B2: 2 members, 1 active: 2 / −1 is −2, kept with a positive denominator.
  const Rational negative = outcome.rules[0].values[0][b2];
  CHECK(negative.numerator == -2);
  CHECK(negative.denominator == 1);
  // No member is "gone": the declared value replaces the ratio.
  const Rational zero = outcome.rules[1].values[0][b2];
  CHECK(compare(zero, Rational{7, 1}) == 0);
  CHECK(outcome.rules[1].verdicts[0][b2] == Verdict::kFail);  // 7 > −1: evaluated, not skipped
}

TEST_CASE("a rate's value and score are exact whatever the size of its parts") {
  // x / 3x is 1/3 for every branch: 2 × (1 + (0.6 − 1/3) / 0.6) = 26/9.
  // Week 10's batch has only parts below 2^61, which the ratio copies in
  // one pass; week 11's has larger ones and takes the loop of checks, which
  // keeps a pair below 2^62 (10^18 / 3·10^18) and reduces one beyond
  // (2·10^18 / 6·10^18 is 1/3). The score takes one fraction while the parts
  // fit 31 bits (1/3, 1/3 reduced) and the general path beyond.
  TestData data;
  data.orgs({{"R", "", "Root", "committee"},
             {"B1", "R", "B", "branch"},
             {"B2", "R", "C", "branch"},
             {"B3", "R", "D", "branch"}});
  // learners x in the week, and 3x attendees at an activity of the week.
  const std::vector<std::tuple<const char*, int, const char*, const char*>> parts = {
      {"B1", 10, "1", "3"},
      {"B2", 10, "1000000000", "3000000000"},
      {"B3", 10, "7", "21"},
      {"B1", 11, "1", "3"},
      {"B2", 11, "1000000000000000000", "3000000000000000000"},
      {"B3", 11, "2000000000000000000", "6000000000000000000"}};
  Rows study;
  Rows activities;
  for (const auto& [org, week, learners, attendees] : parts) {
    study.push_back({org, Period::week(2023, week).to_string(), learners});
    activities.push_back({std::string(org) + "-" + std::to_string(week), org, "lesson",
                          Period::week(2023, week).first_day().to_string(), attendees});
  }
  data.study(study);
  data.activities(activities);
  Dataset dataset = data.build();
  RuleOptions options;
  options.scope = "org.kind == \"branch\"";
  options.weight = 2;
  auto pack =
      make_pack({rule("rate", PeriodKind::kWeek, "ratio(sum(study.learners), sum(activities.attendees))",
                      "value < 60%", options)});
  auto plan = compile_or_fail(*pack);
  EvaluationRequest request;
  request.periods = {Period::week(2023, 10), Period::week(2023, 11)};
  request.keep_values = true;
  Outcome outcome = evaluate(*plan, dataset, resolve_calendars(*plan, dataset), request);
  REQUIRE(outcome.findings.size() == 6);
  for (const auto& finding : outcome.findings) {
    CAPTURE(dataset.tree().id(finding.org));
    CAPTURE(finding.period.to_string());
    CHECK(finding.value_micros == 333333);
    CHECK(finding.score_micros == 2888889);
  }
  auto value_of = [&](std::size_t week, const char* org) {
    return outcome.rules[0].values[week][static_cast<std::size_t>(*dataset.tree().find(org))];
  };
  CHECK(value_of(0, "B2").numerator == 1000000000);  // copied as it is
  CHECK(value_of(0, "B2").denominator == 3000000000);
  CHECK(value_of(0, "B3").numerator == 7);
  CHECK(value_of(0, "B3").denominator == 21);
  CHECK(value_of(1, "B1").numerator == 1);  // the loop keeps small pairs too
  CHECK(value_of(1, "B1").denominator == 3);
  CHECK(value_of(1, "B2").numerator == 1000000000000000000);
  CHECK(value_of(1, "B2").denominator == 3000000000000000000);
  CHECK(value_of(1, "B3").numerator == 1);  // reduced: 6·10^18 is past 2^62
  CHECK(value_of(1, "B3").denominator == 3);
}

TEST_CASE("a score whose general path would round its parts keeps that path's answer") {
  // Parts under 2^31 whose intermediate 2bp − aq passes 2^62: the general
  // path keeps the fraction exactly (make_rational keeps parts up to 64
  // bits; it used to halve them and score 2.000001) and scores 2.000000.
  // The one-fraction path must not be taken there: findings do not change
  // with how the score is computed. (value =
  // −1441789 / 1407997071, threshold 2047.999999, weight 1: not a rate,
  // whose threshold would lie in [0, 1].)
  TestData data;
  data.orgs({{"R", "", "Root", "committee"}, {"B1", "R", "B", "branch"}});
  data.study({{"B1", "2023-W10", "1441789"}});
  data.activities({{"A1", "B1", "lesson", "2023-03-07", "1407997071"}});
  Dataset dataset = data.build();
  RuleOptions options;
  options.scope = "org.kind == \"branch\"";
  options.weight = 1;
  RuleSpec share = rule("share", PeriodKind::kWeek, "(0 - sum(study.learners)) / sum(activities.attendees)",
                        "value < 2047.999999", options);
  share.shortfall = ShortfallKind::kRelative;  // declared: the default is relative for rates only
  auto pack = make_pack({share});
  auto plan = compile_or_fail(*pack);
  EvaluationRequest request;
  request.periods = {Period::week(2023, 10)};
  Outcome outcome = evaluate(*plan, dataset, resolve_calendars(*plan, dataset), request);
  REQUIRE(outcome.findings.size() == 1);
  const Finding& finding = *outcome.findings.begin();
  CHECK(finding.value.numerator == -1441789);
  CHECK(finding.value.denominator == 1407997071);
  CHECK(finding.score_micros == 2000000);
}

TEST_CASE("a waiver turns a finding into a waived verdict for the org and period range") {
  TestData data;
  data.orgs({{"R", "", "Root", "committee"}, {"B1", "R", "B", "branch"}, {"B2", "R", "C", "branch"}});
  Dataset dataset = data.build();
  RuleOptions options;
  options.scope = "org.kind == \"branch\"";
  auto spec = rule("theme", PeriodKind::kMonth, "count(activities, where: type == \"theme_day\")", "value == 0", options);
  Waiver waiver;
  waiver.org = "B1";
  waiver.from = Period::month(2023, 1);
  waiver.to = Period::month(2023, 2);
  waiver.reason = "寒假";
  spec.waivers.push_back(waiver);
  auto pack = make_pack({spec});
  auto plan = compile_or_fail(*pack);
  EvaluationRequest request;
  request.periods = {Period::month(2023, 2), Period::month(2023, 3)};
  Outcome outcome = evaluate(*plan, dataset, resolve_calendars(*plan, dataset), request);
  CHECK(outcome.rules[0].verdicts[0][1] == Verdict::kWaived);  // B1 in February
  CHECK(outcome.rules[0].verdicts[1][1] == Verdict::kFail);    // B1 in March
  CHECK(outcome.findings.size() == 3);                          // B1 March, B2 February and March
  // The reports list the waived finding apart, with its waiver.
  const std::vector<WaivedFinding> waived = waived_findings(*plan, dataset.tree(), outcome.rules, request);
  REQUIRE(waived.size() == 1);
  CHECK(dataset.tree().id(waived[0].org) == "B1");
  CHECK(waived[0].period == Period::month(2023, 2));
  REQUIRE(waived[0].waiver != nullptr);
  CHECK(waived[0].waiver->reason == "寒假");
  // Under another org's subtree it is not listed.
  request.under = *dataset.tree().find("B2");
  CHECK(waived_findings(*plan, dataset.tree(), outcome.rules, request).empty());
}

TEST_CASE("a period whose deadline has not passed at the as-of date is pending, not failed") {
  TestData data;
  data.orgs({{"R", "", "Root", "committee"}, {"C1", "R", "County", "committee"}});
  Dataset dataset = data.build();
  RuleOptions options;
  options.scope = "org.depth == 1";
  // A weekly dispatch due 3 days after the week: 2023-W12 ends 03-26, due 03-29.
  auto spec = rule("dispatch", PeriodKind::kWeek, "count(notices)", "value == 0", options);
  spec.deadline = testing::expr("period.end + 3 days");
  auto pack = make_pack({spec});
  auto plan = compile_or_fail(*pack);
  EvaluationRequest request;
  request.periods = {Period::week(2023, 11), Period::week(2023, 12)};
  request.as_of = Date::parse("2023-03-27");
  Outcome early = evaluate(*plan, dataset, resolve_calendars(*plan, dataset), request);
  const std::size_t county = static_cast<std::size_t>(*dataset.tree().find("C1"));
  CHECK(early.rules[0].verdicts[0][county] == Verdict::kFail);     // W11 was due 03-22
  CHECK(early.rules[0].verdicts[1][county] == Verdict::kPending);  // W12 is due 03-29
  CHECK(early.findings.size() == 1);
  request.as_of = Date::parse("2023-03-29");  // the last day to comply: still pending
  CHECK(evaluate(*plan, dataset, resolve_calendars(*plan, dataset), request).findings.size() == 1);
  request.as_of = Date::parse("2023-03-30");
  Outcome late = evaluate(*plan, dataset, resolve_calendars(*plan, dataset), request);
  CHECK(late.rules[0].verdicts[1][county] == Verdict::kFail);
  CHECK(late.findings.size() == 2);
  // Without a deadline the period's last day is the deadline.
  auto plain = make_pack({rule("dispatch", PeriodKind::kWeek, "count(notices)", "value == 0", options)});
  auto plain_plan = compile_or_fail(*plain);
  request.as_of = Date::parse("2023-03-26");
  Outcome same_day = evaluate(*plain_plan, dataset, resolve_calendars(*plain_plan, dataset), request);
  CHECK(same_day.rules[0].verdicts[1][county] == Verdict::kPending);
}

TEST_CASE("an annual target is paced linearly: the cumulative value against target × share of the year") {
  TestData data;
  data.orgs({{"R", "", "Root", "committee"}});
  testing::Rows activities;
  // 30 volunteer activities in January (31 expected of 365), 30 more in February (59 expected).
  for (int day = 1; day <= 30; ++day) {
    char january[16];
    char february[16];
    std::snprintf(january, sizeof january, "2023-01-%02d", day);
    std::snprintf(february, sizeof february, "2023-02-%02d", day > 28 ? 28 : day);
    activities.push_back({"A" + std::to_string(day), "R", "volunteer", january});
    activities.push_back({"B" + std::to_string(day), "R", "volunteer", february});
  }
  data.activities(activities);
  Dataset dataset = data.build();
  auto spec = rule("events", PeriodKind::kMonth, "count(activities, window: year_to_date)", "");
  spec.fail = ExprText{};
  spec.target = TargetSpec{testing::expr("365"), "linear", SourceSpan{}};
  auto pack = make_pack({spec});
  auto plan = compile_or_fail(*pack);
  EvaluationRequest request;
  request.periods = {Period::month(2023, 1), Period::month(2023, 2)};
  Outcome outcome = evaluate(*plan, dataset, resolve_calendars(*plan, dataset), request);
  CHECK(outcome.rules[0].verdicts[0][0] == Verdict::kFail);  // 30 < 31
  CHECK(outcome.rules[0].verdicts[1][0] == Verdict::kPass);  // 60 >= 59
  // The finding carries the pace it fell behind, its gap is the activities
  // missing, and its score the relative shortfall: 1 × (1 + (31 − 30)/31).
  const Finding* january = find(outcome, dataset, "R", "2023-01");
  REQUIRE(january != nullptr);
  const Finding& behind = *january;
  CHECK(behind.has_line);
  CHECK_FALSE(behind.has_ratio);
  const Requirement requirement = requirement_of(plan->rules[0], behind);
  CHECK(compare(requirement.threshold, Rational{31, 1}) == 0);
  CHECK(requirement.gap.numerator == 1);
  CHECK(behind.score_micros == 1032258);
}

TEST_CASE("a target's findings rank by how far behind they are: 0 of 42 before 499 of 500") {
  TestData data;
  data.orgs({{"R", "", "Root", "committee"}, {"A", "R", "Far", "branch"}, {"B", "R", "Near", "branch"}});
  Dataset dataset = data.build();
  // A per-org target from an expression: A is expected 42, B 500.
  auto spec = rule("posts", PeriodKind::kYear, "if org.id == \"A\" then 0 else 499",
                   "value < (if org.id == \"A\" then 42 else 500)", RuleOptions{"org.kind == \"branch\"", {}, "", "", 2});
  auto pack = make_pack({spec});
  auto plan = compile_or_fail(*pack);
  CHECK(plan->rules[0].shortfall == ShortfallKind::kRelative);
  EvaluationRequest request;
  request.periods = {Period::year(2023)};
  Outcome outcome = evaluate(*plan, dataset, resolve_calendars(*plan, dataset), request);
  const Finding* far = find(outcome, dataset, "A", "2023");
  const Finding* near = find(outcome, dataset, "B", "2023");
  REQUIRE(far != nullptr);
  REQUIRE(near != nullptr);
  CHECK(far->score_micros == 4000000);   // 2 × (1 + 42/42)
  CHECK(near->score_micros == 2004000);  // 2 × (1 + 1/500)
  CHECK(requirement_of(plan->rules[0], *far).gap.numerator == 42);
  CHECK(requirement_of(plan->rules[0], *near).gap.numerator == 1);
}

}  // namespace
}  // namespace cadence

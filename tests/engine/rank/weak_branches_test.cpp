#include "engine/rank/weak_branches.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "tests/engine/eval/pack_builder.h"

namespace cadence {
namespace {

using testing::compile_or_fail;
using testing::make_pack;
using testing::rule;
using testing::TestData;

Date day(const char* text) { return *Date::parse(text); }

std::vector<std::string> names(const std::vector<Period>& periods) {
  std::vector<std::string> out;
  for (const Period& period : periods) out.push_back(period.to_string());
  return out;
}

TEST_CASE("a window of months ends at as_of and starts on the first of the month n months before") {
  auto window = weak_window("3m", day("2023-03-31"));
  REQUIRE(window.is_ok());
  CHECK(window->start.to_string() == "2023-01-01");
  CHECK(window->end.to_string() == "2023-03-31");
  // Only periods lying wholly inside: W01 (2–8 January) to W12; W13 ends on 2 April.
  std::vector<std::string> expected;
  for (int week = 1; week <= 12; ++week) {
    expected.push_back("2023-W" + std::string(week < 10 ? "0" : "") + std::to_string(week));
  }
  expected.insert(expected.end(), {"2023-01", "2023-02", "2023-03", "2023-Q1"});
  std::vector<std::string> got = names(window->periods);
  std::sort(expected.begin(), expected.end());
  std::sort(got.begin(), got.end());
  CHECK(got == expected);
}

TEST_CASE("a window of weeks counts days back from as_of, and a year covers the calendar year") {
  auto weeks = weak_window("2w", day("2023-03-12"));
  REQUIRE(weeks.is_ok());
  CHECK(weeks->start.to_string() == "2023-02-27");
  CHECK(names(weeks->periods) == std::vector<std::string>{"2023-W09", "2023-W10"});

  auto year = weak_window("1y", day("2023-12-31"));
  REQUIRE(year.is_ok());
  CHECK(year->start.to_string() == "2023-01-01");
  CHECK(names(year->periods).back() == "2023");
}

TEST_CASE("a window that is not a count and a unit is invalid input") {
  for (const char* bad : {"", "3", "m", "0m", "-1m", "3x", "3mm", "1201d"}) {
    CAPTURE(bad);
    auto window = weak_window(bad, day("2023-03-31"));
    REQUIRE_FALSE(window.is_ok());
    CHECK(window.status().code() == StatusCode::kInvalidInput);
  }
}

// Under R: B1 has members and no activities (3 monthly failures), B2 is
// fine, B3 has activities and no members (the veto rule fails 3 times), B4
// has members and activities in January only (2 failures). R fails too but
// is a committee, not graded.
TestData four_branches() {
  TestData data;
  data.orgs({{"R", "", "Root", "committee"},
             {"B1", "R", "Branch 1", "branch"},
             {"B2", "R", "Branch 2", "branch"},
             {"B3", "R", "Branch 3", "branch"},
             {"B4", "R", "Branch 4", "branch"}});
  data.members({{"M1", "B1", "a", "", "", "active"}, {"M2", "B2", "b", "", "", "active"},
                {"M4", "B4", "d", "", "", "active"}});
  data.activities({{"A1", "B2", "lesson", "2023-01-10", "5"}, {"A2", "B2", "lesson", "2023-02-10", "5"},
                   {"A3", "B2", "lesson", "2023-03-10", "5"}, {"A4", "B3", "lesson", "2023-01-10", "5"},
                   {"A5", "B3", "lesson", "2023-02-10", "5"}, {"A6", "B3", "lesson", "2023-03-10", "5"},
                   {"A7", "B4", "lesson", "2023-01-10", "5"}});
  return data;
}

std::unique_ptr<Pack> weak_pack(double threshold) {
  auto pack = make_pack({rule("active", PeriodKind::kMonth, "count(activities)", "value == 0"),
                         rule("members", PeriodKind::kMonth, "count(members)", "value == 0")});
  pack->weak.present = true;
  pack->weak.window = "3m";
  pack->weak.veto_rules = {"members"};
  pack->weak.score_threshold = threshold;
  return pack;
}

std::vector<std::string> weak_ids(const WeakClassification& result) {
  std::vector<std::string> out;
  for (const WeakBranch& branch : result.weak) out.push_back(branch.org_id + (branch.vetoed ? " veto" : ""));
  return out;
}

TEST_CASE("a vetoed branch is weak whatever its score, and without a threshold only vetoes count") {
  const Dataset dataset = four_branches().build();
  auto pack = weak_pack(0);
  auto plan = compile_or_fail(*pack);
  auto result = classify_weak_branches(*plan, dataset, resolve_calendars(*plan, dataset), day("2023-03-31"));
  REQUIRE(result.is_ok());
  CHECK(result->window.start.to_string() == "2023-01-01");
  CHECK(weak_ids(*result) == std::vector<std::string>{"B3 veto"});
  REQUIRE(result->weak[0].reasons.size() == 3);
  CHECK(result->weak[0].reasons[0].veto);
  CHECK(result->weak[0].reasons[0].rule_id == "members");
  CHECK(result->weak[0].org_name == "Branch 3");
}

TEST_CASE("a branch whose total reaches the threshold is weak, vetoed ones first, then by total") {
  const Dataset dataset = four_branches().build();
  auto any = weak_pack(0.000001);
  auto any_plan = compile_or_fail(*any);
  const Calendars calendars = resolve_calendars(*any_plan, dataset);
  auto all = classify_weak_branches(*any_plan, dataset, calendars, day("2023-03-31"));
  REQUIRE(all.is_ok());
  // B1 and B3 have three findings each: the veto puts B3 first.
  CHECK(weak_ids(*all) == std::vector<std::string>{"B3 veto", "B1", "B4"});
  REQUIRE(all->weak[1].reasons.size() == 3);
  CHECK(names({all->weak[1].reasons[0].finding.period, all->weak[1].reasons[1].finding.period,
               all->weak[1].reasons[2].finding.period}) == std::vector<std::string>{"2023-01", "2023-02", "2023-03"});
  CHECK(all->weak[1].total_micros > all->weak[2].total_micros);

  // A threshold at B1's total keeps B1 (reached) and drops B4 (below).
  auto at_b1 = weak_pack(static_cast<double>(all->weak[1].total_micros) / 1e6);
  auto plan = compile_or_fail(*at_b1);
  auto some = classify_weak_branches(*plan, dataset, calendars, day("2023-03-31"));
  REQUIRE(some.is_ok());
  CHECK(weak_ids(*some) == std::vector<std::string>{"B3 veto", "B1"});
}

TEST_CASE("a period whose deadline falls after the window's last day is not graded") {
  const Dataset dataset = four_branches().build();
  // Due five days after the month: March is not due by 2023-03-31.
  auto late = rule("active", PeriodKind::kMonth, "count(activities)", "value == 0");
  late.deadline = testing::expr("period.end + 5 days");
  auto pack = make_pack({late, rule("members", PeriodKind::kMonth, "count(members)", "value == 0")});
  pack->weak.present = true;
  pack->weak.window = "1m";
  pack->weak.veto_rules = {"members"};
  pack->weak.score_threshold = 0.000001;
  auto plan = compile_or_fail(*pack);
  auto march = classify_weak_branches(*plan, dataset, resolve_calendars(*plan, dataset), day("2023-03-31"));
  REQUIRE(march.is_ok());
  // B1 and B4 lack March's activities, but March is not due: only B3's veto
  // (its members rule is due on the window's last day) remains.
  CHECK(weak_ids(*march) == std::vector<std::string>{"B3 veto"});
}

TEST_CASE("the window can be overridden, and a pack without a policy is invalid input") {
  const Dataset dataset = four_branches().build();
  auto pack = weak_pack(0.000001);
  auto plan = compile_or_fail(*pack);
  const Calendars calendars = resolve_calendars(*plan, dataset);
  // March alone: B4 fails once, B1 once, B3's veto once.
  auto march = classify_weak_branches(*plan, dataset, calendars, day("2023-03-31"), "1m");
  REQUIRE(march.is_ok());
  const std::vector<std::string> periods = names(march->window.periods);
  CHECK(std::count(periods.begin(), periods.end(), "2023-03") == 1);
  CHECK(std::count(periods.begin(), periods.end(), "2023-02") == 0);
  CHECK(weak_ids(*march) == std::vector<std::string>{"B3 veto", "B1", "B4"});
  CHECK(march->weak[1].reasons.size() == 1);

  auto none = make_pack({rule("active", PeriodKind::kMonth, "count(activities)", "value == 0")});
  auto none_plan = compile_or_fail(*none);
  auto refused = classify_weak_branches(*none_plan, dataset, calendars, day("2023-03-31"));
  REQUIRE_FALSE(refused.is_ok());
  CHECK(refused.status().code() == StatusCode::kInvalidInput);
}

}  // namespace
}  // namespace cadence

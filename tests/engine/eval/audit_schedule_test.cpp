#include "engine/eval/audit_schedule.h"

#include <doctest/doctest.h>

#include <string>

#include "tests/engine/eval/pack_builder.h"

namespace cadence {
namespace {

using testing::compile_or_fail;
using testing::expr;
using testing::make_pack;
using testing::rule;
using testing::TestData;

std::string joined(const std::vector<Period>& periods) {
  std::string text;
  for (const auto& period : periods) text += (text.empty() ? "" : ",") + period.to_string();
  return text;
}

struct Fixture {
  Fixture() {
    data.orgs({{"R", "", "Root", "committee"}, {"B1", "R", "Branch", "branch"}});
    dataset = data.build();
    RuleSpec bulletin = rule("bulletin", PeriodKind::kMonth, "count(notices)", "value == 0");
    // Due on the 7th of the next month.
    bulletin.deadline = expr("day_of_next_month(period, 7)", 8);
    pack = make_pack({rule("weekly", PeriodKind::kWeek, "count(study)", "value == 0"),
                      rule("monthly", PeriodKind::kMonth, "count(activities)", "value == 0"), bulletin,
                      rule("quarterly", PeriodKind::kQuarter, "count(activities)", "value == 0"),
                      rule("yearly", PeriodKind::kYear, "count(activities)", "value == 0")});
    plan = compile_or_fail(*pack);
    calendars = resolve_calendars(*plan, dataset);
  }
  AuditSchedule schedule(const Period& week, Date as_of, const std::vector<PastAudit>& history = {}) {
    return schedule_weekly_audit(*plan, dataset, calendars, week, as_of, history);
  }
  TestData data;
  Dataset dataset;
  std::unique_ptr<Pack> pack;
  std::unique_ptr<Plan> plan;
  Calendars calendars;
};

TEST_CASE("the weekly audit grades the week and every period whose deadline passed, rule by rule") {
  Fixture f;
  // 2023-W09 ends Sunday 5 March; as of Monday 6 March February is over but
  // its bulletin may still be published until 7 March.
  auto schedule = f.schedule(Period::week(2023, 9), Date::from_ymd(2023, 3, 6));
  CHECK(joined(schedule.rule_periods[0]) == "2023-W09");
  CHECK(joined(schedule.rule_periods[1]) == "2023-01,2023-02");
  CHECK(joined(schedule.rule_periods[2]) == "2023-01");
  CHECK(schedule.rule_periods[3].empty());  // 2023-Q1 has not ended
  CHECK(schedule.rule_periods[4].empty());  // neither has 2023
  CHECK(joined(schedule.all) == "2023-W09,2023-01,2023-02");
}

TEST_CASE("a period graded by an earlier run after its deadline is not graded again") {
  Fixture f;
  std::vector<PastAudit> history;
  history.push_back({{Period::week(2023, 9), Period::month(2023, 1), Period::month(2023, 2)},
                     Date::from_ymd(2023, 3, 6),
                     std::nullopt});
  auto schedule = f.schedule(Period::week(2023, 10), Date::from_ymd(2023, 3, 13), history);
  CHECK(joined(schedule.rule_periods[0]) == "2023-W10");
  CHECK(schedule.rule_periods[1].empty());
  // The run of 6 March named 2023-02 before the bulletin was due: it does not
  // count for the bulletin rule, which grades February now.
  CHECK(joined(schedule.rule_periods[2]) == "2023-02");
}

TEST_CASE("an explicit run without an as-of date grades what it names") {
  Fixture f;
  std::vector<PastAudit> history;
  history.push_back({{Period::month(2023, 1), Period::month(2023, 2)}, std::nullopt, std::nullopt});
  auto schedule = f.schedule(Period::week(2023, 10), Date::from_ymd(2023, 3, 13), history);
  CHECK(schedule.rule_periods[1].empty());
  CHECK(schedule.rule_periods[2].empty());
}

TEST_CASE("a run whose as-of lay after the day it ran grades nothing (a mistyped --as-of 2030)") {
  Fixture f;
  std::vector<PastAudit> history;
  // Recorded on 13 March 2023 as of 2030: it named January and February.
  PastAudit future{{Period::week(2023, 10), Period::month(2023, 1), Period::month(2023, 2)},
                   Date::from_ymd(2030, 3, 13), Date::from_ymd(2023, 3, 13)};
  CHECK(is_future_run(future));
  history.push_back(future);
  auto schedule = f.schedule(Period::week(2023, 14), Date::from_ymd(2023, 4, 10), history);
  CHECK(joined(schedule.rule_periods[1]) == "2023-01,2023-02,2023-03");
  CHECK(joined(schedule.rule_periods[3]) == "2023-Q1");
  // The same run made on its as-of day grades what it named.
  history.back().recorded_on = Date::from_ymd(2030, 3, 13);
  CHECK_FALSE(is_future_run(history.back()));
  schedule = f.schedule(Period::week(2023, 14), Date::from_ymd(2023, 4, 10), history);
  CHECK(joined(schedule.rule_periods[1]) == "2023-03");
  // Unknown recording day, or no as-of: not a future run.
  CHECK_FALSE(is_future_run({{}, Date::from_ymd(2030, 3, 13), std::nullopt}));
  CHECK_FALSE(is_future_run({{}, std::nullopt, Date::from_ymd(2023, 3, 13)}));
}

TEST_CASE("an explicit run grades only what was due on the day it ran") {
  Fixture f;
  std::vector<PastAudit> history;
  // `audit --month 2023-01 --month 2023-02` run on 6 March: January's
  // bulletin (due 7 February) was graded, February's (due 7 March) not yet.
  history.push_back({{Period::month(2023, 1), Period::month(2023, 2)}, std::nullopt, Date::from_ymd(2023, 3, 6)});
  auto schedule = f.schedule(Period::week(2023, 10), Date::from_ymd(2023, 3, 13), history);
  CHECK(schedule.rule_periods[1].empty());                   // both months were over
  CHECK(joined(schedule.rule_periods[2]) == "2023-02");      // the bulletin of February was not due
}

TEST_CASE("an explicit run of an old year does not send the Monday audits back to it") {
  Fixture f;
  std::vector<PastAudit> history;
  history.push_back({{Period::month(1950, 1), Period::year(1950)}, std::nullopt, Date::from_ymd(2023, 3, 1)});
  auto schedule = f.schedule(Period::week(2023, 10), Date::from_ymd(2023, 3, 13), history);
  CHECK(joined(schedule.rule_periods[1]) == "2023-01,2023-02");
  CHECK(schedule.rule_periods[4].empty());
}

TEST_CASE("a missed Monday is caught up, across New Year, back to the start of the history") {
  Fixture f;
  std::vector<PastAudit> history;
  history.push_back({{Period::week(2023, 48), Period::month(2023, 11)}, Date::from_ymd(2023, 12, 4),
                     std::nullopt});
  // Weeks 2023-W49..W52 were never audited; the first audit of 2024.
  auto schedule = f.schedule(Period::week(2024, 1), Date::from_ymd(2024, 1, 8), history);
  auto monthly = joined(schedule.rule_periods[1]);
  CHECK(monthly.find("2023-11") == std::string::npos);
  CHECK(monthly.find("2023-10") != std::string::npos);  // never graded: the history starts in 2023
  CHECK(monthly.find("2023-12") != std::string::npos);
  CHECK(joined(schedule.rule_periods[3]).find("2023-Q4") != std::string::npos);
  CHECK(joined(schedule.rule_periods[4]) == "2023");
  // The December bulletin was due on 7 January.
  CHECK(joined(schedule.rule_periods[2]).find("2023-12") != std::string::npos);
}

TEST_CASE("a fresh store grades nothing before the week's year") {
  Fixture f;
  auto schedule = f.schedule(Period::week(2023, 2), Date::from_ymd(2023, 1, 16));
  CHECK(schedule.rule_periods[1].empty());
  CHECK(schedule.rule_periods[4].empty());
  CHECK(joined(schedule.all) == "2023-W02");
}

TEST_CASE("a rule's deadline is its expression, or the period's last day") {
  Fixture f;
  CHECK(rule_deadline(*f.plan, f.dataset, f.calendars, 2, Period::month(2023, 2)) == Date::from_ymd(2023, 3, 7));
  CHECK(rule_deadline(*f.plan, f.dataset, f.calendars, 1, Period::month(2023, 2)) == Date::from_ymd(2023, 2, 28));
}

}  // namespace
}  // namespace cadence

// Expression evaluation of the event-calendar builtins: count_in() and
// in_calendar() on periods and dates, directly on a frame of periods, and as
// a `where:` filter over rows inside a whole evaluation.
#include "engine/eval/expression_evaluator.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "engine/eval/evaluator.h"
#include "engine/lang/binder.h"
#include "engine/lang/parser.h"
#include "tests/engine/eval/pack_builder.h"

namespace cadence {
namespace {

using testing::compile_or_fail;
using testing::make_pack;
using testing::rule;
using testing::RuleOptions;
using testing::TestData;

// The Guyuan 2023 episode weeks (rules/guyuan-2023): every ISO week of 2023
// but the winter (W03–W07) and summer (W27–W35) vacations, 38 in all.
EventCalendar episodes_2023() {
  std::vector<Period> weeks;
  for (int week = 1; week <= 52; ++week) {
    if ((week >= 3 && week <= 7) || (week >= 27 && week <= 35)) continue;
    weeks.push_back(Period::week(2023, week));
  }
  return EventCalendar("episodes", std::move(weeks));
}

// Evaluates `text` (bound in a rule of `cadence`) once per period: a cell
// frame whose items are the periods, the calendars `calendars`. A period
// slot of -1 stands for an item without a period (null).
Vec evaluate_per_period(std::string_view text, PeriodKind cadence, const std::vector<Period>& periods,
                        const std::vector<int32_t>& slots, const std::vector<EventCalendar>& calendars) {
  static const auto pack = make_pack({});
  lang::AggregateTable aggregates;
  lang::BindEnvironment environment;
  environment.schema = &pack->schema;
  environment.aggregates = &aggregates;
  environment.cadence = cadence;
  for (const auto& calendar : calendars) {
    environment.event_calendars.push_back(calendar.name());
    environment.event_calendar_kinds.push_back(calendar.periods().front().kind());
  }
  lang::ExprOrigin where;
  where.origin = SourceSpan{"pack.yaml", 1, 1, 1, ""};
  Diagnostics diagnostics;
  lang::ExprPtr parsed = lang::parse_expression(text, where, diagnostics);
  REQUIRE(parsed != nullptr);
  lang::BoundPtr bound = lang::bind_expression(*parsed, environment, diagnostics);
  INFO(render_all(diagnostics));
  REQUIRE(bound != nullptr);

  Calendars resolved;
  resolved.events = calendars;
  std::vector<OrgIndex> orgs(slots.size(), 0);
  Frame frame;
  frame.size = slots.size();
  frame.orgs = orgs.data();
  frame.period_slots = slots.data();
  frame.periods = &periods;
  frame.calendars = &resolved;
  Vec out;
  evaluate_expression(*bound, frame, out);
  return out;
}

std::vector<int32_t> every_slot(const std::vector<Period>& periods) {
  std::vector<int32_t> slots;
  for (std::size_t i = 0; i < periods.size(); ++i) slots.push_back(static_cast<int32_t>(i));
  return slots;
}

TEST_CASE("count_in() counts the episode weeks whose Monday lies in each month of 2023") {
  std::vector<Period> months;
  for (int month = 1; month <= 12; ++month) months.push_back(Period::month(2023, month));
  Vec counts = evaluate_per_period("count_in(episodes, period)", PeriodKind::kMonth, months, every_slot(months),
                                   {episodes_2023()});
  // January: Mondays 2, 9, 16, 23, 30 = W01…W05, of which W01 and W02 have an
  // episode; February W06…W09: W08, W09; May and October have five Mondays;
  // July and August lie in the summer vacation.
  const std::vector<int64_t> expected{2, 2, 4, 4, 5, 4, 0, 0, 4, 5, 4, 4};
  REQUIRE(counts.type == lang::Type::kNumber);
  CHECK(counts.num == expected);
  CHECK(counts.null.empty());

  // The same as the hand-written count it replaces in study.monthly_rate:
  // weeks_in(period) minus the vacation weeks of the month.
  Vec weeks = evaluate_per_period("weeks_in(period)", PeriodKind::kMonth, months, every_slot(months), {});
  const std::vector<int64_t> vacation{3, 2, 0, 0, 0, 0, 5, 4, 0, 0, 0, 0};
  for (std::size_t i = 0; i < months.size(); ++i) CHECK(weeks.num[i] - vacation[i] == counts.num[i]);
}

TEST_CASE("count_in() over weeks, quarters and the year, a week counted in the month of its Monday") {
  const std::vector<EventCalendar> calendars{episodes_2023()};
  std::vector<Period> weeks{Period::week(2023, 2), Period::week(2023, 5)};
  Vec in_weeks = evaluate_per_period("count_in(episodes, period)", PeriodKind::kWeek, weeks, {0, 1, -1}, calendars);
  CHECK(in_weeks.num[0] == 1);  // 2023-W02 is an episode week
  CHECK(in_weeks.num[1] == 0);  // 2023-W05 is in the winter vacation
  CHECK(in_weeks.is_null(2));   // no period: null, not 0

  std::vector<Period> quarters{Period::quarter(2023, 1), Period::quarter(2023, 3)};
  Vec in_quarters =
      evaluate_per_period("count_in(episodes, period)", PeriodKind::kQuarter, quarters, {0, 1}, calendars);
  CHECK(in_quarters.num[0] == 8);  // Q1: 2 + 2 + 4
  CHECK(in_quarters.num[1] == 4);  // Q3: 0 + 0 + 4 (September); W40, whose Monday is 2 October, is Q4's
  std::vector<Period> year{Period::year(2023)};
  CHECK(evaluate_per_period("count_in(episodes, period)", PeriodKind::kYear, year, {0}, calendars).num[0] == 38);

  // A calendar of one week spanning two years: 2026-W01 runs Monday
  // 2025-12-29 to Sunday 2026-01-04 and counts in December 2025.
  EventCalendar turn_of_year("turn", {Period::week(2026, 1)});
  std::vector<Period> months{Period::month(2025, 12), Period::month(2026, 1)};
  Vec turn = evaluate_per_period("count_in(turn, period)", PeriodKind::kMonth, months, every_slot(months),
                                 {turn_of_year});
  CHECK(turn.num == std::vector<int64_t>{1, 0});
}

TEST_CASE("in_calendar() holds for a period of the calendar and for a date inside one") {
  std::vector<Period> weeks{Period::week(2023, 2), Period::week(2023, 3), Period::week(2023, 27),
                            Period::week(2023, 36)};
  std::vector<int32_t> slots{0, 1, 2, 3, -1};
  Vec in = evaluate_per_period("in_calendar(period, episodes)", PeriodKind::kWeek, weeks, slots, {episodes_2023()});
  REQUIRE(in.type == lang::Type::kBool);
  CHECK(in.num[0] == 1);
  CHECK(in.num[1] == 0);
  CHECK(in.num[2] == 0);
  CHECK(in.num[3] == 1);
  CHECK(in.is_null(4));  // no period: null, which a filter or condition treats as false

  // A date is in the calendar when the week holding it is: Sunday 15 January
  // ends W02, Monday 16 January starts W03 (vacation).
  std::vector<Period> one{Period::week(2023, 2)};
  CHECK(evaluate_per_period("in_calendar(2023-01-15, episodes)", PeriodKind::kWeek, one, {0}, {episodes_2023()})
            .num[0] == 1);
  CHECK(evaluate_per_period("in_calendar(2023-01-16, episodes)", PeriodKind::kWeek, one, {0}, {episodes_2023()})
            .num[0] == 0);
  // The period before: W03 follows W02, an episode week.
  CHECK(evaluate_per_period("in_calendar(period - 1, episodes)", PeriodKind::kWeek, {Period::week(2023, 3)}, {0},
                            {episodes_2023()})
            .num[0] == 1);
}

const Finding* find(const Outcome& outcome, const Dataset& dataset, const std::string& org, const std::string& period) {
  for (const auto& finding : outcome.findings) {
    if (dataset.tree().id(finding.org) == org && finding.period.to_string() == period) return &finding;
  }
  return nullptr;
}

TEST_CASE("a monthly rate pools only its episode weeks: in_calendar() filters rows, count_in() counts weeks") {
  TestData data;
  data.orgs({{"R", "", "Root", "committee"}, {"B1", "R", "Branch 1", "branch"}, {"B2", "R", "Branch 2", "branch"}});
  data.members({{"M1", "B1", "a", "", "", "active"},
                {"M2", "B1", "b", "", "", "active"},
                {"M3", "B1", "c", "", "", "active"},
                {"M4", "B1", "d", "", "", "active"},
                {"M5", "B1", "e", "", "", "active"},
                {"M6", "B2", "f", "", "", "active"}});
  // January 2023: W01 and W02 are episode weeks, W03 and W05 are not (their
  // rows must not count); W05's Monday is 30 January. July has no episode.
  data.study({{"B1", "2023-W01", "2"},
              {"B1", "2023-W02", "2"},
              {"B1", "2023-W03", "5"},
              {"B1", "2023-W05", "5"},
              {"B1", "2023-W28", "1"},
              {"B2", "2023-W01", "1"},
              {"B2", "2023-W02", "1"}});
  Dataset dataset = data.build();
  RuleOptions options;
  options.lets = {{"active", "count(members, where: status == \"active\")"},
                  {"learners", "sum(study.learners, where: in_calendar(week, episodes))"},
                  {"episode_weeks", "count_in(episodes, period)"}};
  options.scope = "org.kind == \"branch\"";
  options.message = "{learners}/{active}×{episode_weeks}";
  auto pack = make_pack({rule("monthly", PeriodKind::kMonth, "ratio(learners, active * episode_weeks, on_zero: skip)",
                              "value < 60%", options)});
  pack->calendars.events.push_back(episodes_2023());
  auto plan = compile_or_fail(*pack);
  EvaluationRequest request;
  request.periods = {Period::month(2023, 1), Period::month(2023, 7)};
  Outcome outcome = evaluate(*plan, dataset, resolve_calendars(*plan, dataset), request);

  const Finding* january = find(outcome, dataset, "B1", "2023-01");
  REQUIRE(january != nullptr);
  CHECK(january->status == Verdict::kFail);
  CHECK(january->numerator == 4);     // W01 + W02; the 10 learners of W03 and W05 are left out
  CHECK(january->denominator == 10);  // 5 members × 2 episode weeks
  CHECK(january->message == "4/5×2");
  CHECK(find(outcome, dataset, "B2", "2023-01") == nullptr);  // 2 / (1 × 2) = 100%
  // July: no episode week, a zero denominator skips the branch.
  CHECK(find(outcome, dataset, "B1", "2023-07") == nullptr);
  CHECK(outcome.findings.size() == 1);
}

TEST_CASE("in_calendar() of a date filters rows by the calendar's weeks") {
  TestData data;
  data.orgs({{"R", "", "Root", "committee"}, {"B1", "R", "Branch 1", "branch"}});
  // Lessons on Sunday 15 January (W02, an episode week), Monday 16 and Friday
  // 20 January (W03, vacation).
  data.activities({{"A1", "B1", "lesson", "2023-01-15"},
                   {"A2", "B1", "lesson", "2023-01-16"},
                   {"A3", "B1", "lesson", "2023-01-20"}});
  Dataset dataset = data.build();
  RuleOptions options;
  options.scope = "org.kind == \"branch\"";
  auto pack = make_pack({rule("lessons", PeriodKind::kMonth,
                              "count(activities, where: in_calendar(held_on, episodes))", "value < 2", options)});
  pack->calendars.events.push_back(episodes_2023());
  auto plan = compile_or_fail(*pack);
  EvaluationRequest request;
  request.periods = {Period::month(2023, 1)};
  Outcome outcome = evaluate(*plan, dataset, resolve_calendars(*plan, dataset), request);
  const Finding* january = find(outcome, dataset, "B1", "2023-01");
  REQUIRE(january != nullptr);
  CHECK(january->value.numerator == 1);  // only A1
}

}  // namespace
}  // namespace cadence

namespace cadence {
namespace {

// Issue 29: calendar arithmetic whose result leaves 1900-01-01..2199-12-31
// is an error at the expression, never an invalid date that aborts later.
TEST_CASE("calendar arithmetic leaving the supported dates throws CalendarRangeError with its position") {
  const std::vector<Period> march{Period::month(2023, 3)};
  const std::vector<int32_t> slots = every_slot(march);
  // In range, the values are computed as ever.
  Vec before = evaluate_per_period("period - 1", PeriodKind::kMonth, march, slots, {});
  CHECK(Period::from_ordinal(PeriodKind::kMonth, static_cast<int32_t>(before.num[0])) == Period::month(2023, 2));
  // Friday 31 March + 3 working days (no table: Monday to Friday) = Wednesday 5 April.
  Vec due = evaluate_per_period("period.end + 3 working days", PeriodKind::kMonth, march, slots, {});
  CHECK(Date::from_days(static_cast<int32_t>(due.num[0])) == Date::from_ymd(2023, 4, 5));
  Vec back = evaluate_per_period("working_days_after(period.end, -3)", PeriodKind::kMonth, march, slots, {});
  CHECK(Date::from_days(static_cast<int32_t>(back.num[0])) == Date::from_ymd(2023, 3, 28));
  for (const char* text : {"period - 99999999", "period + 99999999", "period + 2100 * 12",
                           "period.end + 99999999 working days", "period.end - 99999999 days",
                           "period.end + 99999999999 weeks", "period.end + 400 years",
                           "working_days_after(period.end, -99999999)", "day_of_next_month(period, 99999999)"}) {
    CAPTURE(text);
    try {
      (void)evaluate_per_period(text, PeriodKind::kMonth, march, slots, {});
      FAIL("no error");
    } catch (const CalendarRangeError& error) {
      CHECK(error.span().file == "pack.yaml");
      CHECK(error.span().line == 1);
      CHECK(std::string(error.what()).find("outside the supported dates 1900-01-01..2199-12-31") !=
            std::string::npos);
    }
  }
}

}  // namespace
}  // namespace cadence

// The binder: event calendars in expressions (in_calendar, count_in) typed and
// checked, and a column that hides a built-in name inside a filter.
#include "engine/lang/binder.h"

#include <doctest/doctest.h>

#include <string>

#include "engine/lang/parser.h"
#include "tests/engine/table/dataset_builder.h"

namespace cadence::lang {
namespace {

using testing::ColumnSpec;
using testing::make_schema;

// The contract schemas, plus indicators (a `value` column) and a register
// whose org column is named `org`.
Schema test_schema() {
  Schema schema;
  schema.record_sets = {testing::orgs_schema(),      testing::members_schema(),   testing::study_schema(),
                        testing::activities_schema(), testing::transfers_schema(), testing::notices_schema()};
  schema.record_sets.push_back(make_schema(
      "indicators", {{"org_id", ColumnType::kText, true}, {"date", ColumnType::kDate}, {"value", ColumnType::kInteger}},
      {.org_column = "org_id", .time_column = "date"}));
  schema.record_sets.push_back(
      make_schema("visits", {{"org", ColumnType::kText, true}, {"day", ColumnType::kDate}},
                  {.org_column = "org", .time_column = "day"}));
  return schema;
}

struct Binding {
  BoundPtr expr;
  std::string diagnostics;  // rendered, one per line
  AggregateTable aggregates;
};

struct Options {
  PeriodKind cadence = PeriodKind::kMonth;
  bool value_visible = false;
  bool calendars = true;
};

// Binds `text` (at line 1, column 1 of pack.yaml) in a rule of the given
// cadence; the pack declares `episodes` (weeks) and `exam_months` (months).
Binding bind_text(std::string_view text, Options options = {}) {
  static const Schema schema = test_schema();
  Binding result;
  BindEnvironment environment;
  environment.schema = &schema;
  environment.aggregates = &result.aggregates;
  environment.cadence = options.cadence;
  if (options.calendars) {
    environment.event_calendars = {"episodes", "exam_months"};
    environment.event_calendar_kinds = {PeriodKind::kWeek, PeriodKind::kMonth};
  }
  if (options.value_visible) {
    environment.lets.push_back({"learners", Type::kNumber, true});
    environment.value_visible = true;
    environment.value_type = Type::kNumber;
    environment.value_slot = 1;
  }
  ExprOrigin where;
  where.origin = SourceSpan{"pack.yaml", 1, 1, 1, ""};
  where.continuation_column = 1;
  Diagnostics diagnostics;
  ExprPtr parsed = parse_expression(text, where, diagnostics);
  REQUIRE(parsed != nullptr);
  result.expr = bind_expression(*parsed, environment, diagnostics);
  result.diagnostics = render_all(diagnostics);
  return result;
}

// A valid expression's typed tree; fails the test on any diagnostic.
std::string bound(std::string_view text, Options options = {}) {
  Binding binding = bind_text(text, options);
  INFO(text);
  CHECK(binding.diagnostics.empty());
  REQUIRE(binding.expr != nullptr);
  return to_string(*binding.expr);
}

// An invalid expression's diagnostics; the tree must not bind.
std::string errors(std::string_view text, Options options = {}) {
  Binding binding = bind_text(text, options);
  INFO(text);
  CHECK(binding.expr == nullptr);
  return binding.diagnostics;
}

TEST_CASE("printed text constants escape what would end them: one text never prints as two") {
  // The print is a key: aggregates with equal canonical texts are one, and
  // rules whose scopes print alike share their orgs.
  CHECK(bound("org.kind in [\"a\\\" \\\"b\"]") == "(in (org-column 3:text) (list \"a\\\" \\\"b\"))");
  CHECK(bound("org.kind in [\"a\", \"b\"]") == "(in (org-column 3:text) (list \"a\" \"b\"))");
  CHECK(bound("org.kind == \"back\\\\slash\"") == "(== (org-column 3:text) \"back\\\\slash\")");
  CHECK(bound("org.kind == \"two\\nlines\\tand a tab\"") ==
        "(== (org-column 3:text) \"two\\nlines\\tand a tab\")");
}

TEST_CASE("in_calendar() tests a row's week inside a filter, the same in every period") {
  Binding binding = bind_text("sum(study.learners, where: in_calendar(week, episodes))");
  CHECK(binding.diagnostics.empty());
  REQUIRE(binding.expr != nullptr);
  REQUIRE(binding.aggregates.size() == 1);
  const AggregateSpec& spec = binding.aggregates.at(0);
  CHECK(spec.canonical == "sum(study.learners, where: (in_calendar \"episodes\" (row-column 1:period)))");
  REQUIRE(spec.filter != nullptr);
  CHECK(spec.filter->type == Type::kBool);
  CHECK_FALSE(spec.filter->depends_on_period);  // a row's week is in the calendar or not, whatever the period
  CHECK(spec.window.kind == WindowKind::kPeriod);
  // The calendar may also be quoted, and a date tests the period holding it.
  CHECK(bound("count(activities, where: in_calendar(held_on, \"episodes\"))") == "(aggregate #0)");
}

TEST_CASE("in_calendar() tests the period or a period expression in a rule") {
  CHECK(bound("in_calendar(period, episodes)", {.cadence = PeriodKind::kWeek}) ==
        "(in_calendar \"episodes\" (period))");
  CHECK(bound("in_calendar(period - 1, exam_months)") == "(in_calendar \"exam_months\" (- (period) 1))");
  CHECK(bound("in_calendar(2023-W10, episodes)") == "(in_calendar \"episodes\" 2023-W10)");
  CHECK(bound("in_calendar(period.end, episodes)") == "(in_calendar \"episodes\" (period.end))");
  CHECK(bound("if in_calendar(period, exam_months) then 1 else 0") ==
        "(if (in_calendar \"exam_months\" (period)) 1 0)");
}

TEST_CASE("count_in() counts a calendar's periods inside a period, typed as a number") {
  Binding binding = bind_text("weeks_in(period) - count_in(episodes, period)");
  CHECK(binding.diagnostics.empty());
  REQUIRE(binding.expr != nullptr);
  CHECK(binding.expr->type == Type::kNumber);
  CHECK(binding.expr->depends_on_period);
  CHECK(to_string(*binding.expr) == "(- (weeks_in (period)) (count_in \"episodes\" (period)))");
  CHECK(bound("count_in(\"exam_months\", 2023-Q1)") == "(count_in \"exam_months\" 2023-Q1)");
}

TEST_CASE("an unknown event calendar is an error at its name, listing the known ones") {
  CHECK(errors("sum(study.learners, where: in_calendar(week, episode))") ==
        "pack.yaml:1:46: error: unknown event calendar 'episode' (known: episodes, exam_months)\n");
  CHECK(errors("count_in(vacations, period)") ==
        "pack.yaml:1:10: error: unknown event calendar 'vacations' (known: episodes, exam_months)\n");
  CHECK(errors("count_in(episodes, period)", {.calendars = false}) ==
        "pack.yaml:1:10: error: unknown event calendar 'episodes' (the pack declares none under calendars: "
        "events:)\n");
  CHECK(errors("is_event(vacations)") ==
        "pack.yaml:1:10: error: unknown event calendar 'vacations' (known: episodes, exam_months)\n");
}

TEST_CASE("calendar functions check their arguments' types and count") {
  CHECK(errors("count(study, where: in_calendar(learners, episodes))") ==
        "pack.yaml:1:33: error: in_calendar() expects a period or a date here, got number\n");
  CHECK(errors("count_in(episodes, 3)") == "pack.yaml:1:20: error: count_in() expects a period here, got number\n");
  CHECK(errors("count_in(3, period)") ==
        "pack.yaml:1:10: error: expected the name of an event calendar here, e.g. count_in(episodes, period) "
        "(known: episodes, exam_months)\n");
  CHECK(errors("in_calendar(period)") == "pack.yaml:1:1: error: in_calendar() takes 2 arguments, got 1\n");
  CHECK(errors("in_calendar(period, episodes, where: true)").find("unknown argument 'where' to in_calendar()") !=
        std::string::npos);
  // Both mistakes of one call are reported, in text order.
  CHECK(errors("in_calendar(\"W10\", episode)") ==
        "pack.yaml:1:13: error: in_calendar() expects a period or a date here, got text\n"
        "pack.yaml:1:20: error: unknown event calendar 'episode' (known: episodes, exam_months)\n");
}

TEST_CASE("in_calendar() of a period that can never be one of the calendar's is an error") {
  // A month is never one of the episode weeks: the author meant count_in.
  CHECK(errors("in_calendar(period, episodes)") ==
        "pack.yaml:1:13: error: this is a month but 'episodes' holds weeks, so in_calendar() would never hold; "
        "count_in(episodes, ...) counts its weeks in a month\n");
  CHECK(errors("count(notices, where: in_calendar(notices.period, episodes))") ==
        "pack.yaml:1:35: error: this is a month but 'episodes' holds weeks, so in_calendar() would never hold; "
        "count_in(episodes, ...) counts its weeks in a month\n");
  CHECK(errors("in_calendar(2023-W10, exam_months)") ==
        "pack.yaml:1:13: error: this is a week but 'exam_months' holds months, so in_calendar() would never hold\n");
}

TEST_CASE("a column named period hides the audited period inside a filter: a warning at the name") {
  Binding binding = bind_text("count(notices, where: published_on <= day_of_next_month(period, 5))");
  REQUIRE(binding.expr != nullptr);  // a warning, not an error
  CHECK(binding.diagnostics ==
        "pack.yaml:1:57: warning: 'period' here is the column notices.period, not the audited period: a column "
        "hides the name inside a filter over notices. Write notices.period to say so; the audited period itself "
        "cannot be named inside this filter (period.start, period.end, period.index and period.year still mean "
        "it)\n");
  CHECK(binding.aggregates.at(0).canonical.find("(row-column 2:period)") != std::string::npos);
}

TEST_CASE("the qualified column, period fields and period outside a filter do not warn") {
  CHECK(bound("count(notices, where: published_on <= day_of_next_month(notices.period, 5))") == "(aggregate #0)");
  CHECK(bound("count(notices, where: published_on <= period.end + 5 days)") == "(aggregate #0)");
  CHECK(bound("day_of_next_month(period, 5)") == "(day_of_next_month (period) 5)");
  // study has no period column: `period` is the audited period there.
  CHECK(bound("count(study, where: week == period)", {.cadence = PeriodKind::kWeek}) == "(aggregate #0)");
}

TEST_CASE("a column named value hides the rule's value inside a filter of fail, warn or a message") {
  Binding binding = bind_text("count(indicators, where: value > 3) == 0", {.value_visible = true});
  REQUIRE(binding.expr != nullptr);
  CHECK(binding.diagnostics ==
        "pack.yaml:1:26: warning: 'value' here is the column indicators.value, not the rule's value: a column hides "
        "the name inside a filter over indicators. Write indicators.value to say so; the rule's value cannot be "
        "used inside a filter\n");
  // In a let or the value there is no rule's value to hide.
  CHECK(bound("count(indicators, where: value > 3)") == "(aggregate #0)");
  CHECK(bound("count(indicators, where: indicators.value > 3) == 0", {.value_visible = true}) ==
        "(== (aggregate #0) 0)");
}

TEST_CASE("the rule's value cannot be used inside a filter") {
  // It used to bind to the value's let slot, which a row frame does not have.
  CHECK(errors("count(activities, where: attendees > value) > 0", {.value_visible = true}) ==
        "pack.yaml:1:38: error: the rule's value cannot be used inside a filter over 'activities'; filters see the "
        "record set's columns, org.* and period.*\n");
}

TEST_CASE("a column named org hides the name inside a filter, org.* still means the row's org") {
  Binding binding = bind_text("count(visits, where: org == \"B1\" and org.kind == \"branch\")");
  REQUIRE(binding.expr != nullptr);
  CHECK(binding.diagnostics ==
        "pack.yaml:1:22: warning: 'org' here is the column visits.org: a column hides the name inside a filter "
        "over visits. Write visits.org to say so; org.<attribute> still means the row's org (org.id, "
        "org.kind, ...)\n");
  CHECK(bound("count(visits, where: visits.org == \"B1\")") == "(aggregate #0)");
}

}  // namespace
}  // namespace cadence::lang

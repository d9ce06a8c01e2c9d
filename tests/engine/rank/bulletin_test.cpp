#include "engine/rank/bulletin.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "tests/engine/eval/pack_builder.h"

namespace cadence {
namespace {

using testing::compile_or_fail;
using testing::make_pack;
using testing::rule;
using testing::RuleOptions;
using testing::TestData;

// R → C1 → B1, B2, T1 → B3; R → C2 → B4. C1's members M1–M4 graduate in
// 2023.
TestData two_counties() {
  TestData data;
  data.orgs({{"R", "", "City", "committee"},
             {"C1", "R", "County 1", "committee"},
             {"C2", "R", "County 2", "committee"},
             {"B1", "C1", "Branch 1", "branch"},
             {"B2", "C1", "Branch 2", "branch"},
             {"T1", "C1", "Town 1", "committee"},
             {"B3", "T1", "", "branch"},
             {"B4", "C2", "Branch 4", "branch"}});
  data.members({{"M1", "B1", "a", "", "", "active", "2023-01-15"},
                {"M2", "B1", "b", "", "", "active", "2023-01-15"},
                {"M3", "B2", "c", "", "", "active", "2023-01-15"},
                {"M4", "B3", "d", "", "", "active", "2023-01-15"},
                {"M5", "B4", "e", "", "", "active", ""}});
  data.study(
      {{"B1", "2023-W10", "1"}, {"B2", "2023-W10", "1"}, {"B3", "2023-W10", "1"}, {"B4", "2023-W10", "1"}});
  // Only B4 held its theme day in March.
  data.activities({{"A1", "B4", "theme_day", "2023-03-08", "1"}});
  // At the end of 2023-W13 (2 April): B1 has one application pending for
  // more than 10 days, B2 two, B4 one of 5 days; M1's completed in March.
  data.transfers({{"X3", "B1", "C2", "other", "2023-01-10", "2023-01-12"},
                  {"M1", "B1", "C2", "other", "2023-02-01", "2023-02-20"},
                  {"M2", "B1", "C2", "other", "2023-03-01", ""},
                  {"M3", "B2", "C2", "other", "2023-03-02", ""},
                  {"X1", "B2", "C2", "other", "2023-03-03", ""},
                  {"X2", "B4", "C1", "other", "2023-03-28", ""}});
  return data;
}

RuleOptions with_scope(std::string scope, std::vector<std::pair<std::string, std::string>> lets = {}) {
  RuleOptions options;
  options.scope = std::move(scope);
  options.lets = std::move(lets);
  return options;
}

std::unique_ptr<Pack> counties_pack() {
  return make_pack({
      rule("study.rate", PeriodKind::kWeek,
           "ratio(sum(study.learners, over: subtree), count(members, over: subtree), on_zero: skip)",
           "value < 60%", with_scope("org.kind == \"branch\"")),
      rule("theme_day", PeriodKind::kMonth, "count(activities, where: type == \"theme_day\")", "value == 0",
           with_scope("org.kind == \"branch\"")),
      rule("stale", PeriodKind::kWeek,
           "count(transfers, window: all, where: completed_on is null and days_between(requested_on, "
           "period.end) > 10)",
           "value >= 1", with_scope("org.kind == \"branch\"")),
      rule("completion", PeriodKind::kQuarter, "ratio(done, graduates, on_zero: skip)", "value < 95%",
           with_scope(
               "org.kind == \"committee\" and org.depth == 1",
               {{"graduates", "count(members, over: subtree, where: year(graduation_date) == period.year)"},
                {"done",
                 "count(members, over: subtree, where: year(graduation_date) == period.year and "
                 "exists(transfers, where: completed_on <= period.end))"}})),
      // Each branch's own share of completed transfers (no pooling), and the
      // completion rate graded at every committee, nested ones included.
      rule("done_share", PeriodKind::kMonth,
           "ratio(count(transfers, window: all, where: completed_on <= period.end), count(transfers, window: "
           "all), "
           "on_zero: skip)",
           "value < 50%", with_scope("org.kind == \"branch\"")),
      rule("completion_all", PeriodKind::kQuarter, "ratio(done, graduates, on_zero: skip)", "value < 95%",
           with_scope(
               "org.kind == \"committee\"",
               {{"graduates", "count(members, over: subtree, where: year(graduation_date) == period.year)"},
                {"done",
                 "count(members, over: subtree, where: year(graduation_date) == period.year and "
                 "exists(transfers, where: completed_on <= period.end))"}})),
      // A checkpoint that starts in June: out of every org's scope before.
      rule("summer", PeriodKind::kMonth, "count(activities)", "value == 0",
           with_scope("org.kind == \"branch\" and period.index >= 6")),
  });
}

BulletinFigure figure(std::string name, FigureMeasure measure, std::string rule_id, int names = 0) {
  BulletinFigure result;
  result.name = std::move(name);
  result.measure = measure;
  result.rule = std::move(rule_id);
  result.names = names;
  result.span = SourceSpan{"pack.yaml", 40, 20, 1, ""};
  return result;
}

// A line whose text is the figures in order, joined by `separator`.
BulletinLine line(std::string label, std::vector<BulletinFigure> figures,
                  const std::string& separator = " / ") {
  BulletinLine result;
  result.label = std::move(label);
  for (std::size_t i = 0; i < figures.size(); ++i) {
    if (i > 0) result.parts.push_back({separator, -1});
    result.parts.push_back({"", static_cast<int>(i)});
  }
  result.figures = std::move(figures);
  return result;
}

BulletinDefinition definition(std::vector<BulletinLine> lines) {
  BulletinDefinition result;
  result.id = "monthly";
  result.rate_rule = "study.rate";
  result.per_unit = std::move(lines);
  return result;
}

// "label：text" of each of the unit's lines.
std::vector<std::string> lines_of(const Bulletin& bulletin, const std::string& unit_id) {
  std::vector<std::string> result;
  for (const auto& unit : bulletin.notes) {
    if (unit.unit_id != unit_id) continue;
    for (const auto& unit_line : unit.lines) result.push_back(unit_line.label + "：" + unit_line.text);
  }
  return result;
}

Bulletin build(const Plan& plan, const Dataset& dataset, const BulletinDefinition& bulletin_definition,
               const std::string& month, OrgIndex under = kNoOrg) {
  BulletinRequest request;
  request.month = *Period::parse(month);
  request.under = under;
  auto bulletin =
      build_bulletin(plan, dataset, resolve_calendars(plan, dataset), bulletin_definition, request);
  INFO(bulletin.status().message());
  REQUIRE(bulletin.is_ok());
  return *bulletin;
}

}  // namespace

TEST_CASE("findings: the branches under each unit with a finding, the first N named, 0 where none") {
  auto pack = counties_pack();
  auto plan = compile_or_fail(*pack);
  Dataset dataset = two_counties().build();
  auto bulletin = build(
      *plan, dataset,
      definition({line("主题团日未开展", {figure("missed", FigureMeasure::kFindings, "theme_day", 2)})}),
      "2023-03");
  // Names in org id order, the name or else the id; "等" when more.
  CHECK(lines_of(bulletin, "C1") == std::vector<std::string>{"主题团日未开展：3（Branch 1、Branch 2等）"});
  CHECK(lines_of(bulletin, "C2") == std::vector<std::string>{"主题团日未开展：0"});
  REQUIRE(bulletin.line_labels == std::vector<std::string>{"主题团日未开展"});
  const BulletinUnitNotes& c1 = bulletin.notes[0];
  REQUIRE(c1.lines.size() == 1);
  CHECK(c1.lines[0].figures[0].present);
  CHECK(c1.lines[0].figures[0].more == 1);

  auto all_named = build(
      *plan, dataset,
      definition({line("主题团日未开展", {figure("missed", FigureMeasure::kFindings, "theme_day", 5)})}),
      "2023-03");
  CHECK(lines_of(all_named, "C1") == std::vector<std::string>{"主题团日未开展：3（Branch 1、Branch 2、B3）"});
}

TEST_CASE("sum: the values at the month's last week, and rate and remaining: the unit's pooled ratio") {
  auto pack = counties_pack();
  auto plan = compile_or_fail(*pack);
  Dataset dataset = two_counties().build();
  auto transfer = line("学社衔接", {figure("pending", FigureMeasure::kRemaining, "completion"),
                                    figure("overdue", FigureMeasure::kSum, "stale"),
                                    figure("rate", FigureMeasure::kRate, "completion")});
  auto march = build(*plan, dataset, definition({transfer}), "2023-03");
  // C1: 4 graduates, M1's transfer done by 31 March → 3 left, 25 %. Stale at
  // 2023-W13: B1 one (M2), B2 two; B4's is 5 days old. C2 has no graduates:
  // nothing left, no rate.
  CHECK(lines_of(march, "C1") == std::vector<std::string>{"学社衔接：3 / 3 / 25.0%"});
  CHECK(lines_of(march, "C2") == std::vector<std::string>{"学社衔接：0 / 0 / —"});

  // February ends no quarter: the quarterly figures are absent, the weekly
  // one (2023-W09, ending 5 March, when nothing was 10 days old) is there.
  auto february = build(*plan, dataset, definition({transfer}), "2023-02");
  CHECK(lines_of(february, "C1") == std::vector<std::string>{"学社衔接：— / 0 / —"});
}

TEST_CASE("rate and remaining pool n and d over the orgs the rule evaluates under the unit, once each") {
  auto pack = counties_pack();
  auto plan = compile_or_fail(*pack);
  Dataset dataset = two_counties().build();
  auto march = build(*plan, dataset,
                     definition({line("办结", {figure("share", FigureMeasure::kRate, "done_share"),
                                               figure("open", FigureMeasure::kRemaining, "done_share")}),
                                 line("学社衔接", {figure("rate", FigureMeasure::kRate, "completion_all")})}),
                     "2023-03");
  // Branch by branch, no pooling in the rule: B1 2/3, B2 0/2, B3 0/0 pool to
  // 2/5 = 40 % (not the mean of 66.7 % and 0 %); C2's B4 0/1.
  // completion_all pools over the subtree and grades C1 and T1 alike: C1's
  // pool already holds T1's, so T1 is not added again (4 graduates, not 5).
  CHECK(lines_of(march, "C1") == std::vector<std::string>{"办结：40.0% / 3", "学社衔接：25.0%"});
  // C2 has no graduate: no rate, and a line with no figure is left out.
  CHECK(lines_of(march, "C2") == std::vector<std::string>{"办结：0.0% / 1"});
}

TEST_CASE(
    "units inside an org the rule pools (branches of a graded county) get the rule's ratio for themselves") {
  auto pack = counties_pack();
  auto plan = compile_or_fail(*pack);
  Dataset dataset = two_counties().build();
  BulletinRequest request;
  request.month = Period::month(2023, 3);
  request.unit_kind = "branch";
  auto bulletin =
      build_bulletin(*plan, dataset, resolve_calendars(*plan, dataset),
                     definition({line("学社衔接", {figure("left", FigureMeasure::kRemaining, "completion"),
                                                   figure("rate", FigureMeasure::kRate, "completion")})}),
                     request);
  REQUIRE(bulletin.is_ok());
  // completion grades the counties over their subtrees; B1 holds M1 (done)
  // and M2, B3 (under T1) M4, B4 no graduate.
  CHECK(lines_of(*bulletin, "B1") == std::vector<std::string>{"学社衔接：1 / 50.0%"});
  CHECK(lines_of(*bulletin, "B3") == std::vector<std::string>{"学社衔接：1 / 0.0%"});
  CHECK(lines_of(*bulletin, "B4") == std::vector<std::string>{"学社衔接：0 / —"});
}

TEST_CASE("a line whose rule applies to no org that month is left out, and --under limits the units") {
  auto pack = counties_pack();
  auto plan = compile_or_fail(*pack);
  Dataset dataset = two_counties().build();
  auto lines =
      definition({line("暑期", {figure("idle", FigureMeasure::kFindings, "summer")}),
                  line("主题团日未开展", {figure("missed", FigureMeasure::kFindings, "theme_day")})});
  auto march = build(*plan, dataset, lines, "2023-03");
  CHECK(lines_of(march, "C1") == std::vector<std::string>{"主题团日未开展：3"});
  REQUIRE(march.notes[0].lines.size() == 1);
  CHECK(march.notes[0].lines[0].line == 1);  // the XLSX column: the definition's second line

  auto june = build(*plan, dataset, lines, "2023-06");
  CHECK(lines_of(june, "C1") == std::vector<std::string>{"暑期：3", "主题团日未开展：3"});
  CHECK(lines_of(june, "C2") == std::vector<std::string>{"暑期：1", "主题团日未开展：1"});

  auto c2_only = build(*plan, dataset, lines, "2023-03", *dataset.tree().find("C2"));
  REQUIRE(c2_only.notes.size() == 1);
  CHECK(lines_of(c2_only, "C2") == std::vector<std::string>{"主题团日未开展：0"});
}

TEST_CASE("a figure whose rule does not fit its measure is an error naming the figure and its place") {
  auto pack = counties_pack();
  auto plan = compile_or_fail(*pack);
  Dataset dataset = two_counties().build();
  BulletinRequest request;
  request.month = Period::month(2023, 3);
  const Calendars calendars = resolve_calendars(*plan, dataset);
  auto rate_of_count =
      build_bulletin(*plan, dataset, calendars,
                     definition({line("x", {figure("r", FigureMeasure::kRate, "theme_day")})}), request);
  REQUIRE(!rate_of_count.is_ok());
  CHECK(rate_of_count.status().message() ==
        "pack.yaml:40:20: bulletin 'monthly', figure 'r': rule theme_day has no ratio(n, d) value");
  auto sum_of_rates =
      build_bulletin(*plan, dataset, calendars,
                     definition({line("x", {figure("s", FigureMeasure::kSum, "study.rate")})}), request);
  REQUIRE(!sum_of_rates.is_ok());
  CHECK(sum_of_rates.status().message().find("is a ratio") != std::string::npos);

  // The compiler reports the same at the figure, so that `cadence check` does.
  pack->bulletins.push_back(definition({line("x", {figure("r", FigureMeasure::kRemaining, "theme_day")})}));
  Diagnostics diagnostics;
  CHECK(compile(*pack, diagnostics) == nullptr);
  REQUIRE(diagnostics.error_count() == 1);
  CHECK(diagnostics.items()[0].span.line == 40);
  CHECK(diagnostics.items()[0].message ==
        "figure 'r' reads a ratio's parts, but the value of theme_day is not ratio(n, d)");
}

}  // namespace cadence

#include "adapters/pack/pack_loader.h"

#include <doctest/doctest.h>

#include <string>

#include "engine/plan/plan.h"

namespace cadence {
namespace {

const std::string kSourceDir = CADENCE_SOURCE_DIR;

// A small inline schema so that packs can be loaded from text.
const std::string kHead = R"(pack: {id: t, version: 1.0.0}
schema:
  record_sets:
    orgs:
      columns: {id: text, name: text, parent_id: text, kind: {type: enum, values: [committee, branch]}}
    activities:
      org: org_id
      time: held_on
      columns: {org_id: text, type: {type: enum, values: [lesson, theme_day]}, held_on: date}
rules:
)";

std::unique_ptr<Pack> load_text(const std::string& rules, Diagnostics& diagnostics) {
  return load_pack_from_text(kHead + rules, "p.yaml", diagnostics);
}

const Diagnostic* find_message(const Diagnostics& diagnostics, const std::string& part) {
  for (const auto& item : diagnostics.items()) {
    if (item.message.find(part) != std::string::npos) return &item;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("rules/bench loads exactly: rules, fields and sources") {
  Diagnostics diagnostics;
  auto pack = load_pack(kSourceDir + "/rules/bench", diagnostics);
  REQUIRE(pack != nullptr);
  CHECK(diagnostics.empty());
  CHECK(pack->id == "bench");
  CHECK(pack->version == "1.0.0");
  CHECK(pack->directory == kSourceDir + "/rules/bench");
  REQUIRE(pack->rules.size() == 9);
  const char* const kIds[] = {"study.weekly_rate",       "activity.monthly_theme_day", "activity.quarterly_lesson",
                              "transfer.school_to_community", "notice.monthly_bulletin",  "branch.too_small",
                              "branch.no_secretary",     "study.county_rollup",       "study.streak"};
  for (std::size_t i = 0; i < pack->rules.size(); ++i) CHECK(pack->rules[i].id == kIds[i]);

  const RuleSpec& b1 = pack->rules[0];
  CHECK(b1.weight == 2);
  CHECK(b1.cadence == PeriodKind::kWeek);
  CHECK(b1.unit == "learners");
  REQUIRE(b1.lets.size() == 2);
  CHECK(b1.lets[0].name == "active");
  CHECK(b1.lets[0].expr.text == "count(members, where: status == \"active\")");  // ": " kept as written
  CHECK(b1.lets[1].name == "learners");
  CHECK(b1.value.text == "ratio(learners, active)");
  CHECK(b1.value.where.origin.line == 19);
  CHECK(b1.value.where.origin.column == 12);
  CHECK(b1.fail.text == "value < 60%");
  CHECK(b1.message.where.origin.line == 22);
  CHECK(b1.message.where.origin.column == 15);  // after the quote
  CHECK(b1.id_span.line == 10);

  CHECK(pack->rules[4].cadence == PeriodKind::kMonth);
  CHECK(pack->rules[3].cadence == PeriodKind::kYear);
  CHECK(pack->rules[5].shortfall == ShortfallKind::kUnit);
  CHECK(pack->rules[0].shortfall == ShortfallKind::kAuto);
  CHECK(pack->rules[8].weight == 4);

  CHECK(pack->checksum.size() == 64);
  CHECK(!pack->sources.line(kSourceDir + "/rules/bench/pack.yaml", 1).empty());
  CHECK(pack->sources.line(kSourceDir + "/rules/bench/schema.yaml", 2) == "record_sets:");
  CHECK(pack->schema.record_sets.size() == 6);

  Diagnostics compiled;
  CHECK(compile(*pack, compiled) != nullptr);
}

TEST_CASE("a pack file can be named directly, and a missing one is an error naming it") {
  Diagnostics diagnostics;
  CHECK(load_pack(kSourceDir + "/rules/bench/pack.yaml", diagnostics) != nullptr);
  Diagnostics missing;
  SourceMap sources;
  CHECK(load_pack(kSourceDir + "/rules/nowhere", missing, &sources) == nullptr);
  REQUIRE(missing.size() == 1);
  CHECK(missing.items()[0].message == "cannot read the pack file '" + kSourceDir + "/rules/nowhere'");
}

TEST_CASE("severity is low, medium, high or critical, and normal (the earlier default) reads as medium") {
  Diagnostics diagnostics;
  auto pack = load_text("  - {id: a.low, cadence: week, value: '1', fail: value == 0, severity: low}\n"
                        "  - {id: a.critical, cadence: week, value: '1', fail: value == 0, severity: critical}\n"
                        "  - {id: a.normal, cadence: week, value: '1', fail: value == 0, severity: normal}\n"
                        "  - {id: a.unset, cadence: week, value: '1', fail: value == 0}\n",
                        diagnostics);
  REQUIRE(pack != nullptr);
  CHECK(pack->rules[0].severity == RuleSeverity::kLow);
  CHECK(pack->rules[1].severity == RuleSeverity::kCritical);
  CHECK(pack->rules[2].severity == RuleSeverity::kMedium);
  CHECK(pack->rules[3].severity == RuleSeverity::kMedium);
}

TEST_CASE("the checksum covers the bytes of the pack") {
  Diagnostics diagnostics;
  auto a = load_text("  - {id: a.b, cadence: week, value: '1', fail: value == 0}\n", diagnostics);
  auto b = load_text("  - {id: a.b, cadence: week, value: '2', fail: value == 0}\n", diagnostics);
  REQUIRE(a != nullptr);
  REQUIRE(b != nullptr);
  CHECK(a->checksum != b->checksum);
  CHECK(a->checksum == load_text("  - {id: a.b, cadence: week, value: '1', fail: value == 0}\n", diagnostics)->checksum);
}

TEST_CASE("errors inside expressions point into the file: plain, quoted and block scalars") {
  Diagnostics diagnostics;
  auto pack = load_text(R"y(  - id: a.b
    cadence: month
    scope: org.kind == "branch" and org.kindd == "x"
    value: "count(activities, where: typo == \"lesson\")"
    fail: |
      value == 0
        or nope > 1
)y",
                        diagnostics);
  REQUIRE(pack != nullptr);
  CHECK(compile(*pack, diagnostics) == nullptr);
  // kHead has 10 lines, so the rule starts on line 11.
  const Diagnostic* plain = find_message(diagnostics, "unknown org attribute 'kindd'");
  REQUIRE(plain != nullptr);
  CHECK(plain->span.line == 13);
  CHECK(plain->span.column == 37);
  const Diagnostic* quoted = find_message(diagnostics, "unknown name 'typo'");
  REQUIRE(quoted != nullptr);
  CHECK(quoted->span.line == 14);
  CHECK(quoted->span.column == 38);
  const Diagnostic* block = find_message(diagnostics, "unknown name 'nope'");
  REQUIRE(block != nullptr);
  CHECK(block->span.line == 17);
  CHECK(block->span.column == 12);
}

TEST_CASE("quoted scalars keep exact positions past escapes and folded lines") {
  Diagnostics diagnostics;
  auto pack = load_text(R"(  - id: a.b
    cadence: month
    scope: "org.kind == \"branch\"
      and org.nmae == \"x\""
    value: 'count(activities, where: type == ''lesson''
      and held_onn > 2023-01-01)'
    fail: >
      value == 0
      or valeu > 1
)",
                        diagnostics);
  REQUIRE(pack != nullptr);
  // The text is YAML's value, as any YAML reader gives it.
  CHECK(pack->rules[0].scope.text == "org.kind == \"branch\" and org.nmae == \"x\"");
  CHECK(pack->rules[0].value.text == "count(activities, where: type == 'lesson' and held_onn > 2023-01-01)");
  CHECK(compile(*pack, diagnostics) == nullptr);
  const Diagnostic* scope = find_message(diagnostics, "unknown org attribute 'nmae'");
  REQUIRE(scope != nullptr);
  CHECK(scope->span.line == 14);
  CHECK(scope->span.column == 11);
  const Diagnostic* value = find_message(diagnostics, "unknown name 'held_onn'");
  REQUIRE(value != nullptr);
  CHECK(value->span.line == 16);
  CHECK(value->span.column == 11);
  const Diagnostic* fail = find_message(diagnostics, "unknown name 'valeu'");
  REQUIRE(fail != nullptr);
  CHECK(fail->span.line == 19);
  CHECK(fail->span.column == 10);
}

TEST_CASE("a named argument in an unquoted value is an error saying what to write") {
  Diagnostics diagnostics;
  auto pack = load_text("  - id: a.b\n    cadence: month\n    value: count(activities, where: type == \"lesson\")\n"
                        "    fail: value == 0\n",
                        diagnostics);
  CHECK(pack == nullptr);
  REQUIRE(diagnostics.items().size() == 1);
  const Diagnostic& error = diagnostics.items()[0];
  CHECK(error.span.line == 13);
  CHECK(error.span.column == 30);
  CHECK(error.message ==
        "named argument 'where:' in an unquoted value, which YAML reads as a new key; quote the expression: "
        "value: 'count(activities, where: type == \"lesson\")'");
}

TEST_CASE("a plain expression folded over lines keeps exact positions on its continuation lines") {
  Diagnostics diagnostics;
  auto pack = load_text(R"(  - id: a.b
    cadence: month
    value: count(activities) +
      missing
    fail: value == 0
)",
                        diagnostics);
  REQUIRE(pack != nullptr);
  CHECK(pack->rules[0].value.text == "count(activities) + missing");  // YAML folds the line break
  CHECK(compile(*pack, diagnostics) == nullptr);
  const Diagnostic* error = find_message(diagnostics, "unknown name 'missing'");
  REQUIRE(error != nullptr);
  CHECK(error->span.line == 14);
  CHECK(error->span.column == 7);
}

TEST_CASE("columns count code points after Chinese text, and a byte order mark is ignored") {
  Diagnostics diagnostics;
  auto pack = load_pack_from_text("\xEF\xBB\xBF" + kHead + "  - {title: 中文标题, id: a.b, cadence: weekly}\n", "p.yaml",
                                  diagnostics);
  CHECK(pack == nullptr);
  const Diagnostic* error = find_message(diagnostics, "unknown cadence 'weekly'");
  REQUIRE(error != nullptr);
  CHECK(error->span.line == 11);
  CHECK(error->span.column == 37);
}

TEST_CASE("message spans start at the message's first character") {
  Diagnostics diagnostics;
  auto pack = load_text("  - id: a.b\n    cadence: week\n    value: '1'\n    fail: value == 0\n    message: 团支部 {org.name}\n",
                        diagnostics);
  REQUIRE(pack != nullptr);
  CHECK(pack->rules[0].message.text == "团支部 {org.name}");
  CHECK(pack->rules[0].message.where.origin.line == 15);
  CHECK(pack->rules[0].message.where.origin.column == 14);
}

TEST_CASE("lets keep their order, and waivers, targets and policies are read") {
  Diagnostics diagnostics;
  auto pack = load_pack_from_text(kHead + R"(  - id: a.b
    cadence: week
    let: {zeta: "1", alpha: "2", mid: zeta + alpha}
    value: mid
    fail: value == 0
    target: {amount: 12}
    waivers:
      - {org: B1, subtree: true, from: 2023-W01, to: 2023-W08, reason: 寒假, expires: 2023-12-31}
      - {org: B2, reason: open}
weak_branches: {score_threshold: 20, window: 3m, veto: [a.b], plan_due_days: 15}
bulletins:
  - {id: m, rate_rule: a.b, unit: {kind: branch, depth: 2}, commend: {top: 5, at_least: 90%}, criticise: {below: 0.6}}
tests:
  - name: t1
    periods: [2023-W10]
    facts: {orgs: [{id: R, name: 团市委, parent_id: "", kind: committee}]}
    expect: ["a.b, R, 2023-W10, fail"]
)",
                                  "p.yaml", diagnostics);
  REQUIRE(pack != nullptr);
  const RuleSpec& rule = pack->rules[0];
  REQUIRE(rule.lets.size() == 3);
  CHECK(rule.lets[0].name == "zeta");
  CHECK(rule.lets[1].name == "alpha");
  CHECK(rule.lets[2].name == "mid");
  REQUIRE(rule.target.has_value());
  CHECK(rule.target->amount.text == "12");
  CHECK(rule.target->pacing == "linear");
  REQUIRE(rule.waivers.size() == 2);
  CHECK(rule.waivers[0].subtree);
  CHECK(rule.waivers[0].from == Period::week(2023, 1));
  CHECK(rule.waivers[0].to == Period::week(2023, 8));
  CHECK(rule.waivers[0].expires == Date::from_ymd(2023, 12, 31));
  CHECK(rule.waivers[0].reason == "寒假");
  CHECK(!rule.waivers[1].from.has_value());
  CHECK(pack->weak.present);
  CHECK(pack->weak.score_threshold == 20);
  CHECK(pack->weak.veto_rules == std::vector<std::string>{"a.b"});
  CHECK(pack->weak.plan_due_days == 15);
  REQUIRE(pack->bulletins.size() == 1);
  CHECK(pack->bulletins[0].unit_kind == "branch");
  CHECK(pack->bulletins[0].unit_depth == 2);
  CHECK(pack->bulletins[0].commend_top == 5);
  CHECK(pack->bulletins[0].excellence_line == doctest::Approx(0.9));
  CHECK(pack->bulletins[0].floor == doctest::Approx(0.6));
  CHECK(pack->bulletins[0].criticise_bottom == 3);
  REQUIRE(pack->tests.size() == 1);
  CHECK(pack->tests[0].expect == std::vector<std::string>{"a.b,R,2023-W10,fail"});
  CHECK(pack->tests[0].facts.at("orgs")[0].at("parent_id").empty());
  CHECK(pack->tests[0].facts.at("orgs")[0].at("name") == "团市委");
}

TEST_CASE("event calendars: literal periods and data sources, and only: must name one") {
  Diagnostics diagnostics;
  const std::string calendars = R"(calendars:
  events:
    exams: {periods: [2023-W02, 2023-W01]}
    lessons: {record_set: activities, column: held_on}
)";
  std::string text = kHead;
  text.insert(text.find("rules:\n"), calendars);
  auto pack = load_pack_from_text(text + "  - {id: a.b, cadence: week, only: exams, value: '1', fail: value == 0}\n",
                                  "p.yaml", diagnostics);
  REQUIRE(pack != nullptr);
  REQUIRE(pack->calendars.events.size() == 1);
  CHECK(pack->calendars.events[0].periods().front() == Period::week(2023, 1));
  REQUIRE(pack->calendars.event_sources.size() == 1);
  CHECK(pack->calendars.event_sources[0].column == "held_on");
  CHECK(pack->calendars.regions == std::vector<std::string>{"national"});
  CHECK(pack->rules[0].only_events == "exams");

  Diagnostics bad;
  CHECK(load_pack_from_text(text + "  - {id: a.b, cadence: week, only: exam, value: '1', fail: value == 0}\n", "p.yaml",
                            bad) == nullptr);
  REQUIRE(bad.size() == 1);
  CHECK(bad.items()[0].message == "unknown event calendar 'exam' (known: exams, lessons)");
}

TEST_CASE("calendar files are read relative to the pack, and a pack from text may not name files") {
  Diagnostics diagnostics;
  auto pack = load_pack(kSourceDir + "/tests/cases/packs/valid-features", diagnostics);
  REQUIRE(pack != nullptr);
  CHECK(!pack->calendars.entries.empty());
  CHECK(pack->calendars.regions == std::vector<std::string>{"national", "ningxia"});
  CHECK(!pack->sources.line(kSourceDir + "/rules/calendars/national.csv", 1).empty());

  Diagnostics from_text;
  CHECK(load_pack_from_text("pack: {id: x}\nschema: schema.yaml\nrules: []\n", "p.yaml", from_text) == nullptr);
  CHECK(find_message(from_text, "cannot name a schema file") != nullptr);
}

TEST_CASE("a bulletin's per-unit lines: label, text split at its figures, each figure's measure and rule") {
  Diagnostics diagnostics;
  auto pack = load_text(R"yaml(  - {id: a.b, cadence: month, value: count(activities), fail: value == 0}
  - {id: c.d, cadence: month, value: "ratio(count(activities), 2)", fail: value < 50%}
bulletins:
  - id: m
    rate_rule: c.d
    per_unit:
      - label: 主题团日未开展
        text: "{missed} 个支部"
        figures:
          missed: {findings: a.b, names: 3}
      - label: 学社衔接
        text: "待办 {left} 人（超期 {late} 件），完成率 {rate}；{{原样}}"
        figures:
          left: {remaining: c.d}
          late: {sum: a.b}
          rate: {rate: c.d}
)yaml",
                        diagnostics);
  INFO(render_all(diagnostics));
  REQUIRE(pack != nullptr);
  CHECK(diagnostics.empty());
  const auto& lines = pack->bulletins.at(0).per_unit;
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].label == "主题团日未开展");
  REQUIRE(lines[0].figures.size() == 1);
  CHECK(lines[0].figures[0].name == "missed");
  CHECK(lines[0].figures[0].measure == FigureMeasure::kFindings);
  CHECK(lines[0].figures[0].rule == "a.b");
  CHECK(lines[0].figures[0].names == 3);
  CHECK(lines[0].figures[0].span.line == 20);
  CHECK(lines[0].figures[0].span.column == 30);
  REQUIRE(lines[0].parts.size() == 2);
  CHECK(lines[0].parts[0].figure == 0);
  CHECK(lines[0].parts[1].literal == " 个支部");
  const BulletinLine& transfer = lines[1];
  REQUIRE(transfer.figures.size() == 3);
  CHECK(transfer.figures[0].measure == FigureMeasure::kRemaining);
  CHECK(transfer.figures[1].measure == FigureMeasure::kSum);
  CHECK(transfer.figures[2].measure == FigureMeasure::kRate);
  // Literals and placeholders alternate; `{{` is a brace.
  std::string rebuilt;
  for (const auto& part : transfer.parts) {
    rebuilt += part.figure < 0 ? part.literal
                               : "<" + transfer.figures[static_cast<std::size_t>(part.figure)].name + ">";
  }
  CHECK(rebuilt == "待办 <left> 人（超期 <late> 件），完成率 <rate>；{原样}");
}

TEST_CASE("per-unit line errors point at the figure or the placeholder") {
  Diagnostics diagnostics;
  auto pack = load_text(R"yaml(  - {id: a.b, cadence: month, value: count(activities), fail: value == 0}
bulletins:
  - id: m
    rate_rule: a.b
    per_unit:
      - label: 甲
        text: "{mised} 个，{open"
        figures:
          missed: {findings: a.c, names: -1}
      - label: 乙
        text: "{x} 件 }"
        figures:
          x: {sum: a.b, rate: a.b, names: 2}
          y: {}
      - text: 无标签
        figures: {}
)yaml",
                        diagnostics);
  CHECK(pack == nullptr);
  auto at = [&](const std::string& part) -> std::pair<int, int> {
    const Diagnostic* found = find_message(diagnostics, part);
    if (found == nullptr) return {-1, -1};
    return {found->span.line, found->span.column};
  };
  INFO(render_all(diagnostics));
  // Columns count code points: "{open" starts after "{mised} 个，".
  CHECK(at("unknown figure 'mised' in the text (did you mean 'missed'?)") == std::pair{17, 16});
  CHECK(at("'{' in the text is never closed") == std::pair{17, 26});
  CHECK(at("unknown rule 'a.c' (did you mean 'a.b'?)") == std::pair{19, 30});
  CHECK(at("'names' must be 0 or more") == std::pair{19, 42});
  CHECK(at("'}' in the text without its '{'") == std::pair{21, 22});
  CHECK(at("figure 'x' has both 'sum' and 'rate'; give one measure") == std::pair{23, 25});
  CHECK(at("'names' lists the orgs of a 'findings' figure, not of 'sum'") == std::pair{23, 36});
  CHECK(at("figure 'y' needs a measure") == std::pair{24, 11});
  CHECK(at("per_unit line is missing the required key 'label'") == std::pair{25, 9});
  CHECK(diagnostics.error_count() == 9);
  // No cascade: a line with errors does not also warn that a figure is unused.
  CHECK(diagnostics.size() == 9);
}

TEST_CASE("a figure the text never shows is a warning, and the pack loads") {
  Diagnostics diagnostics;
  auto pack = load_text(R"yaml(  - {id: a.b, cadence: month, value: count(activities), fail: value == 0}
bulletins:
  - id: m
    rate_rule: a.b
    per_unit:
      - {label: 甲, text: "{shown} 个", figures: {shown: {findings: a.b}, hidden: {sum: a.b}}}
)yaml",
                        diagnostics);
  REQUIRE(pack != nullptr);
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics.items()[0].severity == Severity::kWarning);
  CHECK(diagnostics.items()[0].message == "figure 'hidden' is not shown: the text has no {hidden}");
  CHECK(diagnostics.items()[0].span.line == 16);  // at the rule of `hidden`
  CHECK(diagnostics.items()[0].span.column == 87);
}

TEST_CASE("every shape error is reported, each at its node") {
  Diagnostics diagnostics;
  auto pack = load_text(R"(  - id: a.b
    cadence: week
    wieght: 2
    weight: -1
    severity: urgent
    shortfall: relatve
    value: [1]
    fail: value == 0
    waivers: [{org: B1, from: 2023-W09, to: 2023-W02, reason: x}]
  - id: a.b
    cadence: week
  - id: "not an id"
    cadence: week
  - cadence: week
    id: c.d
    cadence: month
)",
                        diagnostics);
  CHECK(pack == nullptr);
  auto at = [&](const std::string& part) -> std::pair<int, int> {
    const Diagnostic* found = find_message(diagnostics, part);
    if (found == nullptr) return {-1, -1};
    return {found->span.line, found->span.column};
  };
  CHECK(at("unknown key 'wieght' in rule (did you mean 'weight'?)") == std::pair{13, 5});
  CHECK(at("'weight' must be greater than 0, got -1") == std::pair{14, 13});
  CHECK(at("unknown severity 'urgent' (known: low, medium, high, critical)") == std::pair{15, 15});
  CHECK(at("unknown shortfall 'relatve'") == std::pair{16, 16});
  CHECK(at("'value' must be an expression, got a list") == std::pair{17, 12});
  CHECK(at("waiver ends (2023-W02) before it starts (2023-W09)") == std::pair{19, 15});
  CHECK(at("duplicate rule id 'a.b' (first defined at line 11)") == std::pair{20, 9});
  CHECK(at("rule id 'not an id' must be dotted names") == std::pair{22, 9});
  CHECK(at("duplicate key 'cadence' in rule (first at line 24)") == std::pair{26, 5});
  CHECK(diagnostics.error_count() == 9);
}

TEST_CASE("YAML syntax errors carry yaml-cpp's mark, 1-based") {
  Diagnostics diagnostics;
  SourceMap sources;
  CHECK(load_pack_from_text("pack: {id: x\nrules: []\n", "p.yaml", diagnostics, &sources) == nullptr);
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics.items()[0].message.rfind("YAML syntax: ", 0) == 0);
  CHECK(diagnostics.items()[0].span.line >= 1);
  CHECK(!sources.line("p.yaml", 1).empty());
}

}  // namespace cadence

// The compiler and the binder it drives: every error at its file position,
// all of them reported, and the plan's order and thresholds.
#include "engine/plan/plan.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <map>

#include "tests/engine/eval/pack_builder.h"

namespace cadence {
namespace {

using testing::make_pack;
using testing::rule;
using testing::RuleOptions;

std::string compile_errors(const Pack& pack) {
  Diagnostics diagnostics;
  auto plan = compile(pack, diagnostics);
  CHECK(plan == nullptr);
  return render_all(diagnostics);
}

TEST_CASE("an unknown column is reported at its column inside the expression") {
  // The value starts at column 10 of line 2 (pack_builder): "sum(study.learnerz)".
  auto pack = make_pack({rule("r", PeriodKind::kWeek, "sum(study.learnerz)", "value < 1")});
  CHECK(compile_errors(*pack) == "pack.yaml:2:14: error: unknown column 'learnerz' in record set 'study'\n");
}

TEST_CASE("every error is reported, not only the first") {
  auto pack = make_pack({rule("r", PeriodKind::kWeek, "count(activities, where: type == \"theme_dya\")",
                              "value < 60%"),
                         rule("s", PeriodKind::kMonth, "org.nickname", "value == 0")});
  // The enum's values, as a schema.yaml would list them.
  pack->schema.record_sets[3].columns[2].values = {"theme_day", "lesson", "assembly"};
  std::string errors = compile_errors(*pack);
  CHECK(errors.find("'theme_dya' is not a value of type") != std::string::npos);
  CHECK(errors.find("unknown org attribute 'nickname'") != std::string::npos);
}

TEST_CASE("a rate threshold outside [0, 1] is an error: 60 was meant as 60%") {
  auto pack = make_pack({rule("r", PeriodKind::kWeek, "ratio(sum(study.learners), count(members), on_zero: skip)",
                              "value < 60")});
  CHECK(compile_errors(*pack).find("a rate threshold must lie in [0, 1]") != std::string::npos);
}

TEST_CASE("rules that depend on each other in a cycle are named in order") {
  auto pack = make_pack({rule("a", PeriodKind::kWeek, "count(study)", "failed(b)"),
                         rule("b", PeriodKind::kWeek, "count(study)", "failed(a)")});
  CHECK(compile_errors(*pack).find("rules depend on each other in a cycle: a → b → a") != std::string::npos);
}

TEST_CASE("results of another rule are usable only at the same cadence") {
  auto pack = make_pack({rule("weekly", PeriodKind::kWeek, "count(study)", "value == 0"),
                         rule("monthly", PeriodKind::kMonth, "streak(weekly)", "value >= 3")});
  CHECK(compile_errors(*pack).find("runs every week but this rule runs every month") != std::string::npos);
}

TEST_CASE("a ratio without a zero-denominator policy is a warning, not an error") {
  auto pack = make_pack({rule("r", PeriodKind::kWeek, "ratio(sum(study.learners), count(members))", "value < 60%")});
  Diagnostics diagnostics;
  auto plan = compile(*pack, diagnostics);
  REQUIRE(plan != nullptr);
  CHECK(diagnostics.warning_count() == 1);
  CHECK(diagnostics.items()[0].message.find("ratio() without on_zero") == 0);
}

TEST_CASE("the plan orders dependencies first and shares identical aggregates") {
  RuleOptions options;
  options.lets = {{"learners", "sum(study.learners)"}};
  auto pack = make_pack({rule("streak", PeriodKind::kWeek, "streak(rate)", "value >= 3"),
                         rule("rate", PeriodKind::kWeek, "ratio(learners, count(members), on_zero: skip)",
                              "value < 60%", options),
                         rule("total", PeriodKind::kWeek, "sum(study.learners)", "value == 0")});
  Diagnostics diagnostics;
  auto plan = compile(*pack, diagnostics);
  REQUIRE(plan != nullptr);
  REQUIRE(plan->order.size() == 3);
  auto position = [&](int rule_index) {
    return std::find(plan->order.begin(), plan->order.end(), rule_index) - plan->order.begin();
  };
  CHECK(position(1) < position(0));  // rate before streak
  CHECK(plan->aggregates.size() == 2);  // sum(study.learners) once, count(members) once
  const CompiledRule& rate = plan->rules[1];
  CHECK(rate.value_is_ratio);
  CHECK(rate.shortfall == ShortfallKind::kRelative);
  CHECK(rate.threshold.numerator * 10 == rate.threshold.denominator * 6);
  CHECK(plan->rules[2].shortfall == ShortfallKind::kUnit);
  CHECK(explain(*plan).find("streak every week") != std::string::npos);
}

TEST_CASE("a target without a fail condition fails below the linear pace of the year") {
  auto spec = rule("posts", PeriodKind::kMonth, "count(activities, window: year_to_date)", "");
  spec.fail = ExprText{};
  spec.target = TargetSpec{testing::expr("365"), "linear", SourceSpan{}};
  auto pack = make_pack({spec});
  auto plan = testing::compile_or_fail(*pack);
  const CompiledRule& compiled = plan->rules[0];
  REQUIRE(compiled.fail != nullptr);
  // value < (365) * year_share(period): by the end of January 31 are expected.
  CHECK(lang::to_string(*compiled.fail).find("year_share") != std::string::npos);
}

TEST_CASE("a paced target's fail condition is built from the bound target, whose errors point into its text") {
  auto spec = rule("posts", PeriodKind::kMonth, "count(activities, window: year_to_date)", "");
  spec.fail = ExprText{};
  spec.target = TargetSpec{testing::expr("360 + 5"), "linear", SourceSpan{}};
  auto pack = make_pack({spec});
  auto plan = testing::compile_or_fail(*pack);
  CHECK(lang::to_string(*plan->rules[0].fail) == "(< (let 0:number) (* (+ 360 5) (year_share (period))))");
  CHECK(lang::to_string(*plan->rules[0].target) == "(+ 360 5)");

  spec.target = TargetSpec{testing::expr("12 * quota"), "linear", SourceSpan{}};
  auto unknown = make_pack({spec});
  Diagnostics diagnostics;
  CHECK(compile(*unknown, diagnostics) == nullptr);
  REQUIRE(diagnostics.items().size() == 1);
  CHECK(diagnostics.items()[0].span.column == 15);  // `quota`, after "12 * " at column 10
}

TEST_CASE("a target's fail condition draws a line per cell, and its shortfall is relative") {
  auto spec = rule("posts", PeriodKind::kMonth, "count(activities, window: year_to_date)", "");
  spec.fail = ExprText{};
  spec.target = TargetSpec{testing::expr("365"), "linear", SourceSpan{}};
  auto pack = make_pack({spec, rule("too_small", PeriodKind::kYear, "count(members)", "value < 3"),
                         rule("shifted", PeriodKind::kYear, "count(members)", "value > -1")});
  auto plan = testing::compile_or_fail(*pack);
  CHECK(plan->rules[0].line != nullptr);
  CHECK(plan->rules[0].comparison == Comparison::kLess);
  CHECK(plan->rules[0].shortfall == ShortfallKind::kRelative);
  // A constant line stays a threshold: count rules keep contract.md's unit shortfall.
  CHECK(plan->rules[1].line == nullptr);
  CHECK(plan->rules[1].shortfall == ShortfallKind::kUnit);
  CHECK(plan->rules[2].line == nullptr);  // -1 is made of constants alone
}

TEST_CASE("a rate compared with a line that varies is refused, saying what to write instead") {
  RuleOptions options;
  options.lets = {{"active", "count(members)"}};
  auto pack = make_pack({rule("r", PeriodKind::kYear, "ratio(count(members), active, on_zero: skip)",
                              "value < active / 100", options)});
  CHECK(compile_errors(*pack) ==
        "pack.yaml:3:18: error: a rate can only be compared with a constant, such as value < 60%: the gap in people "
        "and the score need a fixed line; for a line that varies compare the rate's parts instead, e.g. fail: "
        "learners < target * active\n");
}

TEST_CASE("a window inside a filter over members is refused, not ignored") {
  auto pack = make_pack({rule("r", PeriodKind::kYear,
                              "count(members, where: exists(transfers, window: year_to_date))", "value == 0")});
  CHECK(compile_errors(*pack) ==
        "pack.yaml:2:58: error: window: is not applied inside a filter over members: exists() reads each member's "
        "'transfers' rows over all time; select them by date in where: instead, e.g. where: within(requested_on, "
        "period), or write window: all\n");
  // window: all says what happens: accepted.
  auto all = make_pack({rule("r", PeriodKind::kYear, "count(members, where: exists(transfers, window: all))",
                             "value == 0")});
  testing::compile_or_fail(*all);
}

TEST_CASE("a rate threshold above 100 % is refused as a data check, saying to compare the parts") {
  auto pack = make_pack({rule("r", PeriodKind::kWeek, "ratio(sum(study.learners), count(members), on_zero: skip)",
                              "value > 105%")});
  CHECK(compile_errors(*pack).find("a rate above 100 % means the numerator outgrew the denominator") !=
        std::string::npos);
}

TEST_CASE("shortfall: relative on a condition without a line below is refused, naming the alternative") {
  auto spec = rule("r", PeriodKind::kYear, "count(members)", "value == 0");
  spec.shortfall = ShortfallKind::kRelative;
  auto pack = make_pack({spec});
  CHECK(compile_errors(*pack).find("write shortfall: unit for any other condition") != std::string::npos);
}

}  // namespace
}  // namespace cadence

namespace cadence {
namespace {

TEST_CASE("a message placeholder may hold a call with named arguments, and a format after it") {
  RuleOptions options;
  options.message = "{org.name}: {count(members, where: status == \"active\"):int} / {value:percent}";
  auto pack = make_pack({rule("r", PeriodKind::kWeek, "1", "value < 1", options)});
  Diagnostics diagnostics;
  auto plan = compile(*pack, diagnostics);
  REQUIRE(plan != nullptr);
  CHECK(render_all(diagnostics).empty());
  const auto& message = plan->rules[0].message;
  REQUIRE(message.size() == 5);
  CHECK(message[2].expr != nullptr);
  CHECK(message[2].format == "int");
  CHECK(message[4].format == "percent");
}

TEST_CASE("message errors point into the message: an unknown format, an unclosed placeholder") {
  RuleOptions options;
  // The message starts at column 14 of line 7 (pack_builder).
  options.message = "{value:percnt} {org.name";
  auto pack = make_pack({rule("r", PeriodKind::kWeek, "1", "value < 1", options)});
  CHECK(compile_errors(*pack) ==
        "pack.yaml:7:21: error: unknown format 'percnt' (known: percent, int, decimal, date)\n"
        "pack.yaml:7:29: error: '{' in the message is never closed (write '{{' for a literal brace)\n");
}

}  // namespace
}  // namespace cadence

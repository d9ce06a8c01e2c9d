#include "engine/core/diagnostic.h"

#include <doctest/doctest.h>

namespace cadence {
namespace {

TEST_CASE("a diagnostic renders file:line:col, the source line and a caret") {
  SourceMap sources;
  sources.add("pack.yaml", "id: b\nrules:\n  value: sum(study.learnerz)\n");
  Diagnostic diagnostic{Severity::kError, {"pack.yaml", 3, 20, 8, ""}, "unknown column 'learnerz'"};
  CHECK(render(diagnostic, &sources) ==
        "pack.yaml:3:20: error: unknown column 'learnerz'\n"
        " 3 |   value: sum(study.learnerz)\n"
        "   |                    ^~~~~~~~");
}

TEST_CASE("the caret lines up under Chinese text, which is two columns wide") {
  SourceMap sources;
  sources.add("p.yaml", "title: 团支部 x\n");
  // column counts code points: 't','i','t','l','e',':',' ','团','支','部',' ','x' → x is 12.
  Diagnostic diagnostic{Severity::kWarning, {"p.yaml", 1, 12, 1, ""}, "odd"};
  CHECK(render(diagnostic, &sources) ==
        "p.yaml:1:12: warning: odd\n"
        " 1 | title: 团支部 x\n"
        "   |               ^");
  CHECK(display_width("团支部 x") == 8);
}

TEST_CASE("tabular sources name the row's line and the column by header") {
  Diagnostic diagnostic{Severity::kError, {"members.csv", 7, 0, 1, "出生日期"}, "'2023-02-30' is not a date"};
  CHECK(render(diagnostic) == "members.csv:7: error: column '出生日期': '2023-02-30' is not a date");
}

TEST_CASE("diagnostics are all kept, counted and sorted by position") {
  Diagnostics diagnostics;
  diagnostics.error({"b.yaml", 9, 1, 1, ""}, "second");
  diagnostics.warning({"a.yaml", 2, 1, 1, ""}, "a warning");
  diagnostics.error({"b.yaml", 3, 4, 1, ""}, "first");
  CHECK(diagnostics.error_count() == 2);
  CHECK(diagnostics.warning_count() == 1);
  auto sorted = diagnostics.sorted();
  REQUIRE(sorted.size() == 3);
  CHECK(sorted[0].message == "a warning");
  CHECK(sorted[1].message == "first");
  CHECK(sorted[2].message == "second");
  CHECK(render_all(diagnostics, nullptr, 2) ==
        "a.yaml:2:1: warning: a warning\nb.yaml:3:4: error: first\n... and 1 more problems\n");
}

TEST_CASE("an unknown source or line renders the header alone") {
  Diagnostic diagnostic{Severity::kError, {"x.csv", 0, 0, 1, ""}, "empty file"};
  CHECK(render(diagnostic) == "x.csv: error: empty file");
  SourceMap sources;
  CHECK(sources.line("missing", 1).empty());
}

}  // namespace
}  // namespace cadence

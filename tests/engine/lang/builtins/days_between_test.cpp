// days_between(a, b): b − a in days, typed and checked.
#include <doctest/doctest.h>

#include "tests/engine/lang/builtins/builtin_harness.h"

namespace cadence::lang {
namespace {

using testing::bind_text;
using testing::execute;

int64_t days(std::string_view text) {
  return testing::whole_number(text);
}

TEST_CASE("days_between counts the days from a to b, negative when b is earlier") {
  CHECK(days("days_between(2024-03-01, 2024-03-31)") == 30);
  CHECK(days("days_between(2024-02-28, 2024-03-01)") == 2);  // a leap year
  CHECK(days("days_between(2023-02-28, 2023-03-01)") == 1);
  CHECK(days("days_between(2024-03-31, 2024-03-01)") == -30);
  CHECK(days("days_between(2024-03-01, 2024-03-01)") == 0);
}

TEST_CASE("days_between of a null is null") {
  auto bound = bind_text("days_between(null, 2024-03-01)");
  REQUIRE(bound.expr != nullptr);
  CHECK(execute(*bound.expr).null);
}

TEST_CASE("days_between takes two dates, reported where they are written") {
  CHECK(bind_text("days_between(2024-03-01, 5)").diagnostics ==
        "pack.yaml:1:26: error: days_between() expects a date here, got number\n");
  CHECK(bind_text("days_between(2024-03-01)").diagnostics ==
        "pack.yaml:1:1: error: days_between() takes 2 arguments, got 1\n");
  CHECK(bind_text("days_between(2024-03-01, 2024-03-02, unit: days)").diagnostics ==
        "pack.yaml:1:38: error: unknown argument 'unit' to days_between() (it takes none)\n");
}

TEST_CASE("days_between prints by its name") {
  auto bound = bind_text("days_between(2024-03-01, 2024-03-31)");
  REQUIRE(bound.expr != nullptr);
  CHECK(to_string(*bound.expr) == "(days_between 2024-03-01 2024-03-31)");
}

}  // namespace
}  // namespace cadence::lang

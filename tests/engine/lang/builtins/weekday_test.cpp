// weekday(date): 1 = Monday … 7 = Sunday (ISO 8601).
#include <doctest/doctest.h>

#include "tests/engine/lang/builtins/builtin_harness.h"

namespace cadence::lang {
namespace {

using testing::bind_text;
using testing::execute;

int64_t weekday(std::string_view text) {
  return testing::whole_number(text);
}

TEST_CASE("weekday numbers the days of the week from Monday") {
  CHECK(weekday("weekday(2024-03-04)") == 1);  // a Monday
  CHECK(weekday("weekday(2024-03-09)") == 6);
  CHECK(weekday("weekday(2024-03-10)") == 7);
  CHECK(weekday("weekday(2000-01-01)") == 6);  // a Saturday
}

TEST_CASE("weekday of a null is null, and it takes a date") {
  auto bound = bind_text("weekday(null)");
  REQUIRE(bound.expr != nullptr);
  CHECK(execute(*bound.expr).null);
  CHECK(bind_text("weekday(2024-W10)").diagnostics ==
        "pack.yaml:1:9: error: weekday() expects a date here, got period\n");
}

}  // namespace
}  // namespace cadence::lang

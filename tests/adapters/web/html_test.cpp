#include "adapters/web/html.h"

#include <doctest/doctest.h>

using namespace cadence::web;

TEST_CASE("escape neutralises markup in text and attributes") {
  CHECK(escape("<script>alert('x')</script>&\"") == "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;");
}

TEST_CASE("periods read as people write them") {
  CHECK(period_label("2023-W10") == "2023年第10周");
  CHECK(period_label("2023-03") == "2023年3月");
  CHECK(period_label("2023-Q1") == "2023年第1季度");
  CHECK(period_label("2023") == "2023年");
  CHECK(period_label("W10") == "W10");
}

TEST_CASE("values and shares are formatted without noise") {
  CHECK(micros_text(2000000) == "2");
  CHECK(micros_text(583333) == "0.583333");
  CHECK(micros_text(-500000) == "-0.5");
  CHECK(per_mille_percent(125) == "12.5%");
}

#include "engine/eval/waivers.h"

#include <doctest/doctest.h>

#include "tests/engine/eval/pack_builder.h"

namespace cadence {
namespace {

using testing::TestData;

Dataset two_counties() {
  TestData data;
  data.orgs({{"R", "", "Root", "committee"},
             {"C1", "R", "County 1", "committee"},
             {"B1", "C1", "Branch 1", "branch"},
             {"C2", "R", "County 2", "committee"}});
  return data.build();
}

Waiver waiver_of(const std::string& org, bool subtree) {
  Waiver waiver;
  waiver.org = org;
  waiver.subtree = subtree;
  waiver.from = Period::week(2023, 1);
  waiver.to = Period::week(2023, 8);
  waiver.reason = "winter closure";
  waiver.expires = Date::parse("2023-12-31");
  return waiver;
}

TEST_CASE("a waiver covers its org (or subtree) in its periods until it expires") {
  const Dataset dataset = two_counties();
  const OrgTree& tree = dataset.tree();
  const OrgIndex c1 = *tree.find("C1");
  const OrgIndex b1 = *tree.find("B1");
  const OrgIndex c2 = *tree.find("C2");
  const std::optional<Date> june = Date::parse("2023-06-01");
  const Waiver own = waiver_of("C1", false);
  CHECK(waiver_applies(own, tree, c1, Period::week(2023, 1), june));
  CHECK(waiver_applies(own, tree, c1, Period::week(2023, 8), june));
  CHECK_FALSE(waiver_applies(own, tree, c1, Period::week(2023, 9), june));  // after `to`
  CHECK_FALSE(waiver_applies(own, tree, b1, Period::week(2023, 2), june));  // not the subtree
  const Waiver subtree = waiver_of("C1", true);
  CHECK(waiver_applies(subtree, tree, b1, Period::week(2023, 2), june));
  CHECK_FALSE(waiver_applies(subtree, tree, c2, Period::week(2023, 2), june));
  // Expired at the audit's date: no longer applies; on the expiry day it still does.
  CHECK_FALSE(waiver_applies(own, tree, c1, Period::week(2023, 2), Date::parse("2024-01-01")));
  CHECK(waiver_applies(own, tree, c1, Period::week(2023, 2), Date::parse("2023-12-31")));
  // An unknown org covers nothing.
  CHECK_FALSE(waiver_applies(waiver_of("X9", true), tree, c1, Period::week(2023, 2), june));
}

}  // namespace
}  // namespace cadence

#include "engine/calendar/event_calendar.h"

#include <doctest/doctest.h>

#include "tests/engine/calendar/calendar_test_support.h"

namespace cadence {
namespace {

TEST_CASE("an event calendar sorts and dedups its periods and answers contains") {
  // Youth Study episodes: none in 2023-W05 (a vacation week), which must be skipped.
  const EventCalendar episodes("youth_study", {Period::week(2023, 6), Period::week(2023, 4), Period::week(2023, 6),
                                               Period::week(2022, 52)});
  CHECK(episodes.name() == "youth_study");
  REQUIRE(episodes.periods().size() == 3);
  CHECK(episodes.periods()[0] == Period::week(2022, 52));
  CHECK(episodes.periods()[1] == Period::week(2023, 4));
  CHECK(episodes.periods()[2] == Period::week(2023, 6));
  CHECK(episodes.contains(Period::week(2023, 4)));
  CHECK_FALSE(episodes.contains(Period::week(2023, 5)));
  // A month is not a week, even when it overlaps one.
  CHECK_FALSE(episodes.contains(Period::month(2023, 2)));
}

TEST_CASE("an empty event calendar contains nothing") {
  const EventCalendar none;
  CHECK(none.periods().empty());
  CHECK_FALSE(none.contains(Period::week(2023, 1)));
}

}  // namespace
}  // namespace cadence

#include "adapters/store/ledger.h"

#include <doctest/doctest.h>

#include "tests/adapters/store/test_support.h"

namespace cadence {
namespace {

using testing::TempDir;

Date day(const char* text) { return *Date::parse(text); }

Ledger open_ledger(const TempDir& dir) {
  auto ledger = Ledger::open(dir.path("cadence.db"));
  REQUIRE(ledger.is_ok());
  return std::move(*ledger);
}

Rectification case_of(Ledger& ledger, const char* org) {
  auto found = ledger.find(org);
  REQUIRE(found.is_ok());
  REQUIRE(found->has_value());
  return **found;
}

TEST_CASE("ledger: flagging opens a case with plan due 30 days later") {
  TempDir dir;
  Ledger ledger = open_ledger(dir);
  auto outcomes = ledger.flag({{"B1", "branch.no_secretary 2023"}}, day("2023-03-31"));
  REQUIRE(outcomes.is_ok());
  CHECK(outcomes->at(0) == FlagOutcome::kOpened);
  Rectification item = case_of(ledger, "B1");
  CHECK(item.status == RectificationStatus::kOpen);
  CHECK(item.flagged_on == day("2023-03-31"));
  CHECK(item.plan_due == day("2023-04-30"));
  CHECK(item.reasons == "branch.no_secretary 2023");
  REQUIRE(item.history.size() == 1);
  CHECK(item.history[0].step == "flagged");
}

TEST_CASE("ledger: flagging a branch with an open case does not duplicate it") {
  TempDir dir;
  Ledger ledger = open_ledger(dir);
  REQUIRE(ledger.flag({{"B1", "r"}}, day("2023-03-31")).is_ok());
  auto again = ledger.flag({{"B1", "r2"}, {"B2", "s"}}, day("2023-04-30"));
  REQUIRE(again.is_ok());
  CHECK(again->at(0) == FlagOutcome::kAlreadyOpen);
  CHECK(again->at(1) == FlagOutcome::kOpened);
  auto all = ledger.list(Ledger::Filter::kAll, day("2023-04-30"));
  REQUIRE(all.is_ok());
  REQUIRE(all->size() == 2);
  CHECK(all->at(0).org_id == "B1");
  CHECK(all->at(0).history.size() == 1);
  CHECK(all->at(0).plan_due == day("2023-04-30"));
}

TEST_CASE("ledger: plan then recheck then close in order and wrong steps are refused") {
  TempDir dir;
  Ledger ledger = open_ledger(dir);
  REQUIRE(ledger.flag({{"B1", "r"}}, day("2023-03-31")).is_ok());
  CHECK(ledger.record("B1", RectifyAction::kClose, day("2023-04-01"), "").code() == StatusCode::kInvalidInput);
  CHECK(ledger.record("B1", RectifyAction::kRecheck, day("2023-04-01"), "").code() == StatusCode::kInvalidInput);
  CHECK(ledger.record("B1", RectifyAction::kPlan, day("2023-04-10"), "整改方案已报").is_ok());
  CHECK(ledger.record("B1", RectifyAction::kPlan, day("2023-04-11"), "").code() == StatusCode::kInvalidInput);
  CHECK(ledger.record("B1", RectifyAction::kRecheck, day("2023-05-10"), "复查合格").is_ok());
  CHECK(ledger.record("B1", RectifyAction::kClose, day("2023-05-20"), "销号").is_ok());
  Rectification item = case_of(ledger, "B1");
  CHECK(item.status == RectificationStatus::kClosed);
  REQUIRE(item.closed_on.has_value());
  CHECK(*item.closed_on == day("2023-05-20"));
  REQUIRE(item.history.size() == 4);
  CHECK(item.history[1].note == "整改方案已报");
  CHECK(item.history[3].status == RectificationStatus::kClosed);
  CHECK(ledger.record("B9", RectifyAction::kPlan, day("2023-04-10"), "").code() == StatusCode::kNotFound);
}

TEST_CASE("ledger: a closed branch that fails again reopens with its history kept") {
  TempDir dir;
  Ledger ledger = open_ledger(dir);
  REQUIRE(ledger.flag({{"B1", "first"}}, day("2023-03-31")).is_ok());
  REQUIRE(ledger.record("B1", RectifyAction::kPlan, day("2023-04-10"), "").is_ok());
  REQUIRE(ledger.record("B1", RectifyAction::kClose, day("2023-05-01"), "").is_ok());
  auto again = ledger.flag({{"B1", "second"}}, day("2023-06-30"), 15);
  REQUIRE(again.is_ok());
  CHECK(again->at(0) == FlagOutcome::kReopened);
  Rectification item = case_of(ledger, "B1");
  CHECK(item.status == RectificationStatus::kOpen);
  CHECK(!item.closed_on.has_value());
  CHECK(item.flagged_on == day("2023-03-31"));
  CHECK(item.plan_due == day("2023-07-15"));
  CHECK(item.reasons == "second");
  REQUIRE(item.history.size() == 4);
  CHECK(item.history[3].step == "reflagged");
}

TEST_CASE("ledger: rectify reopen sends a closed case back to open with a new due date") {
  TempDir dir;
  Ledger ledger = open_ledger(dir);
  REQUIRE(ledger.flag({{"B1", "r"}}, day("2023-03-31")).is_ok());
  CHECK(ledger.record("B1", RectifyAction::kReopen, day("2023-04-01"), "").code() == StatusCode::kInvalidInput);
  REQUIRE(ledger.record("B1", RectifyAction::kPlan, day("2023-04-10"), "").is_ok());
  REQUIRE(ledger.record("B1", RectifyAction::kClose, day("2023-05-01"), "").is_ok());
  REQUIRE(ledger.record("B1", RectifyAction::kReopen, day("2023-05-10"), "复查不合格").is_ok());
  Rectification item = case_of(ledger, "B1");
  CHECK(item.status == RectificationStatus::kOpen);
  CHECK(item.plan_due == day("2023-06-09"));
  CHECK(item.history.back().step == "reopen");
}

TEST_CASE("ledger: a step dated before the case or before its last step is refused, nothing recorded") {
  TempDir dir;
  Ledger ledger = open_ledger(dir);
  REQUIRE(ledger.flag({{"B1", "r"}}, day("2023-03-31")).is_ok());
  Status early = ledger.record("B1", RectifyAction::kPlan, day("2023-03-30"), "");
  CHECK(early.code() == StatusCode::kInvalidInput);
  CHECK(early.message() == "the step's date 2023-03-30 is before B1's case was opened on 2023-03-31");
  REQUIRE(ledger.record("B1", RectifyAction::kPlan, day("2023-04-10"), "").is_ok());
  Status back = ledger.record("B1", RectifyAction::kClose, day("2023-04-09"), "");
  CHECK(back.code() == StatusCode::kInvalidInput);
  CHECK(back.message() == "the step's date 2023-04-09 is before B1's last step (plan on 2023-04-10)");
  // The same day as the last step is fine.
  CHECK(ledger.record("B1", RectifyAction::kClose, day("2023-04-10"), "").is_ok());
  CHECK(case_of(ledger, "B1").history.size() == 3);
}

TEST_CASE("ledger: plan due days outside 1..366 are refused when flagging and reopening") {
  TempDir dir;
  Ledger ledger = open_ledger(dir);
  for (int days : {-5, 0, 367, 100000}) {
    auto flagged = ledger.flag({{"B1", "r"}}, day("2023-03-31"), days);
    REQUIRE_FALSE(flagged.is_ok());
    CHECK(flagged.status().code() == StatusCode::kInvalidInput);
  }
  CHECK(ledger.list(Ledger::Filter::kAll, day("2023-03-31"))->empty());
  REQUIRE(ledger.flag({{"B1", "r"}}, day("2023-03-31"), 366).is_ok());
  REQUIRE(ledger.record("B1", RectifyAction::kPlan, day("2023-04-10"), "").is_ok());
  REQUIRE(ledger.record("B1", RectifyAction::kClose, day("2023-04-20"), "").is_ok());
  Status reopen = ledger.record("B1", RectifyAction::kReopen, day("2023-05-10"), "", -1);
  CHECK(reopen.code() == StatusCode::kInvalidInput);
  CHECK(reopen.message() == "plan due days must be between 1 and 366, not -1");
  CHECK(case_of(ledger, "B1").status == RectificationStatus::kClosed);
}

TEST_CASE("ledger: overdue lists open cases past their plan due date only") {
  TempDir dir;
  Ledger ledger = open_ledger(dir);
  REQUIRE(ledger.flag({{"B1", "a"}, {"B2", "b"}}, day("2023-03-01")).is_ok());
  REQUIRE(ledger.flag({{"B3", "c"}}, day("2023-03-20")).is_ok());
  REQUIRE(ledger.record("B2", RectifyAction::kPlan, day("2023-03-05"), "").is_ok());
  // Due dates: B1 and B2 2023-03-31, B3 2023-04-19. B2 filed its plan.
  auto on_due = ledger.list(Ledger::Filter::kOverdue, day("2023-03-31"));
  REQUIRE(on_due.is_ok());
  CHECK(on_due->empty());
  auto later = ledger.list(Ledger::Filter::kOverdue, day("2023-04-01"));
  REQUIRE(later.is_ok());
  REQUIRE(later->size() == 1);
  CHECK(later->at(0).org_id == "B1");
}

TEST_CASE("ledger: the ledger survives reopening the database") {
  TempDir dir;
  {
    Ledger ledger = open_ledger(dir);
    REQUIRE(ledger.flag({{"B1", "r"}}, day("2023-03-01")).is_ok());
  }
  Ledger ledger = open_ledger(dir);
  CHECK(case_of(ledger, "B1").status == RectificationStatus::kOpen);
}

}  // namespace
}  // namespace cadence

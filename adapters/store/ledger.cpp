#include "adapters/store/ledger.h"

#include <sqlite3.h>

#include <utility>

#include "adapters/store/statement.h"
#include "adapters/store/store.h"

namespace cadence {

using store::Statement;
using store::sqlite_error;

namespace {

// The plan due date is between a day and a year after the flag or reopen: a
// negative or zero delay would make a case overdue when it opens, and a
// longer one is a typo (the pack's default is 30).
constexpr int kMaxPlanDueDays = 366;

Status check_plan_due_days(int days) {
  if (days >= 1 && days <= kMaxPlanDueDays) return Status::ok();
  return Status::invalid_input("plan due days must be between 1 and " + std::to_string(kMaxPlanDueDays) + ", not " +
                               std::to_string(days));
}

Result<Date> parse_stored_date(std::string_view text) {
  auto date = Date::parse(text);
  if (!date) return Status::store_error("rectification ledger: bad date '" + std::string(text) + "'");
  return *date;
}

}  // namespace

std::string_view to_string(RectificationStatus status) {
  switch (status) {
    case RectificationStatus::kOpen:
      return "open";
    case RectificationStatus::kPlanFiled:
      return "plan_filed";
    case RectificationStatus::kRechecked:
      return "rechecked";
    case RectificationStatus::kClosed:
      return "closed";
  }
  return "open";
}

std::optional<RectificationStatus> parse_rectification_status(std::string_view text) {
  for (auto status : {RectificationStatus::kOpen, RectificationStatus::kPlanFiled, RectificationStatus::kRechecked,
                      RectificationStatus::kClosed}) {
    if (to_string(status) == text) return status;
  }
  return std::nullopt;
}

std::optional<RectifyAction> parse_rectify_action(std::string_view text) {
  if (text == "plan") return RectifyAction::kPlan;
  if (text == "recheck") return RectifyAction::kRecheck;
  if (text == "close") return RectifyAction::kClose;
  if (text == "reopen") return RectifyAction::kReopen;
  return std::nullopt;
}

std::string_view to_string(FlagOutcome outcome) {
  switch (outcome) {
    case FlagOutcome::kOpened:
      return "opened";
    case FlagOutcome::kAlreadyOpen:
      return "already open";
    case FlagOutcome::kReopened:
      return "reopened";
  }
  return "opened";
}

Result<Ledger> Ledger::open(const std::string& path, StoreAccess access) {
  // Store::open creates (or, read-only, finds) the file, runs the
  // migrations, ours included, and sets the connection up; the ledger then
  // keeps that connection.
  auto store = Store::open(path, access);
  if (!store.is_ok()) return store.status();
  return Ledger(std::exchange(store->db_, nullptr));
}

Ledger::Ledger(Ledger&& other) noexcept : db_(std::exchange(other.db_, nullptr)) {}

Ledger& Ledger::operator=(Ledger&& other) noexcept {
  if (this != &other) {
    sqlite3_close(db_);
    db_ = std::exchange(other.db_, nullptr);
  }
  return *this;
}

Ledger::~Ledger() { sqlite3_close(db_); }

Status Ledger::exec(const char* sql) {
  char* message = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) != SQLITE_OK) {
    std::string text = message ? message : "unknown error";
    sqlite3_free(message);
    return Status::store_error(std::string(sql) + ": " + text);
  }
  return Status::ok();
}

Status Ledger::add_step(int64_t id, std::string_view step, RectificationStatus status, Date on,
                        std::string_view note) {
  Statement insert(db_,
                   "INSERT INTO rectification_steps(rectification_id, step, status, on_date, note) "
                   "VALUES (?1, ?2, ?3, ?4, ?5)");
  if (!insert.ok()) return insert.status();
  insert.bind(1, id);
  insert.bind(2, step);
  insert.bind(3, to_string(status));
  insert.bind(4, on.to_string());
  insert.bind(5, note);
  insert.step();
  return insert.status();
}

Result<std::vector<Rectification>> Ledger::load(std::string_view org_id) {
  // org_id empty: every case.
  Statement cases(db_,
                  "SELECT id, org_id, opened_at, reasons, plan_due, status, closed_at FROM rectifications "
                  "WHERE ?1 = '' OR org_id = ?1 ORDER BY org_id");
  if (!cases.ok()) return cases.status();
  cases.bind(1, org_id);
  std::vector<Rectification> result;
  while (cases.step()) {
    Rectification item;
    item.id = cases.integer(0);
    item.org_id = std::string(cases.text(1));
    auto flagged = parse_stored_date(cases.text(2));
    auto due = parse_stored_date(cases.text(4));
    auto status = parse_rectification_status(cases.text(5));
    if (!flagged.is_ok()) return flagged.status();
    if (!due.is_ok()) return due.status();
    if (!status) return Status::store_error("rectification ledger: bad state '" + std::string(cases.text(5)) + "'");
    item.flagged_on = *flagged;
    item.reasons = std::string(cases.text(3));
    item.plan_due = *due;
    item.status = *status;
    if (!cases.is_null(6)) {
      auto closed = parse_stored_date(cases.text(6));
      if (!closed.is_ok()) return closed.status();
      item.closed_on = *closed;
    }
    result.push_back(std::move(item));
  }
  if (!cases.ok()) return cases.status();
  Statement steps(db_, "SELECT step, status, on_date, note FROM rectification_steps WHERE rectification_id = ?1 ORDER BY id");
  if (!steps.ok()) return steps.status();
  for (auto& item : result) {
    steps.reset();
    steps.bind(1, item.id);
    while (steps.step()) {
      RectificationStep step;
      step.step = std::string(steps.text(0));
      auto status = parse_rectification_status(steps.text(1));
      auto on = parse_stored_date(steps.text(2));
      if (!status || !on.is_ok()) return Status::store_error("rectification ledger: bad step of " + item.org_id);
      step.status = *status;
      step.on = *on;
      step.note = std::string(steps.text(3));
      item.history.push_back(std::move(step));
    }
    if (!steps.ok()) return steps.status();
  }
  return result;
}

Result<std::optional<Rectification>> Ledger::find(std::string_view org_id) {
  if (org_id.empty()) return std::optional<Rectification>();
  auto cases = load(org_id);
  if (!cases.is_ok()) return cases.status();
  if (cases->empty()) return std::optional<Rectification>();
  return std::optional<Rectification>(cases->front());
}

Result<std::vector<FlagOutcome>> Ledger::flag(const std::vector<FlagRequest>& requests, Date on, int plan_due_days) {
  if (Status status = check_plan_due_days(plan_due_days); !status.is_ok()) return status;
  if (Status status = exec("BEGIN IMMEDIATE"); !status.is_ok()) return status;
  std::vector<FlagOutcome> outcomes;
  auto fail = [&](Status status) -> Result<std::vector<FlagOutcome>> {
    (void)exec("ROLLBACK");
    return status;
  };
  const std::string due = (on + plan_due_days).to_string();
  for (const FlagRequest& request : requests) {
    auto existing = find(request.org_id);
    if (!existing.is_ok()) return fail(existing.status());
    if (!existing->has_value()) {
      Statement insert(db_,
                       "INSERT INTO rectifications(org_id, opened_at, reasons, plan_due, status) "
                       "VALUES (?1, ?2, ?3, ?4, 'open')");
      if (!insert.ok()) return fail(insert.status());
      insert.bind(1, request.org_id);
      insert.bind(2, on.to_string());
      insert.bind(3, request.reasons);
      insert.bind(4, due);
      insert.step();
      if (!insert.ok()) return fail(insert.status());
      Status step = add_step(sqlite3_last_insert_rowid(db_), "flagged", RectificationStatus::kOpen, on, request.reasons);
      if (!step.is_ok()) return fail(step);
      outcomes.push_back(FlagOutcome::kOpened);
    } else if ((*existing)->status != RectificationStatus::kClosed) {
      outcomes.push_back(FlagOutcome::kAlreadyOpen);
    } else {
      Statement update(db_,
                       "UPDATE rectifications SET status = 'open', reasons = ?2, plan_due = ?3, closed_at = NULL "
                       "WHERE id = ?1");
      if (!update.ok()) return fail(update.status());
      update.bind(1, (*existing)->id);
      update.bind(2, request.reasons);
      update.bind(3, due);
      update.step();
      if (!update.ok()) return fail(update.status());
      Status step = add_step((*existing)->id, "reflagged", RectificationStatus::kOpen, on, request.reasons);
      if (!step.is_ok()) return fail(step);
      outcomes.push_back(FlagOutcome::kReopened);
    }
  }
  if (Status status = exec("COMMIT"); !status.is_ok()) return fail(status);
  return outcomes;
}

Status Ledger::record(std::string_view org_id, RectifyAction action, Date on, std::string_view note,
                      int plan_due_days) {
  if (action == RectifyAction::kReopen) {
    if (Status status = check_plan_due_days(plan_due_days); !status.is_ok()) return status;
  }
  if (Status status = exec("BEGIN IMMEDIATE"); !status.is_ok()) return status;
  auto fail = [&](Status status) {
    (void)exec("ROLLBACK");
    return status;
  };
  auto existing = find(org_id);
  if (!existing.is_ok()) return fail(existing.status());
  if (!existing->has_value()) return fail(Status::not_found("no rectification case for " + std::string(org_id)));
  const Rectification& item = **existing;
  // A step happens after the case was opened and after the step before it:
  // the history is a timeline.
  if (on < item.flagged_on) {
    return fail(Status::invalid_input("the step's date " + on.to_string() + " is before " + item.org_id +
                                      "'s case was opened on " + item.flagged_on.to_string()));
  }
  if (!item.history.empty() && on < item.history.back().on) {
    return fail(Status::invalid_input("the step's date " + on.to_string() + " is before " + item.org_id +
                                      "'s last step (" + item.history.back().step + " on " +
                                      item.history.back().on.to_string() + ")"));
  }
  const std::string state(to_string(item.status));
  RectificationStatus next = item.status;
  std::string_view step;
  switch (action) {
    case RectifyAction::kPlan:
      if (item.status != RectificationStatus::kOpen) {
        return fail(Status::invalid_input(item.org_id + " is " + state + ": a plan is filed only on an open case"));
      }
      next = RectificationStatus::kPlanFiled;
      step = "plan";
      break;
    case RectifyAction::kRecheck:
      if (item.status != RectificationStatus::kPlanFiled) {
        return fail(Status::invalid_input(item.org_id + " is " + state + ": re-check follows a filed plan"));
      }
      next = RectificationStatus::kRechecked;
      step = "recheck";
      break;
    case RectifyAction::kClose:
      if (item.status != RectificationStatus::kPlanFiled && item.status != RectificationStatus::kRechecked) {
        return fail(Status::invalid_input(item.org_id + " is " + state + ": only a case with a plan can be closed"));
      }
      next = RectificationStatus::kClosed;
      step = "close";
      break;
    case RectifyAction::kReopen:
      if (item.status == RectificationStatus::kOpen) {
        return fail(Status::invalid_input(item.org_id + " is already open"));
      }
      next = RectificationStatus::kOpen;
      step = "reopen";
      break;
  }
  Statement update(db_,
                   "UPDATE rectifications SET status = ?2, "
                   "closed_at = CASE WHEN ?2 = 'closed' THEN ?3 ELSE NULL END, "
                   "plan_due = CASE WHEN ?4 THEN ?5 ELSE plan_due END WHERE id = ?1");
  if (!update.ok()) return fail(update.status());
  update.bind(1, item.id);
  update.bind(2, to_string(next));
  update.bind(3, on.to_string());
  update.bind(4, int64_t{action == RectifyAction::kReopen ? 1 : 0});
  update.bind(5, (on + plan_due_days).to_string());
  update.step();
  if (!update.ok()) return fail(update.status());
  if (Status status = add_step(item.id, step, next, on, note); !status.is_ok()) return fail(status);
  if (Status status = exec("COMMIT"); !status.is_ok()) return fail(status);
  return Status::ok();
}

Result<std::vector<Rectification>> Ledger::list(Filter filter, Date as_of) {
  auto cases = load("");
  if (!cases.is_ok() || filter == Filter::kAll) return cases;
  std::vector<Rectification> overdue;
  for (auto& item : *cases) {
    if (item.overdue(as_of)) overdue.push_back(std::move(item));
  }
  return overdue;
}

}  // namespace cadence

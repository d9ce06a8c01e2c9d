// The rectification ledger (整改台账, DOMAIN.md §4 DOM-G6): each weak branch
// gets a case with the date it was flagged, the reasons, the plan due date
// (flagged on + plan_due_days, 30 by default) and a state, and every step is
// kept as history.
//
// States and steps:
//
//   flag ──► open ──plan──► plan_filed ──recheck──► rechecked ──close──► closed
//             ▲                  │                      │                  │
//             └──────reopen──────┴──────────────────────┴──────────────────┘
//
//  - flag(org): a branch without a case gets one (open). A branch whose case
//    is not closed is not flagged again (no duplicate, nothing recorded). A
//    closed case whose branch fails again is reopened ("reflagged"): state
//    open, new reasons and plan due date, its history kept.
//  - plan: open → plan_filed; recheck: plan_filed → rechecked; close:
//    plan_filed or rechecked → closed ("完成整改后方能开展对标定级");
//    reopen: any other state → open with a new plan due date.
//    Any other step is refused with kInvalidInput naming the state.
//  - overdue: a case still open (no plan filed) after its plan due date.
//
// Storage: the `rectifications` table of migration 2 extended by migration 4
// (one row per org) and `rectification_steps` (one row per step). Dates are
// text YYYY-MM-DD, states text. Every SQL value is a bound parameter; each
// public call that writes is one transaction. The ledger opens the database
// through Store::open (which runs migrations) and then keeps that
// connection. Errors are Status values, no exception escapes. One thread at a
// time; movable, not copyable.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/calendar/date.h"
#include "adapters/store/store.h"
#include "engine/core/status.h"

struct sqlite3;

namespace cadence {

enum class RectificationStatus : uint8_t { kOpen, kPlanFiled, kRechecked, kClosed };
enum class RectifyAction : uint8_t { kPlan, kRecheck, kClose, kReopen };
enum class FlagOutcome : uint8_t { kOpened, kAlreadyOpen, kReopened };

std::string_view to_string(RectificationStatus status);  // "open", "plan_filed", "rechecked", "closed"
std::optional<RectificationStatus> parse_rectification_status(std::string_view text);
std::optional<RectifyAction> parse_rectify_action(std::string_view text);  // "plan", "recheck", "close", "reopen"
std::string_view to_string(FlagOutcome outcome);                          // "opened", "already open", "reopened"

struct RectificationStep {
  std::string step;  // flagged, plan, recheck, close, reopen, reflagged
  RectificationStatus status = RectificationStatus::kOpen;  // after the step
  Date on;
  std::string note;
};

struct Rectification {
  int64_t id = 0;
  std::string org_id;
  Date flagged_on;  // first flagged
  std::string reasons;
  Date plan_due;
  RectificationStatus status = RectificationStatus::kOpen;
  std::optional<Date> closed_on;
  std::vector<RectificationStep> history;  // oldest first

  bool overdue(Date as_of) const { return status == RectificationStatus::kOpen && plan_due < as_of; }
};

struct FlagRequest {
  std::string org_id;
  std::string reasons;
};

class Ledger {
 public:
  // Opens the ledger of the store at `path` (Store::open with `access`; a
  // kReadOnly ledger can list and find but every write fails).
  static Result<Ledger> open(const std::string& path, StoreAccess access = StoreAccess::kReadWrite);

  Ledger(Ledger&& other) noexcept;
  Ledger& operator=(Ledger&& other) noexcept;
  Ledger(const Ledger&) = delete;
  Ledger& operator=(const Ledger&) = delete;
  ~Ledger();

  // Flags every branch of `requests` on `on`, in one transaction;
  // kInvalidInput when plan_due_days is outside 1..366.
  Result<std::vector<FlagOutcome>> flag(const std::vector<FlagRequest>& requests, Date on, int plan_due_days = 30);

  // Records a step on the org's case, in one transaction. kNotFound when the
  // org has no case; kInvalidInput for a step its state does not allow, a
  // step dated before the case was opened or before its last step, or
  // `plan_due_days` (the new plan due date of a reopen) outside 1..366.
  Status record(std::string_view org_id, RectifyAction action, Date on, std::string_view note,
                int plan_due_days = 30);

  // Cases in org id order with their history; only the overdue ones at
  // `as_of` when asked.
  enum class Filter : uint8_t { kAll, kOverdue };
  Result<std::vector<Rectification>> list(Filter filter, Date as_of);

  // The case of one org, if any.
  Result<std::optional<Rectification>> find(std::string_view org_id);

 private:
  explicit Ledger(sqlite3* db) : db_(db) {}
  Status exec(const char* sql);
  Result<std::vector<Rectification>> load(std::string_view org_id);
  Status add_step(int64_t id, std::string_view step, RectificationStatus status, Date on, std::string_view note);

  sqlite3* db_ = nullptr;
};

}  // namespace cadence

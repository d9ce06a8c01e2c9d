// cadence rectify ORG plan|recheck|close|reopen [--note TEXT] [--on DATE]
// cadence rectify --list [--overdue] [--as-of DATE]
#include <ctime>
#include <iostream>
#include <memory>
#include <string>

#include "adapters/cli/commands.h"
#include "adapters/cli/period_selection.h"
#include "adapters/csv/csv_writer.h"
#include "adapters/store/ledger.h"

namespace cadence {
namespace {

struct RectifyCommand {
  std::string db = "cadence.db";
  std::string org;
  std::string action;
  std::string note;
  std::string on;
  bool list = false;
  bool overdue = false;
  int plan_due_days = 30;
};

int fail(const std::string& message) {
  std::cerr << "cadence rectify: " << message << "\n";
  return 2;
}

int run_rectify(const RectifyCommand& command) {
  std::optional<Date> on;
  if (command.on.empty()) {
    auto now = today();
    if (!now.is_ok()) return fail(now.status().message());
    on = *now;
  } else {
    auto given = parse_date_option("--on/--as-of", command.on);
    if (!given.is_ok()) return fail(given.status().message());
    on = *given;
  }
  if (command.plan_due_days < 1 || command.plan_due_days > 366) {
    return fail("--plan-due-days must be between 1 and 366, not " + std::to_string(command.plan_due_days));
  }
  if (!on->plus_days(command.plan_due_days)) {
    return fail("--plan-due-days " + std::to_string(command.plan_due_days) + " after " + on->to_string() +
                " leaves the supported dates " + std::string(kSupportedDates));
  }
  // Listing only reads: it works on a store it cannot write.
  auto ledger = Ledger::open(command.db, command.list ? StoreAccess::kReadOnly : StoreAccess::kWriteExisting);
  if (!ledger.is_ok()) return fail(ledger.status().message());
  if (command.list) {
    auto cases = ledger->list(command.overdue ? Ledger::Filter::kOverdue : Ledger::Filter::kAll, *on);
    if (!cases.is_ok()) return fail(cases.status().message());
    // CSV through the one quoting function, neutralised for spreadsheets.
    std::string out = "org_id,status,flagged_on,plan_due,closed_on,overdue,steps,reasons\n";
    for (const auto& item : *cases) {
      write_csv_row(out,
                    {item.org_id, std::string(to_string(item.status)), item.flagged_on.to_string(),
                     item.plan_due.to_string(), item.closed_on ? item.closed_on->to_string() : "",
                     item.overdue(*on) ? "yes" : "no", std::to_string(item.history.size()), item.reasons},
                    CellGuard::kSpreadsheet);
    }
    std::cout << out;
    return 0;
  }
  if (command.org.empty() || command.action.empty()) return fail("give ORG and a step (plan, recheck, close, reopen), or --list");
  auto action = parse_rectify_action(command.action);
  if (!action) return fail("unknown step '" + command.action + "' (plan, recheck, close, reopen)");
  Status status = ledger->record(command.org, *action, *on, command.note, command.plan_due_days);
  if (!status.is_ok()) return fail(status.message());
  auto item = ledger->find(command.org);
  if (item.is_ok() && item->has_value()) {
    std::cerr << "cadence rectify: " << command.org << " is now " << to_string((*item)->status) << "\n";
  }
  return 0;
}

}  // namespace

CommandRunner register_rectify(CLI::App& app) {
  auto command = std::make_shared<RectifyCommand>();
  auto* sub = app.add_subcommand("rectify", "Record a rectification step, or list the ledger");
  sub->add_option("--db", command->db, "The store (SQLite file)")->capture_default_str();
  sub->add_option("org", command->org, "The branch's org id");
  sub->add_option("step", command->action, "plan, recheck, close or reopen");
  sub->add_option("--note", command->note, "What was done");
  sub->add_option("--on,--as-of", command->on, "The step's date, or the date --overdue is judged at (default: today)");
  sub->add_option("--plan-due-days", command->plan_due_days, "Reopen: days until the new plan is due")
      ->capture_default_str();
  sub->add_flag("--list", command->list, "List the ledger");
  sub->add_flag("--overdue", command->overdue, "With --list: only open cases past their plan due date");
  return [command] { return run_rectify(*command); };
}

}  // namespace cadence

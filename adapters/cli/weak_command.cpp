// cadence weak --as-of DATE [--window 3m]: the pack's weak-branch policy over
// the window, listed and written to the rectification ledger.
#include <iostream>
#include <memory>
#include <string>

#include "adapters/cli/commands.h"
#include "adapters/cli/pack_session.h"
#include "adapters/cli/report_output.h"
#include "adapters/cli/period_selection.h"
#include "adapters/i18n/people_dates.h"
#include "adapters/i18n/translate.h"
#include "adapters/report/org_place.h"
#include "adapters/store/ledger.h"
#include "adapters/store/store.h"
#include "engine/rank/weak_branches.h"

namespace cadence {
namespace {

struct WeakCommand {
  std::string db = "cadence.db";
  std::string pack;
  std::string as_of;
  std::string window;
  bool dry_run = false;
  bool allow_future = false;
};

int fail(const std::string& message) {
  std::cerr << "cadence weak: " << message << "\n";
  return 2;
}

int run_weak(const WeakCommand& command) {
  auto as_of = parse_date_option("--as-of", command.as_of);
  if (!as_of.is_ok()) return fail(as_of.status().message());
  auto now = today();
  if (!now.is_ok()) return fail(now.status().message());
  Status future = check_not_future("--as-of", *as_of, *now, command.allow_future);
  if (!future.is_ok()) return fail(future.message());
  auto compiled = load_compiled_pack(resolve_pack_path(command.pack), false);
  if (!compiled) return 2;
  // The window's periods are bounded like an audit's, and the rectification
  // plan's due date (written unless --dry-run) must be a supported date.
  const std::string& window_text = command.window.empty() ? compiled->pack->weak.window : command.window;
  if (auto window = weak_window(window_text, *as_of); window.is_ok() && window->periods.size() > kMaxPeriodsPerAudit) {
    return fail("window '" + window_text + "' holds " + std::to_string(window->periods.size()) +
                " periods; at most " + std::to_string(kMaxPeriodsPerAudit) + " are evaluated (give a shorter --window)");
  }
  if (!command.dry_run && !as_of->plus_days(compiled->pack->weak.plan_due_days)) {
    return fail("--as-of " + as_of->to_string() + " plus the pack's plan_due_days (" +
                std::to_string(compiled->pack->weak.plan_due_days) + ") leaves the supported dates " +
                std::string(kSupportedDates));
  }
  // A dry run only reads; otherwise the ledger is written: fail early on a
  // store that cannot be.
  auto store = Store::open(command.db, command.dry_run ? StoreAccess::kReadOnly : StoreAccess::kWriteExisting);
  if (!store.is_ok()) return fail(fill(tr("cannot open the store {1}: {2}"), {command.db, store.status().message()}));
  Diagnostics diagnostics;
  auto dataset = store->load_dataset(compiled->pack->schema, diagnostics);
  if (!diagnostics.empty()) std::cerr << render_all(diagnostics);
  if (!dataset.is_ok()) return fail(fill(tr("cannot load the data: {1}"), {dataset.status().message()}));
  Calendars calendars = resolve_calendars(*compiled->plan, *dataset);
  std::optional<Result<WeakClassification>> classified;
  try {
    classified = classify_weak_branches(*compiled->plan, *dataset, calendars, *as_of, command.window);
  } catch (const CalendarRangeError& error) {
    return report_calendar_range_error(*compiled, "weak", error);
  }
  auto& result = *classified;
  if (!result.is_ok()) return fail(result.status().message());

  std::vector<FlagRequest> requests;
  std::cout << fill(tr("Weak branches {1} to {2}: {3}"),
                    {date_for_people(result->window.start), date_for_people(result->window.end),
                     std::to_string(result->weak.size())})
            << "\n";
  for (std::size_t i = 0; i < result->weak.size(); ++i) {
    const WeakBranch& branch = result->weak[i];
    std::string label = branch.org_id + " " + branch.org_name;
    // Branch names repeat across counties: the county goes beside it.
    if (std::optional<OrgIndex> org = dataset->tree().find(branch.org_id)) {
      if (std::string place = org_place(*dataset, *org); !place.empty()) label += fill(tr(" ({1})"), {place});
    }
    std::cout << "\n"
              << i + 1 << ". "
              << fill(tr("{1} — score {2}"), {label, format_micros(branch.total_micros)})
              << (branch.vetoed ? tr(" (veto: weak whatever the score)") : "") << "\n";
    std::string reasons;
    for (const WeakReason& reason : branch.reasons) {
      std::cout << "   - " << (reason.veto ? tr("[veto] ") : "") << reason.rule_id << " "
                << period_for_people(reason.finding.period) << " " << format_micros(reason.finding.score_micros) << " "
                << reason.finding.message;
      if (!reason.gap.empty()) {
        std::cout << fill(tr(" (short by {1})"), {reason.gap + (reason.gap_unit.empty() ? "" : " " + tr(reason.gap_unit))});
      }
      std::cout << "\n";
      if (!reasons.empty()) reasons += "; ";
      reasons += reason.rule_id + " " + reason.finding.period.to_string();
    }
    requests.push_back({branch.org_id, reasons});
  }
  // The list must have reached stdout before the ledger records the flags.
  if (Status status = flush_standard_output(); !status.is_ok()) {
    return fail(status.message() + tr("; the ledger was not written"));
  }
  if (command.dry_run) return 0;
  auto ledger = Ledger::open(command.db, StoreAccess::kWriteExisting);
  if (!ledger.is_ok()) return fail(ledger.status().message());
  auto outcomes = ledger->flag(requests, *as_of, compiled->pack->weak.plan_due_days);
  if (!outcomes.is_ok()) return fail(outcomes.status().message());
  for (std::size_t i = 0; i < requests.size(); ++i) {
    const FlagOutcome outcome = outcomes->at(i);
    std::cerr << "cadence weak: "
              << fill(outcome == FlagOutcome::kOpened        ? tr("{1}: case opened in the rectification ledger")
                      : outcome == FlagOutcome::kAlreadyOpen ? tr("{1}: case already open")
                                                             : tr("{1}: closed case reopened"),
                      {requests[i].org_id})
              << "\n";
  }
  return 0;
}

}  // namespace

CommandRunner register_weak(CLI::App& app) {
  auto command = std::make_shared<WeakCommand>();
  auto* sub = app.add_subcommand("weak", "Weak branches (软弱涣散) over a window, written to the rectification ledger");
  sub->add_option("--db", command->db, "The store (SQLite file)")->capture_default_str();
  sub->add_option("--pack", command->pack, "The rule pack");
  sub->add_option("--as-of", command->as_of, "The last day of the window (YYYY-MM-DD)")->required();
  sub->add_option("--window", command->window, "Window length, e.g. 3m (default: the pack's)");
  sub->add_flag("--dry-run", command->dry_run, "List only; do not write the ledger");
  sub->add_flag("--allow-future", command->allow_future, "Accept an --as-of after today");
  return [command] { return run_weak(*command); };
}

}  // namespace cadence

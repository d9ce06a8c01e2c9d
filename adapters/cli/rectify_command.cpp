// cadence rectify ORG plan|recheck|close|reopen [--note TEXT] [--on DATE]
// cadence rectify --list [ORG | --under ORG] [--overdue] [--as-of DATE] [--format table|csv]
//
// The listing is a register (整改台账): per case the branch's name and
// county, its state in words, the dates, the reasons and every step with
// its note:
//
//   整改台账（2023年5月15日）：共 3 个
//
//   1. B31 隆德农村团支部（隆德县团委）
//      状态：已报整改方案
//      列入：2023年3月31日  方案应报：2023年5月30日  销号：—
//      原因：activity.monthly_theme_day 2023-02; …
//      2023年3月31日 列入
//      2023年4月10日 报送整改方案：已召开支委会，制定方案
#include <ctime>
#include <iostream>
#include <memory>
#include <string>

#include "adapters/cli/commands.h"
#include "adapters/cli/pack_session.h"
#include "adapters/cli/period_selection.h"
#include "adapters/csv/csv_writer.h"
#include "adapters/i18n/people_dates.h"
#include "adapters/i18n/translate.h"
#include "adapters/report/org_place.h"
#include "adapters/store/ledger.h"

namespace cadence {
namespace {

struct RectifyCommand {
  std::string db = "cadence.db";
  std::string org;
  std::string action;
  std::string note;
  std::string on;
  std::string pack;
  std::string under;
  std::string format = "table";
  bool list = false;
  bool overdue = false;
  int plan_due_days = 30;
};

int fail(const std::string& message) {
  std::cerr << "cadence rectify: " << message << "\n";
  return 2;
}

std::string status_for_people(RectificationStatus status) {
  switch (status) {
    case RectificationStatus::kOpen: return tr("awaiting a rectification plan");
    case RectificationStatus::kPlanFiled: return tr("rectification plan filed");
    case RectificationStatus::kRechecked: return tr("under recheck");
    case RectificationStatus::kClosed: return tr("closed");
  }
  return std::string(to_string(status));
}

// The ledger's step names (ledger.h) as words.
std::string step_for_people(const std::string& step) {
  if (step == "flagged") return tr("flagged as weak");
  if (step == "plan") return tr("plan filed");
  if (step == "recheck") return tr("rechecked");
  if (step == "close") return tr("closed (rectification accepted)");
  if (step == "reopen") return tr("reopened");
  if (step == "reflagged") return tr("flagged again");
  return step;
}

// The org tree and names, when the pack's schema loads the store: the
// register names each branch and its county. Without it (no pack, or data
// the pack cannot read) the register shows ids only, unless --under needs
// the tree.
std::optional<Dataset> load_org_names(const RectifyCommand& command) {
  auto compiled = load_compiled_pack(resolve_pack_path(command.pack), false);
  if (!compiled) return std::nullopt;
  auto store = Store::open(command.db, StoreAccess::kReadOnly);
  if (!store.is_ok()) return std::nullopt;
  Diagnostics diagnostics;
  auto dataset = store->load_dataset(compiled->pack->schema, diagnostics);
  if (!dataset.is_ok()) return std::nullopt;
  return std::move(*dataset);
}

int list_register(const RectifyCommand& command, Ledger& ledger, Date on) {
  if (command.format != "table" && command.format != "csv") {
    return fail(fill(tr("unknown --format '{1}' (table or csv)"), {command.format}));
  }
  auto cases = ledger.list(command.overdue ? Ledger::Filter::kOverdue : Ledger::Filter::kAll, on);
  if (!cases.is_ok()) return fail(cases.status().message());
  std::optional<Dataset> dataset = load_org_names(command);
  std::optional<OrgIndex> under;
  if (!command.under.empty()) {
    if (!dataset) return fail(tr("--under needs the org tree: give the --pack whose schema the store was imported with"));
    under = dataset->tree().find(command.under);
    if (!under) return fail(fill(tr("--under {1}: no such org in the store"), {command.under}));
  }
  std::vector<const Rectification*> shown;
  for (const auto& item : *cases) {
    if (!command.org.empty() && item.org_id != command.org) continue;
    if (under) {
      std::optional<OrgIndex> org = dataset->tree().find(item.org_id);
      if (!org || !dataset->tree().in_subtree(*org, *under)) continue;
    }
    shown.push_back(&item);
  }
  auto name_of = [&](const std::string& org_id) {
    std::optional<OrgIndex> org = dataset ? dataset->tree().find(org_id) : std::nullopt;
    return org ? org_display_name(*dataset, *org) : std::string();
  };
  auto county_of = [&](const std::string& org_id) {
    std::optional<OrgIndex> org = dataset ? dataset->tree().find(org_id) : std::nullopt;
    return org ? org_place(*dataset, *org) : std::string();
  };
  auto steps_of = [&](const Rectification& item, std::string_view separator) {
    std::string steps;
    for (const auto& step : item.history) {
      steps += (steps.empty() ? "" : std::string(separator)) + date_for_people(step.on) + " " + step_for_people(step.step);
      if (!step.note.empty()) steps += tr(": ") + step.note;
    }
    return steps;
  };
  std::string out;
  if (command.format == "csv") {
    // For Excel and WPS: UTF-8 with a byte order mark; cells neutralised.
    out = "\xEF\xBB\xBF";
    write_csv_row(out,
                  {tr("org_id"), tr("org_name"), tr("county"), tr("status"), tr("flagged_on"), tr("plan_due"),
                   tr("closed_on"), tr("overdue"), tr("steps"), tr("reasons"), tr("notes")},
                  CellGuard::kSpreadsheet);
    for (const Rectification* item : shown) {
      write_csv_row(out,
                    {item->org_id, name_of(item->org_id), county_of(item->org_id), status_for_people(item->status),
                     date_for_people(item->flagged_on), date_for_people(item->plan_due),
                     item->closed_on ? date_for_people(*item->closed_on) : "", item->overdue(on) ? tr("yes") : tr("no"),
                     std::to_string(item->history.size()), item->reasons, steps_of(*item, "; ")},
                    CellGuard::kSpreadsheet);
    }
    std::cout << out;
    return 0;
  }
  out += fill(command.overdue ? tr("Rectification ledger, overdue cases ({1}): {2}") : tr("Rectification ledger ({1}): {2}"),
              {date_for_people(on), std::to_string(shown.size())}) +
         "\n";
  std::size_t number = 0;
  for (const Rectification* item : shown) {
    std::string label = item->org_id;
    if (std::string name = name_of(item->org_id); !name.empty()) label += " " + name;
    if (std::string county = county_of(item->org_id); !county.empty()) label += fill(tr(" ({1})"), {county});
    out += "\n" + std::to_string(++number) + ". " + label + "\n";
    out += "   " + fill(tr("Status: {1}"), {status_for_people(item->status)}) +
           (item->overdue(on) ? tr(" (plan overdue)") : "") + "\n";
    out += "   " +
           fill(tr("Flagged: {1}  plan due: {2}  closed: {3}"),
                {date_for_people(item->flagged_on), date_for_people(item->plan_due),
                 item->closed_on ? date_for_people(*item->closed_on) : "—"}) +
           "\n";
    out += "   " + fill(tr("Reasons: {1}"), {item->reasons}) + "\n";
    for (const auto& step : item->history) {
      out += "   " + date_for_people(step.on) + " " + step_for_people(step.step) +
             (step.note.empty() ? "" : tr(": ") + step.note) + "\n";
    }
  }
  std::cout << out;
  return 0;
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
    return fail(fill(tr("--plan-due-days must be between 1 and 366, not {1}"), {std::to_string(command.plan_due_days)}));
  }
  if (!on->plus_days(command.plan_due_days)) {
    return fail("--plan-due-days " + std::to_string(command.plan_due_days) + " after " + on->to_string() +
                " leaves the supported dates " + std::string(kSupportedDates));
  }
  // Listing only reads: it works on a store it cannot write.
  auto ledger = Ledger::open(command.db, command.list ? StoreAccess::kReadOnly : StoreAccess::kWriteExisting);
  if (!ledger.is_ok()) return fail(ledger.status().message());
  if (command.list) return list_register(command, *ledger, *on);
  if (command.org.empty() || command.action.empty()) return fail(tr("give ORG and a step (plan, recheck, close, reopen), or --list"));
  auto action = parse_rectify_action(command.action);
  if (!action) return fail(fill(tr("unknown step '{1}' (plan, recheck, close, reopen)"), {command.action}));
  Status status = ledger->record(command.org, *action, *on, command.note, command.plan_due_days);
  if (!status.is_ok()) return fail(status.message());
  auto item = ledger->find(command.org);
  if (item.is_ok() && item->has_value()) {
    std::cerr << "cadence rectify: " << fill(tr("{1} is now: {2}"), {command.org, status_for_people((*item)->status)})
              << "\n";
  }
  return 0;
}

}  // namespace

CommandRunner register_rectify(CLI::App& app) {
  auto command = std::make_shared<RectifyCommand>();
  auto* sub = app.add_subcommand("rectify", "Record a rectification step, or list the ledger");
  sub->add_option("--db", command->db, "The store (SQLite file)")->capture_default_str();
  sub->add_option("org", command->org, "The branch's org id (with --list: only its case)");
  sub->add_option("step", command->action, "plan, recheck, close or reopen");
  sub->add_option("--note", command->note, "What was done");
  sub->add_option("--on,--as-of", command->on, "The step's date, or the date --overdue is judged at (default: today)");
  sub->add_option("--plan-due-days", command->plan_due_days, "Reopen: days until the new plan is due")
      ->capture_default_str();
  sub->add_flag("--list", command->list, "List the ledger");
  sub->add_flag("--overdue", command->overdue, "With --list: only open cases past their plan due date");
  sub->add_option("--under", command->under, "With --list: only cases in the subtree of this org id");
  sub->add_option("--pack", command->pack, "With --list: the rule pack whose schema names the orgs");
  sub->add_option("--format", command->format, "With --list: table or csv")->capture_default_str();
  return [command] { return run_rectify(*command); };
}

}  // namespace cadence

// cadence dispatch --week 2023-W10 [--under COUNTY] [--format md|html|docx|pdf]
//                  [--out FILE] [--date 2023-03-13] [--id BULLETIN]
// The weekly dispatch (周调度, engine/rank/dispatch.h) as a published
// document: with --under a county, its branches ranked by the pack's
// `dispatch:` rate rule; without (or --under the city), the counties ranked
// by the bulletin's rate rule.
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "adapters/cli/commands.h"
#include "adapters/i18n/translate.h"
#include "adapters/cli/pack_session.h"
#include "adapters/cli/period_selection.h"
#include "adapters/cli/document_output.h"
#include "adapters/cli/report_output.h"
#include "adapters/report/dispatch_report.h"
#include "adapters/store/store.h"
#include "engine/rank/bulletin.h"
#include "engine/rank/dispatch.h"

namespace cadence {
namespace {

struct DispatchCommand {
  std::string db = "cadence.db";
  std::string pack;
  std::string id;
  std::string week;
  std::string under;
  std::string format = "md";
  std::string out;
  std::string date;
};

int fail(const std::string& message) {
  std::cerr << "cadence dispatch: " << message << "\n";
  return 2;
}

int run_dispatch(const DispatchCommand& command) {
  auto week = parse_period_option("--week", command.week, PeriodKind::kWeek);
  if (!week.is_ok()) return fail(week.status().message());
  const std::string& format = command.format;
  if (format != "md" && format != "markdown" && format != "html" && format != "docx" && format != "pdf") {
    return fail(fill(tr("unknown --format '{1}' (md, html, docx, pdf)"), {format}));
  }
  if ((format == "docx" || format == "pdf") && command.out.empty()) {
    return fail(fill(tr("--format {1} needs --out FILE"), {format}));
  }
  std::optional<Date> date;
  if (!command.date.empty()) {
    auto parsed = parse_date_option("--date", command.date);
    if (!parsed.is_ok()) return fail(parsed.status().message());
    date = *parsed;
  }
  auto compiled = load_compiled_pack(resolve_pack_path(command.pack), false);
  if (!compiled) return 2;
  const Pack& pack = *compiled->pack;
  auto found = find_bulletin_definition(pack, command.id);
  if (!found.is_ok()) return fail(found.status().message());
  const BulletinDefinition* definition = *found;
  if (!definition->dispatch) {
    return fail(fill(tr("the pack's bulletin '{1}' has no dispatch: template (rate_rule, title; rules/README.md)"),
                     {definition->id}));
  }
  const DispatchSpec& spec = *definition->dispatch;
  // Reads only: works on a store it cannot write, from one state of it.
  auto store = Store::open(command.db, StoreAccess::kReadOnly);
  if (!store.is_ok()) return fail(fill(tr("cannot open the store {1}: {2}"), {command.db, store.status().message()}));
  if (Status status = store->begin_read(); !status.is_ok()) {
    return fail(fill(tr("cannot read the store {1}: {2}"), {command.db, status.message()}));
  }
  Diagnostics diagnostics;
  auto dataset = store->load_dataset(pack.schema, diagnostics);
  if (!diagnostics.empty()) std::cerr << render_all(diagnostics);
  if (!dataset.is_ok()) return fail(fill(tr("cannot load the data: {1}"), {dataset.status().message()}));

  DispatchRequest request;
  request.week = *week;
  request.scope = dataset->tree().root();
  if (!command.under.empty()) {
    auto org = dataset->tree().find(command.under);
    if (!org) return fail(fill(tr("--under: no org with id '{1}'"), {command.under}));
    request.scope = *org;
  }
  // The city's version ranks the bulletin's units (the counties); a county's
  // ranks its branches with the dispatch's own rule and streaks.
  const bool counties = request.scope == dataset->tree().root();
  const Plan& plan = *compiled->plan;
  request.rate_rule = plan.find_rule(counties ? definition->rate_rule : spec.rate_rule);
  request.floor = spec.floor ? spec.floor : definition->floor;
  if (counties) {
    request.unit_kind = definition->unit_kind;
    request.unit_depth = definition->unit_depth;
  } else {
    request.unit_kind = spec.branch_kind;
    if (!spec.streak_rule.empty()) request.streak_rule = plan.find_rule(spec.streak_rule);
  }
  if (request.rate_rule < 0) return fail(tr("the pack has no rule for the dispatch's rate"));

  Calendars calendars = resolve_calendars(plan, *dataset);
  std::optional<Result<Dispatch>> built;
  try {
    built = build_dispatch(plan, *dataset, calendars, request);
  } catch (const CalendarRangeError& error) {
    return report_calendar_range_error(*compiled, "dispatch", error);
  }
  auto& dispatch = *built;
  if (!dispatch.is_ok()) return fail(dispatch.status().message());

  DispatchReportInput input;
  input.dispatch = &*dispatch;
  input.spec = &spec;
  input.counties = counties;
  input.streaks = request.streak_rule >= 0;
  // Published on the Monday after the week unless --date says otherwise.
  input.date = date ? *date : week->last_day() + 1;
  const OfficialDocument document = dispatch_document(input);

  // Written whole or not at all (report_output.h).
  auto output = ReportOutput::open(command.out);
  if (!output.is_ok()) return fail(output.status().message());
  if (Status status = write_document(document, format, *output); !status.is_ok()) {
    return fail(fill(tr("cannot write {1} ({2})"), {command.out, status.message()}));
  }
  return finish_report(*output, "dispatch", command.out, format);
}

}  // namespace

CommandRunner register_dispatch(CLI::App& app) {
  auto command = std::make_shared<DispatchCommand>();
  auto* sub = app.add_subcommand("dispatch", "The weekly dispatch (周调度): a county's branches, or the counties, ranked");
  sub->add_option("--db", command->db, "The store (SQLite file)")->capture_default_str();
  sub->add_option("--pack", command->pack, "The rule pack");
  sub->add_option("--id", command->id, "The pack's bulletin definition holding dispatch: (default: the first)");
  sub->add_option("--week", command->week, "The episode week, e.g. 2023-W10")->required();
  sub->add_option("--under", command->under, "The county (org id); without it the city's ranking of counties");
  sub->add_option("--format", command->format, "md, html, docx or pdf")->capture_default_str();
  sub->add_option("--out", command->out, "Write to this file (required for docx and pdf)");
  sub->add_option("--date", command->date, "The issue date (default: the Monday after the week)");
  return [command] { return run_dispatch(*command); };
}

}  // namespace cadence

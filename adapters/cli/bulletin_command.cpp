// cadence bulletin --month 2023-03 [--unit county|branch|KIND] [--under ORG]
//                  [--format md|csv|html|xlsx|docx|pdf] [--out FILE] [--id BULLETIN]
//                  [--number N] [--date 2023-04-05]
// docx and pdf are the official document (the pack's `document:` template,
// GB/T 9704-2012), numbered with --number.
#include <fstream>
#include <iostream>
#include <memory>
#include <string>

#include "adapters/i18n/people_dates.h"
#include "adapters/i18n/translate.h"
#include "adapters/report/data_coverage.h"
#include "adapters/cli/commands.h"
#include "adapters/cli/pack_session.h"
#include "adapters/cli/period_selection.h"
#include "adapters/cli/document_output.h"
#include "adapters/cli/report_output.h"
#include "adapters/report/bulletin_report.h"
#include "adapters/store/ledger.h"
#include "adapters/store/store.h"
#include "engine/rank/bulletin.h"

namespace cadence {
namespace {

struct BulletinCommand {
  std::string db = "cadence.db";
  std::string pack;
  std::string id;
  std::string month;
  std::string unit;
  std::string under;
  std::string format = "md";
  std::string out;
  std::string as_of;  // empty: every deadline has passed
  int number = 0;
  std::string date;
};

int fail(const std::string& message) {
  std::cerr << "cadence bulletin: " << message << "\n";
  return 2;
}

int run_bulletin(const BulletinCommand& command) {
  auto month = parse_period_option("--month", command.month, PeriodKind::kMonth);
  if (!month.is_ok()) return fail(month.status().message());
  const std::string& format = command.format;
  if (format != "md" && format != "markdown" && format != "csv" && format != "html" && format != "xlsx" &&
      format != "docx" && format != "pdf") {
    return fail(fill(tr("unknown --format '{1}' (md, csv, html, xlsx, docx, pdf)"), {format}));
  }
  const bool official = format == "docx" || format == "pdf";
  if ((format == "xlsx" || official) && command.out.empty()) {
    return fail(fill(tr("--format {1} needs --out FILE"), {format}));
  }
  if (official && command.number <= 0) {
    return fail(fill(tr("--format {1} is the official document: give its sequence number, e.g. --number 7"), {format}));
  }
  std::optional<Date> issue_date;
  if (!command.date.empty()) {
    auto parsed = parse_date_option("--date", command.date);
    if (!parsed.is_ok()) return fail(parsed.status().message());
    issue_date = *parsed;
  }
  auto compiled = load_compiled_pack(resolve_pack_path(command.pack), false);
  if (!compiled) return 2;
  const Pack& pack = *compiled->pack;
  auto found = find_bulletin_definition(pack, command.id);
  if (!found.is_ok()) return fail(found.status().message());
  const BulletinDefinition* definition = *found;
  if (official && !definition->document) {
    return fail("the pack's bulletin '" + definition->id +
                "' has no document: template (issuer, number, title, addressee; rules/README.md)");
  }
  // The bulletin only reads: it works on a store it cannot write.
  auto store = Store::open(command.db, StoreAccess::kReadOnly);
  if (!store.is_ok()) return fail(fill(tr("cannot open the store {1}: {2}"), {command.db, store.status().message()}));
  // The data and its cut-off (the batches) from one state of the store.
  if (Status status = store->begin_read(); !status.is_ok()) {
    return fail(fill(tr("cannot read the store {1}: {2}"), {command.db, status.message()}));
  }
  Diagnostics diagnostics;
  auto dataset = store->load_dataset(pack.schema, diagnostics);
  if (!diagnostics.empty()) std::cerr << render_all(diagnostics);
  if (!dataset.is_ok()) return fail(fill(tr("cannot load the data: {1}"), {dataset.status().message()}));
  // A month without a single imported row may be a month where nothing was
  // done (what the bulletin reports) or a month not imported yet: say so on
  // stderr, with what to do, so that the bulletin is not read as a vacation.
  const std::optional<Date> latest_day = latest_data_day(*dataset);
  if (!has_data_in(*dataset, *month)) {
    std::cerr << "cadence bulletin: "
              << fill(tr("warning: no data was imported for {1} (the imported data reaches {2}); if that month's "
                         "exports exist, import them first"),
                      {period_for_people(*month), latest_day ? date_for_people(*latest_day) : tr("no date")})
              << "\n";
  }
  auto batches = store->batches();
  if (!batches.is_ok()) return fail(batches.status().message());

  BulletinRequest request;
  request.month = *month;
  if (!command.as_of.empty()) {
    auto as_of = parse_date_option("--as-of", command.as_of);
    if (!as_of.is_ok()) return fail(as_of.status().message());
    request.as_of = *as_of;
  }
  // "county" is how supervisors say it: the committees at depth 1.
  if (command.unit == "county") {
    request.unit_kind = "committee";
    request.unit_depth = 1;
  } else if (!command.unit.empty()) {
    request.unit_kind = command.unit;
  }
  if (!command.under.empty()) {
    auto org = dataset->tree().find(command.under);
    if (!org) return fail(fill(tr("--under: no org with id '{1}'"), {command.under}));
    request.under = *org;
  }
  // Ledger lines (DOM-G6): branches flagged weak this month, and open cases
  // past their plan due date at the month's end.
  auto ledger = Ledger::open(command.db, StoreAccess::kReadOnly);
  if (!ledger.is_ok()) return fail(ledger.status().message());
  auto cases = ledger->list(Ledger::Filter::kAll, month->last_day());
  if (!cases.is_ok()) return fail(cases.status().message());
  for (const auto& item : *cases) {
    auto org = dataset->tree().find(item.org_id);
    if (!org) continue;
    const std::string name = org_display_name(*dataset, *org);
    for (const auto& step : item.history) {
      if ((step.step == "flagged" || step.step == "reflagged") && month->contains(step.on)) {
        request.extra_notes.push_back(
            {*org, {item.org_id, name, "软弱涣散", step.on.to_string(), name + " 列为软弱涣散团支部：" + step.note}});
      }
    }
    if (item.overdue(month->last_day())) {
      request.extra_notes.push_back({*org,
                                     {item.org_id, name, "整改逾期", item.plan_due.to_string(),
                                      name + " 整改方案应于 " + item.plan_due.to_string() + " 前报送，尚未报送"}});
    }
  }

  Calendars calendars = resolve_calendars(*compiled->plan, *dataset);
  std::optional<Result<Bulletin>> built;
  try {
    built = build_bulletin(*compiled->plan, *dataset, calendars, *definition, request);
  } catch (const CalendarRangeError& error) {
    return report_calendar_range_error(*compiled, "bulletin", error);
  }
  auto& bulletin = *built;
  if (!bulletin.is_ok()) return fail(bulletin.status().message());
  BulletinReportInput input;
  input.bulletin = &*bulletin;
  input.pack_id = pack.id;
  input.pack_version = pack.version;
  // 数据截至: the latest day the imported data covers, not the import time.
  if (latest_day) input.data_cutoff = date_for_people(*latest_day);
  // The document's opening gives the change from the month before: the same
  // model for that month (its ledger lines are not needed).
  std::optional<Result<Bulletin>> previous;
  if (official) {
    BulletinRequest before = request;
    before.month = month->previous();
    before.extra_notes.clear();
    try {
      previous = build_bulletin(*compiled->plan, *dataset, calendars, *definition, before);
    } catch (const CalendarRangeError&) {
      previous.reset();  // outside the calendars: no change to give
    }
    if (previous && previous->is_ok()) input.previous = &**previous;
  }
  // Written whole or not at all (report_output.h): a failed write is exit
  // 2 and leaves no partial --out file.
  auto output = ReportOutput::open(command.out);
  if (!output.is_ok()) return fail(output.status().message());
  if (format == "xlsx") {
    Status status = write_bulletin_xlsx(input, output->writable_path());
    if (!status.is_ok()) return fail(fill(tr("cannot write {1} ({2})"), {command.out, status.message()}));
  } else if (official) {
    BulletinIssue issue;
    issue.number = command.number;
    // By default the day the pack's notice rule expects it: issue_day of the
    // following month.
    issue.date = issue_date ? *issue_date
                            : month->next().first_day() + (definition->document->issue_day - 1);
    const OfficialDocument document = bulletin_document(input, *definition, issue);
    Status status = write_document(document, format, *output);
    if (!status.is_ok()) return fail(fill(tr("cannot write {1} ({2})"), {command.out, status.message()}));
  } else {
    output->stream() << (format == "csv"    ? write_bulletin_csv(input)
                         : format == "html" ? write_bulletin_html(input)
                                            : write_bulletin_markdown(input));
  }
  return finish_report(*output, "bulletin", command.out, format);
}

}  // namespace

CommandRunner register_bulletin(CLI::App& app) {
  auto command = std::make_shared<BulletinCommand>();
  auto* sub = app.add_subcommand("bulletin", "The monthly bulletin (月通报): units ranked, commended, criticised");
  sub->add_option("--db", command->db, "The store (SQLite file)")->capture_default_str();
  sub->add_option("--pack", command->pack, "The rule pack");
  sub->add_option("--id", command->id, "The pack's bulletin definition (default: the first)");
  sub->add_option("--month", command->month, "The month, e.g. 2023-03")->required();
  sub->add_option("--as-of", command->as_of,
                  "The bulletin's date (YYYY-MM-DD): rules whose deadline has not passed are not graded");
  sub->add_option("--unit", command->unit, "Units to rank: county (default), branch or another org kind");
  sub->add_option("--under", command->under, "Only units in the subtree of this org id");
  sub->add_option("--format", command->format, "md, csv, html, xlsx, docx or pdf (docx, pdf: the official document)")
      ->capture_default_str();
  sub->add_option("--out", command->out, "Write to this file (required for xlsx, docx and pdf)");
  sub->add_option("--number", command->number, "The document's sequence number: 7 gives 固团通〔2023〕7号");
  sub->add_option("--date", command->date, "The issue date, e.g. 2023-04-05 (default: the pack's issue_day)");
  return [command] { return run_bulletin(*command); };
}

}  // namespace cadence

#include <fstream>
#include <memory>
#include <string>
#include <iostream>

#include "adapters/cli/commands.h"
#include "adapters/cli/period_selection.h"
#include "adapters/cli/pack_session.h"
#include "adapters/report/audit_report.h"
#include "adapters/store/store.h"
#include "engine/eval/evaluator.h"
#include "engine/rank/ranking.h"

namespace cadence {
namespace {

std::optional<AuditFormat> parse_format(const std::string& name) {
  if (name == "table") return AuditFormat::kTable;
  if (name == "csv") return AuditFormat::kCsv;
  if (name == "contract") return AuditFormat::kContractCsv;
  if (name == "json") return AuditFormat::kJson;
  if (name == "md" || name == "markdown") return AuditFormat::kMarkdown;
  return std::nullopt;
}

struct AuditCommand {
  std::string db = "cadence.db";
  std::string pack;
  PeriodOptions periods;
  std::string under;
  std::string format = "table";
  std::string out;
  bool fail_on = false;
  int threads = 2;
  int limit = 20;
};

int run_audit(const AuditCommand& command) {
  auto format = parse_format(command.format);
  if (!format) {
    std::cerr << "cadence audit: unknown --format '" << command.format << "' (table, csv, contract, json, md)\n";
    return 2;
  }
  auto selection = select_periods(command.periods);
  if (!selection.is_ok()) {
    std::cerr << "cadence audit: " << selection.status().message() << "\n";
    return 2;
  }
  auto compiled = load_compiled_pack(resolve_pack_path(command.pack), false);
  if (!compiled) return 2;
  auto store = Store::open(command.db);
  if (!store.is_ok()) {
    std::cerr << "cadence audit: cannot open the store " << command.db << ": " << store.status().message() << "\n";
    return 2;
  }
  Diagnostics diagnostics;
  auto dataset = store->load_dataset(compiled->pack->schema, diagnostics);
  if (!diagnostics.empty()) std::cerr << render_all(diagnostics);
  if (!dataset.is_ok()) {
    std::cerr << "cadence audit: cannot load the data: " << dataset.status().message() << "\n";
    return 2;
  }
  EvaluationRequest request;
  request.periods = selection->periods;
  request.as_of = selection->as_of;
  request.threads = command.threads;
  if (!command.under.empty()) {
    auto org = dataset->tree().find(command.under);
    if (!org) {
      std::cerr << "cadence audit: --under: no org with id '" << command.under << "'\n";
      return 2;
    }
    request.under = *org;
  }
  std::cerr << "cadence audit: periods " << selection->description << "\n";
  Calendars calendars = resolve_calendars(*compiled->plan, *dataset);
  Outcome outcome = evaluate(*compiled->plan, *dataset, calendars, request);
  auto ranked = rank_findings(*compiled->plan, *dataset, outcome.findings);
  auto rollups = rollup_findings(*compiled->plan, *dataset, ranked);

  AuditReportInput input;
  input.plan = compiled->plan.get();
  input.dataset = &*dataset;
  input.ranked = &ranked;
  input.rollups = &rollups;
  input.periods = selection->periods;
  input.table_limit = command.out.empty() && *format == AuditFormat::kTable ? command.limit : 0;
  std::string text = write_audit_report(input, *format);
  if (command.out.empty()) {
    std::cout << text;
  } else {
    std::ofstream file(command.out, std::ios::binary);
    file << text;
    if (!file) {
      std::cerr << "cadence audit: cannot write " << command.out << "\n";
      return 2;
    }
    std::cerr << "cadence audit: " << outcome.findings.size() << " findings written to " << command.out << "\n";
  }
  return command.fail_on && !outcome.findings.empty() ? 1 : 0;
}

}  // namespace

void add_period_options(CLI::App& command, PeriodOptions& periods) {
  command.add_option("--week", periods.weeks, "ISO week(s) to audit, e.g. 2023-W10");
  command.add_option("--month", periods.months, "Month(s), e.g. 2023-03");
  command.add_option("--quarter", periods.quarters, "Quarter(s), e.g. 2023-Q1");
  command.add_option("--year", periods.years, "Every period lying in the year, e.g. 2023");
  command.add_option("--from", periods.from, "First day of a range (YYYY-MM-DD)");
  command.add_option("--to", periods.to, "Last day of a range (YYYY-MM-DD)");
  command.add_option("--as-of", periods.as_of, "The audit's date: which deadlines have passed (YYYY-MM-DD)");
}

CommandRunner register_audit(CLI::App& app) {
  auto command = std::make_shared<AuditCommand>();
  auto* sub = app.add_subcommand("audit", "Run the audit for a week, month or range");
  sub->add_option("--db", command->db, "The store (SQLite file)")->capture_default_str();
  sub->add_option("--pack", command->pack, "The rule pack");
  add_period_options(*sub, command->periods);
  sub->add_option("--under", command->under, "Only orgs in the subtree of this org id");
  sub->add_option("--format", command->format, "table, csv, contract, json or md")->capture_default_str();
  sub->add_option("--out", command->out, "Write the report to this file");
  sub->add_option("--limit", command->limit, "Terminal table: at most this many orgs")->capture_default_str();
  sub->add_option("--threads", command->threads, "Worker threads")->capture_default_str();
  sub->add_flag("--fail-on", command->fail_on, "Exit 1 when there are findings");
  return [command] { return run_audit(*command); };
}

}  // namespace cadence

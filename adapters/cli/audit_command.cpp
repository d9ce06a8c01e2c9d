#include <fstream>
#include <iostream>

#include "adapters/cli/commands.h"
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

}  // namespace

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

}  // namespace cadence

// cadence: the command-line program (a driving adapter). Parses arguments
// with CLI11 and hands each subcommand to its run_* function; exit codes:
// 0 ok, 1 findings (with --fail-on) or failed rule tests, 2 usage or input
// error.
#include <CLI/CLI.hpp>

#include <iostream>

#include "adapters/cli/commands.h"

namespace {

void add_period_options(CLI::App& command, cadence::PeriodOptions& periods) {
  command.add_option("--week", periods.weeks, "ISO week(s) to audit, e.g. 2023-W10");
  command.add_option("--month", periods.months, "Month(s), e.g. 2023-03");
  command.add_option("--quarter", periods.quarters, "Quarter(s), e.g. 2023-Q1");
  command.add_option("--year", periods.years, "Every period lying in the year, e.g. 2023");
  command.add_option("--from", periods.from, "First day of a range (YYYY-MM-DD)");
  command.add_option("--to", periods.to, "Last day of a range (YYYY-MM-DD)");
  command.add_option("--as-of", periods.as_of, "The audit's date: which deadlines have passed (YYYY-MM-DD)");
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"cadence: weekly and monthly compliance audits of an organization tree"};
  app.set_version_flag("--version", std::string("cadence ") + CADENCE_VERSION);
  app.require_subcommand(1);

  cadence::ImportCommand import_command;
  auto* import = app.add_subcommand("import", "Import exports (CSV, XLSX) into the store, all or nothing");
  import->add_option("--db", import_command.db, "The store (SQLite file)")->capture_default_str();
  import->add_option("--pack", import_command.pack, "The rule pack whose schema the files follow");
  import->add_option("--as", import_command.as, "Import every file as this record set (e.g. members)");
  import->add_option("--sheet", import_command.sheet, "XLSX: the sheet to read (default: the first)");
  import->add_flag("--skip-invalid", import_command.skip_invalid,
                   "Store the valid rows; write rejected rows with reasons to <file>.rejects.csv");
  import->add_option("paths", import_command.paths, "Files or folders to import")->required();

  cadence::CheckCommand check_command;
  auto* check = app.add_subcommand("check", "Validate a rule pack and run its tests");
  check->add_option("pack", check_command.pack, "Pack folder or pack.yaml")->required();
  check->add_flag("--tests", check_command.tests, "Run the pack's rule tests");
  check->add_flag("--explain", check_command.explain, "Print the compiled plan");

  cadence::AuditCommand audit_command;
  auto* audit = app.add_subcommand("audit", "Run the audit for a week, month or range");
  audit->add_option("--db", audit_command.db, "The store (SQLite file)")->capture_default_str();
  audit->add_option("--pack", audit_command.pack, "The rule pack");
  add_period_options(*audit, audit_command.periods);
  audit->add_option("--under", audit_command.under, "Only orgs in the subtree of this org id");
  audit->add_option("--format", audit_command.format, "table, csv, contract, json or md")->capture_default_str();
  audit->add_option("--out", audit_command.out, "Write the report to this file");
  audit->add_option("--limit", audit_command.limit, "Terminal table: at most this many orgs")->capture_default_str();
  audit->add_option("--threads", audit_command.threads, "Worker threads")->capture_default_str();
  audit->add_flag("--fail-on", audit_command.fail_on, "Exit 1 when there are findings");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    int code = app.exit(error);
    return code == 0 ? 0 : 2;
  }
  if (import->parsed()) return cadence::run_import(import_command);
  if (check->parsed()) return cadence::run_check(check_command);
  if (audit->parsed()) return cadence::run_audit(audit_command);
  return 2;
}

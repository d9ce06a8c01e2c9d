#include <unistd.h>

#include <iostream>

#include "adapters/i18n/translate.h"
#include "adapters/cli/commands.h"
#include "adapters/cli/period_selection.h"
#include "adapters/cli/pack_session.h"
#include "adapters/import/importer.h"
#include "adapters/import/replace.h"
#include "adapters/store/store.h"
#include "engine/calendar/date.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace cadence {
namespace {

struct ImportCommand {
  std::string db = "cadence.db";
  std::string pack;
  std::string as;
  std::string sheet;
  std::string encoding = "auto";
  bool skip_invalid = false;
  std::string as_of;  // --as-of DATE
  std::string under;  // --under ORG
  bool dry_run = false;
  int64_t undo = 0;  // --undo BATCH
  std::string replace;  // --replace SET
  std::string period;   // --period P (with --replace)
  std::vector<std::string> paths;
};

// `cadence import --undo BATCH`: the batch and the later ones that depend
// on it undone in one transaction, or nothing.
int run_undo(const ImportCommand& command, Store& store, const Schema& schema) {
  if (Status status = store.begin(); !status.is_ok()) {
    std::cerr << "cadence import: cannot start the undo: " << status.message() << "\n";
    return 2;
  }
  Result<std::vector<int64_t>> undone = store.undo_batch(command.undo, schema);
  if (!undone.is_ok()) {
    store.rollback();
    std::cerr << "cadence import: --undo " << command.undo << ": " << undone.status().message()
              << "; nothing was changed\n";
    return 2;
  }
  if (command.dry_run) {
    store.rollback();
  } else if (Status status = store.commit(); !status.is_ok()) {
    std::cerr << "cadence import: --undo " << command.undo << ": " << status.message() << "; nothing was changed\n";
    return 2;
  }
  std::string ids;
  for (int64_t id : *undone) ids += (ids.empty() ? "" : ", ") + std::to_string(id);
  std::cout << (command.dry_run ? "dry run: would undo import batches " : "undid import batches ") << ids << "\n";
  return 0;
}

int run_import(const ImportCommand& command) {
  auto compiled = load_compiled_pack(resolve_pack_path(command.pack), false);
  if (!compiled) return 2;
  // Only a real import creates a store: a dry run or an undo changes none.
  const bool changes_nothing_new = command.undo != 0 || command.dry_run || !command.replace.empty();
  auto store = Store::open(command.db, changes_nothing_new ? StoreAccess::kWriteExisting : StoreAccess::kReadWrite);
  if (!store.is_ok()) {
    std::cerr << "cadence import: " << fill(tr("cannot open the store {1}: {2}"), {command.db, store.status().message()})
              << "\n";
    return 2;
  }
  if (command.undo != 0) return run_undo(command, *store, compiled->pack->schema);
  if (!command.replace.empty()) {
    ReplaceRequest request;
    request.record_set = command.replace;
    request.period = command.period;
    request.under = command.under;
    request.dry_run = command.dry_run;
    request.imported_at = now_utc();  // $CADENCE_TODAY in tests
    if (!command.as_of.empty()) request.as_of = Date::parse(command.as_of);
    Diagnostics diagnostics;
    const ReplaceReport report = replace_rows(*store, compiled->pack->schema, request, diagnostics);
    if (!diagnostics.empty()) std::cerr << render_all(diagnostics, nullptr, 200);
    if (report.exit_code == 0) std::cout << format_replace_report(report);
    return report.exit_code;
  }
  if (command.paths.empty()) {
    std::cerr << "cadence import: name the files or folders to import (or --undo BATCH)\n";
    return 2;
  }
  ImportOptions options;
  options.imported_at = now_utc();  // $CADENCE_TODAY in tests
  if (!command.as_of.empty()) {
    options.as_of = Date::parse(command.as_of);
    if (!options.as_of) {
      std::cerr << "cadence import: --as-of " << command.as_of << ": not a date (write 2023-03-06)\n";
      return 2;
    }
  }
  options.under = command.under;
  options.dry_run = command.dry_run;
  options.sample_rows = command.dry_run ? 5 : 0;
  options.force_record_set = command.as;
  options.skip_invalid = command.skip_invalid;
  options.sheet = command.sheet;
  if (std::optional<EncodingChoice> encoding = parse_encoding_choice(command.encoding)) {
    options.encoding = *encoding;
  } else {
    std::cerr << "cadence import: "
              << fill(tr("--encoding {1}: unknown encoding (auto, utf-8, gb18030, latin1)"), {command.encoding}) << "\n";
    return 2;
  }
  options.progress = isatty(STDERR_FILENO) != 0;
  Diagnostics diagnostics;
  ImportReport report = import_files(*store, compiled->pack->schema, command.paths, options, diagnostics);
  if (!diagnostics.empty()) std::cerr << render_all(diagnostics, nullptr, 200);
  std::cout << format_import_report(report);
  return report.exit_code;
}

}  // namespace

CommandRunner register_import(CLI::App& app) {
  auto command = std::make_shared<ImportCommand>();
  auto* sub = app.add_subcommand("import", "Import exports (CSV, XLSX, XLS) into the store, all or nothing");
  sub->add_option("--db", command->db, "The store (SQLite file)")->capture_default_str();
  sub->add_option("--pack", command->pack, "The rule pack whose schema the files follow");
  sub->add_option("--as", command->as, "Import every file as this record set (e.g. members)");
  sub->add_option("--sheet", command->sheet, "XLSX/XLS: import only this sheet (default: every sheet, each mapped on its own)");
  sub->add_option("--encoding", command->encoding,
                  "CSV: auto (detect UTF-8 or GBK/GB18030), utf-8, gb18030 (gbk) or latin1; a byte not valid in it "
                  "refuses the file")
      ->capture_default_str();
  sub->add_flag("--skip-invalid", command->skip_invalid,
                "Store the valid rows; write rejected rows with reasons to <file>.rejects.csv");
  sub->add_option("--as-of", command->as_of,
                  "Snapshot files (orgs, members, org_details): the export date when the file has none (default: "
                  "today)");
  sub->add_option("--under", command->under,
                  "Snapshot files: the subtree they cover, by org id (default: the orgs their rows belong to)");
  sub->add_flag("--dry-run", command->dry_run, "Check and show what would change, store nothing");
  sub->add_option("--undo", command->undo,
                  "Undo an import batch and the later ones depending on it (ids: cadence history --imports)");
  sub->add_option("--replace", command->replace,
                  "Remove the stored rows of this record set (with --period and --under to narrow it); prints what "
                  "it removes; undo with --undo");
  sub->add_option("--period", command->period, "With --replace: only rows whose time is in this period (2023-W10)");
  sub->add_option("paths", command->paths, "Files or folders to import");
  return [command] { return run_import(*command); };
}

}  // namespace cadence

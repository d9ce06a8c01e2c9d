#include <unistd.h>

#include <iostream>

#include "adapters/i18n/translate.h"
#include "adapters/cli/commands.h"
#include "adapters/cli/pack_session.h"
#include "adapters/import/importer.h"
#include "adapters/store/store.h"

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
  std::vector<std::string> paths;
};

int run_import(const ImportCommand& command) {
  auto compiled = load_compiled_pack(resolve_pack_path(command.pack), false);
  if (!compiled) return 2;
  auto store = Store::open(command.db);
  if (!store.is_ok()) {
    std::cerr << "cadence import: " << fill(tr("cannot open the store {1}: {2}"), {command.db, store.status().message()})
              << "\n";
    return 2;
  }
  ImportOptions options;
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
  sub->add_option("paths", command->paths, "Files or folders to import")->required();
  return [command] { return run_import(*command); };
}

}  // namespace cadence

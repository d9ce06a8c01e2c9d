#include <unistd.h>

#include <iostream>

#include "adapters/cli/commands.h"
#include "adapters/cli/pack_session.h"
#include "adapters/import/importer.h"
#include "adapters/store/store.h"

namespace cadence {

int run_import(const ImportCommand& command) {
  auto compiled = load_compiled_pack(resolve_pack_path(command.pack), false);
  if (!compiled) return 2;
  auto store = Store::open(command.db);
  if (!store.is_ok()) {
    std::cerr << "cadence import: cannot open the store " << command.db << ": " << store.status().message() << "\n";
    return 2;
  }
  ImportOptions options;
  options.force_record_set = command.as;
  options.skip_invalid = command.skip_invalid;
  options.sheet = command.sheet;
  options.progress = isatty(STDERR_FILENO) != 0;
  Diagnostics diagnostics;
  ImportReport report = import_files(*store, compiled->pack->schema, command.paths, options, diagnostics);
  if (!diagnostics.empty()) std::cerr << render_all(diagnostics, nullptr, 200);
  std::cout << format_import_report(report);
  return report.exit_code;
}

}  // namespace cadence

// cadence: the command-line program (a driving adapter).
#include <CLI/CLI.hpp>

#include <iostream>

int main(int argc, char** argv) {
  CLI::App app{"cadence: weekly and monthly compliance audits of an organization tree"};
  app.set_version_flag("--version", std::string("cadence ") + CADENCE_VERSION);
  app.require_subcommand(1);
  app.add_subcommand("import", "Import exports (CSV, XLSX) into the store");
  app.add_subcommand("check", "Validate a rule pack and run its tests");
  app.add_subcommand("audit", "Run the audit for a week, month or range");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    int code = app.exit(error);
    return code == 0 ? 0 : 2;
  }
  return 0;
}

// cadence: the command-line program (a driving adapter). Each subcommand
// registers itself (commands.h); main parses and runs the one given. Exit
// codes: 0 ok, 1 findings (with --fail-on) or failed rule tests, 2 usage or
// input error.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <cstdlib>
#include <utility>
#include <vector>

#include "adapters/cli/commands.h"
#include "engine/eval/expression_evaluator.h"

int main(int argc, char** argv) {
  CLI::App app{"cadence: weekly and monthly compliance audits of an organization tree"};
  app.set_version_flag("--version", std::string("cadence ") + CADENCE_VERSION);
  app.require_subcommand(1);
  std::vector<std::pair<CLI::App*, cadence::CommandRunner>> commands;
  auto add = [&](cadence::CommandRunner (*register_command)(CLI::App&)) {
    std::size_t before = app.get_subcommands({}).size();
    cadence::CommandRunner runner = register_command(app);
    commands.emplace_back(app.get_subcommands({})[before], std::move(runner));
  };
  add(cadence::register_demo);
  add(cadence::register_import);
  add(cadence::register_check);
  add(cadence::register_audit);
  add(cadence::register_explain);
  add(cadence::register_history);
  add(cadence::register_diff);
  add(cadence::register_bulletin);
  add(cadence::register_weak);
  add(cadence::register_rectify);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    int code = app.exit(error);
    return code == 0 ? 0 : 2;
  }
  for (auto& [command, runner] : commands) {
    if (!command->parsed()) continue;
    int code = 2;
    try {
      code = runner();
    } catch (const cadence::CalendarRangeError& error) {
      // Each command that evaluates a pack reports this with the rule; this
      // is the net under them, so that it never ends as an abort.
      std::fprintf(stderr, "cadence: %s:%d:%d: error: %s\n", error.span().file.c_str(), error.span().line,
                   error.span().column, error.what());
    }
#ifdef NDEBUG
    // A release build leaves without tearing down what the command built
    // (millions of strings of a large dataset take a noticeable while to
    // free); output is flushed first. Debug and sanitizer builds return
    // normally so that leak checks still run.
    std::fflush(nullptr);
    std::_Exit(code);
#else
    return code;
#endif
  }
  return 2;
}

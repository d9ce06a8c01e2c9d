// cadence: the command-line program (a driving adapter). Each subcommand
// registers itself (commands.h); main parses and runs the one given. Exit
// codes: 0 ok, 1 findings (with --fail-on) or failed rule tests, 2 usage or
// input error.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <utility>
#include <vector>

#include "adapters/cli/commands.h"
#include "adapters/cli/report_output.h"
#include "adapters/report/pii.h"
#include "engine/eval/expression_evaluator.h"
#include "engine/eval/rational.h"

namespace {

// Points `stream` at `buffer` for its lifetime, then back.
class StreamRedirect {
 public:
  StreamRedirect(std::ostream& stream, std::streambuf& buffer) : stream_(stream), old_(stream.rdbuf(&buffer)) {}
  ~StreamRedirect() { stream_.rdbuf(old_); }
  StreamRedirect(const StreamRedirect&) = delete;
  StreamRedirect& operator=(const StreamRedirect&) = delete;

 private:
  std::ostream& stream_;
  std::streambuf* old_;
};

// Runs one command with its standard output and error masked (pii.h: no
// output path prints a full ID-card number). A value beyond what cadence
// computes exactly (rational.h), or a date computed by a rule outside the
// supported range (expression_evaluator.h), ends the command with exit 2,
// before any run is recorded.
int run_masked(CLI::App& command, const cadence::CommandRunner& runner) {
  cadence::MaskingStreambuf masked_out(std::cout.rdbuf());
  cadence::MaskingStreambuf masked_err(std::cerr.rdbuf());
  // Declared after the masking buffers, so destroyed before them: whatever
  // leaves this function, the streams never point at a dead buffer.
  const StreamRedirect redirect_out(std::cout, masked_out);
  const StreamRedirect redirect_err(std::cerr, masked_err);
  int code = 2;
  try {
    code = runner();
  } catch (const cadence::ValueOutOfRange& error) {
    std::cerr << "cadence " << command.get_name() << ": " << error.what() << "\n";
    code = 2;
  } catch (const cadence::CalendarRangeError& error) {
    // Each command that evaluates a pack reports this with the rule; this
    // is the net under them, so that it never ends as an abort.
    std::cerr << "cadence: " << error.span().file << ":" << error.span().line << ":" << error.span().column
              << ": error: " << error.what() << "\n";
    code = 2;
  }
  const bool written = masked_out.finish();
  masked_err.finish();
  if (!written && code != 2) {
    std::cerr << "cadence " << command.get_name() << ": cannot write the standard output\n";
    code = 2;
  }
  return code;
}

}  // namespace

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
  add(cadence::register_dispatch);
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
    // Whatever a command printed must have reached stdout (a full disk, a
    // closed pipe): else exit 2.
    int code = cadence::finish_standard_output(run_masked(*command, runner));
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

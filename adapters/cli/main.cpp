// cadence: the command-line program (a driving adapter). Each subcommand
// registers itself (commands.h); main parses and runs the one given. Exit
// codes: 0 ok, 1 findings (with --fail-on) or failed rule tests, 2 usage or
// input error.
#include <CLI/CLI.hpp>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "adapters/cli/commands.h"
#include "adapters/cli/report_output.h"
#include "adapters/i18n/translate.h"
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
              << ": " << cadence::tr("error") << ": " << error.what() << "\n";
    code = 2;
  }
  const bool written = masked_out.finish();
  masked_err.finish();
  if (!written && code != 2) {
    std::cerr << "cadence " << command.get_name() << ": " << cadence::tr("cannot write the standard output") << "\n";
    code = 2;
  }
  return code;
}

// The value of `--lang` wherever it stands (`--lang en`, `--lang=en`): the
// language must be known before the commands register their help texts.
std::optional<std::string> lang_argument(int argc, char** argv) {
  std::optional<std::string> value;
  for (int i = 1; i < argc; ++i) {
    std::string_view argument(argv[i]);
    if (argument == "--") break;
    if (argument == "--lang" && i + 1 < argc) value = argv[i + 1];
    if (argument.starts_with("--lang=")) value = std::string(argument.substr(7));
  }
  return value;
}

// Every description, group and CLI11 label of the command tree in the
// current language. The texts are registered in English by the command
// files; scripts/update_catalog.sh extracts them for the catalog by the
// argument positions of add_option, add_flag and add_subcommand.
void translate_help(CLI::App& app) {
  app.description(cadence::tr(app.get_description()));
  if (!app.get_group().empty()) app.group(cadence::tr(app.get_group()));
  for (CLI::Option* option : app.get_options()) {
    option->description(cadence::tr(option->get_description()));
    option->group(cadence::tr(option->get_group()));
  }
  for (CLI::App* command : app.get_subcommands({})) translate_help(*command);
}

// The labels and default texts CLI11 prints itself, marked for the catalog.
constexpr std::array kCli11Labels{
    cadence::tr_noop("Usage"),       cadence::tr_noop("OPTIONS"),  cadence::tr_noop("SUBCOMMAND"),
    cadence::tr_noop("SUBCOMMANDS"), cadence::tr_noop("Positionals"), cadence::tr_noop("REQUIRED"),
    cadence::tr_noop("Needs"),       cadence::tr_noop("Excludes"), cadence::tr_noop("Env")};
constexpr std::array kCli11Texts{cadence::tr_noop("Options"), cadence::tr_noop("Subcommands"),
                                 cadence::tr_noop("Print this help message and exit"),
                                 cadence::tr_noop("Display program version information and exit")};

void translate_labels(CLI::App& app) {
  static_assert(!kCli11Texts.empty(), "translate_help translates these where CLI11 put them");
  auto formatter = app.get_formatter();
  for (const char* label : kCli11Labels) formatter->label(label, cadence::tr(label));
}

}  // namespace

int main(int argc, char** argv) {
  std::string unknown_language;
  std::optional<cadence::Language> language = cadence::choose_language(lang_argument(argc, argv), &unknown_language);
  if (!language) {
    std::cerr << "cadence: unknown language '" << unknown_language << "' (--lang zh or --lang en) / 未知语言（请用 --lang zh 或 --lang en）\n";
    return 2;
  }
  std::optional<cadence::MessageCatalog> catalog = cadence::find_catalog(*language, argv[0]);
  if (*language == cadence::Language::kChinese && !catalog) {
    // Said in English: without the catalog there is no Chinese to say it in.
    std::cerr << "cadence: the Chinese message catalog (locale/zh_CN/LC_MESSAGES/cadence.mo) was not found beside "
                 "the program or under share/locale; English is used\n";
  }
  cadence::use_language(*language, std::move(catalog));

  CLI::App app{cadence::tr_noop("cadence: weekly and monthly compliance audits of an organization tree")};
  std::string lang_option;
  app.add_option("--lang", lang_option, "Language of what cadence prints: zh (default) or en");
  // `cadence audit ... --lang en`: the subcommands pass --lang up to here.
  app.fallthrough();
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
  add(cadence::register_serve);
  add(cadence::register_user);
  translate_help(app);
  translate_labels(app);
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

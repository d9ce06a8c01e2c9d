#include <iostream>
#include <memory>
#include <string>

#include "adapters/i18n/translate.h"
#include "adapters/cli/commands.h"
#include "adapters/cli/pack_session.h"
#include "adapters/cli/rule_tests.h"

namespace cadence {
namespace {

struct CheckCommand {
  std::string pack;
  bool tests = false;
  bool explain = false;
};

int run_check(const CheckCommand& command) {
  auto compiled = load_compiled_pack(command.pack, true);
  if (!compiled) return 2;
  const Pack& pack = *compiled->pack;
  std::cout << fill(tr("pack {1} {2}: {3} rules, {4} record sets, {5} warnings"),
                    {pack.id, pack.version, std::to_string(pack.rules.size()),
                     std::to_string(pack.schema.record_sets.size()), std::to_string(compiled->warnings)})
            << "\n";
  if (command.explain) std::cout << explain(*compiled->plan);
  if (!command.tests) return 0;
  auto results = run_rule_tests(*compiled->plan);
  int passed = 0;
  int failed = 0;
  for (const auto& result : results) {
    if (result.passed) {
      ++passed;
      continue;
    }
    ++failed;
    std::cout << result.span.file << ":" << result.span.line << ": " << fill(tr("test '{1}' failed"), {result.name}) << "\n";
    if (!result.error.empty()) std::cout << result.error;
    for (const auto& line : result.missing) std::cout << "  " << fill(tr("missing    {1}"), {line}) << "\n";
    for (const auto& line : result.unexpected) std::cout << "  " << fill(tr("unexpected {1}"), {line}) << "\n";
  }
  std::cout << fill(tr("{1} passed, {2} failed"), {std::to_string(passed), std::to_string(failed)}) << "\n";
  return failed == 0 ? 0 : 1;
}

}  // namespace

CommandRunner register_check(CLI::App& app) {
  auto command = std::make_shared<CheckCommand>();
  auto* sub = app.add_subcommand("check", "Validate a rule pack and run its tests");
  sub->add_option("pack", command->pack, "Pack folder or pack.yaml")->required();
  sub->add_flag("--tests", command->tests, "Run the pack's rule tests");
  sub->add_flag("--explain", command->explain, "Print the compiled plan");
  return [command] { return run_check(*command); };
}

}  // namespace cadence

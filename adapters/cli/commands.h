// The subcommands of `cadence`. Each returns the process exit code:
// 0 ok, 1 findings present (audit --fail-on) or a rule test failed (check),
// 2 usage, input or environment error.
#pragma once

#include <string>
#include <vector>

#include "adapters/cli/period_selection.h"

namespace cadence {

struct ImportCommand {
  std::string db = "cadence.db";
  std::string pack;
  std::string as;
  std::string sheet;
  bool skip_invalid = false;
  std::vector<std::string> paths;
};
int run_import(const ImportCommand& command);

struct CheckCommand {
  std::string pack;
  bool tests = false;
  bool explain = false;
};
int run_check(const CheckCommand& command);

struct AuditCommand {
  std::string db = "cadence.db";
  std::string pack;
  PeriodOptions periods;
  std::string under;
  std::string format = "table";
  std::string out;
  bool fail_on = false;
  int threads = 2;
  int limit = 20;
};
int run_audit(const AuditCommand& command);

}  // namespace cadence

// The subcommands of `cadence`. Each command file registers its subcommand
// with CLI11 and returns the function that runs it after parsing; the run
// function returns the process exit code: 0 ok, 1 findings present (audit
// --fail-on) or a rule test failed (check), 2 usage, input or environment
// error.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>

namespace cadence {

using CommandRunner = std::function<int()>;

CommandRunner register_import(CLI::App& app);
CommandRunner register_check(CLI::App& app);
CommandRunner register_audit(CLI::App& app);
CommandRunner register_history(CLI::App& app);
CommandRunner register_diff(CLI::App& app);
CommandRunner register_explain(CLI::App& app);
CommandRunner register_demo(CLI::App& app);
CommandRunner register_bulletin(CLI::App& app);
CommandRunner register_weak(CLI::App& app);
CommandRunner register_rectify(CLI::App& app);
CommandRunner register_dispatch(CLI::App& app);
CommandRunner register_serve(CLI::App& app);
CommandRunner register_user(CLI::App& app);

struct PeriodOptions;
// --week/--month/--quarter/--year/--from/--to/--as-of, shared by commands
// that take periods.
void add_period_options(CLI::App& command, PeriodOptions& periods);

}  // namespace cadence

// Loading and compiling a pack for a command, with its diagnostics printed.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "engine/core/status.h"
#include "engine/eval/expression_evaluator.h"
#include "engine/plan/plan.h"

namespace cadence {

struct CompiledPack {
  std::unique_ptr<Pack> pack;
  std::unique_ptr<Plan> plan;
  int warnings = 0;
};

// The pack named on the command line, or the shipped default: $CADENCE_PACK,
// else rules/guyuan-2023 under the working directory, else under the source
// tree the program was built from.
std::string resolve_pack_path(const std::string& given);

// Loads and compiles; prints every error (and the warnings when asked) to
// stderr rendered with source lines. nullopt when there was an error.
std::optional<CompiledPack> load_compiled_pack(const std::string& path, bool print_warnings);

// The pack's bulletin definition `id`, or its first when `id` is empty; an
// error in the reader's language when there is none.
Result<const BulletinDefinition*> find_bulletin_definition(const Pack& pack, const std::string& id);

// Prints calendar arithmetic that left the supported dates while evaluating
// the pack as a positioned error naming the rule whose expression it is in,
// with the source line and a caret; returns exit code 2:
//
//   cadence audit: rules/p/pack.yaml:40:12: error: rule B3: calendar arithmetic
//   gives a month outside the supported dates 1900-01-01..2199-12-31
int report_calendar_range_error(const CompiledPack& compiled, std::string_view command,
                                const CalendarRangeError& error);
// The same error rendered (file:line:col: error: rule R: ..., source, caret).
std::string render_calendar_range_error(const Pack& pack, const CalendarRangeError& error);

}  // namespace cadence

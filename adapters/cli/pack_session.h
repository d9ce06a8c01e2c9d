// Loading and compiling a pack for a command, with its diagnostics printed.
#pragma once

#include <memory>
#include <optional>
#include <string>

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

}  // namespace cadence

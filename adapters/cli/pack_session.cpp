#include "adapters/cli/pack_session.h"

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "adapters/pack/pack_loader.h"

namespace cadence {

std::string resolve_pack_path(const std::string& given) {
  if (!given.empty()) return given;
  if (const char* environment = std::getenv("CADENCE_PACK"); environment != nullptr && *environment != '\0') {
    return environment;
  }
  const std::string shipped = "rules/guyuan-2023";
  if (std::filesystem::exists(shipped)) return shipped;
  return std::string(CADENCE_SOURCE_DIR) + "/" + shipped;
}

std::optional<CompiledPack> load_compiled_pack(const std::string& path, bool print_warnings) {
  Diagnostics diagnostics;
  SourceMap sources;
  CompiledPack result;
  result.pack = load_pack(path, diagnostics, &sources);
  if (result.pack) result.plan = compile(*result.pack, diagnostics);
  Diagnostics shown;
  for (const auto& item : diagnostics.items()) {
    if (item.severity == Severity::kError || print_warnings) shown.add(item.severity, item.span, item.message);
  }
  if (!shown.empty()) std::cerr << render_all(shown, result.pack ? &result.pack->sources : &sources);
  result.warnings = diagnostics.warning_count();
  if (diagnostics.has_errors() || !result.plan) return std::nullopt;
  return result;
}

}  // namespace cadence

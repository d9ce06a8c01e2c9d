// Fuzz target: the YAML rule-pack loader (adapters/pack/pack_loader.h), and
// the compiler behind it. Whatever the bytes, loading must not crash, throw
// or leak; a failed load must say why; a loaded pack must compile or say why;
// every diagnostic must render against the pack's sources.
#include <cstddef>
#include <cstdint>
#include <string>

#include "adapters/pack/pack_loader.h"
#include "engine/core/diagnostic.h"
#include "engine/plan/plan.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  cadence::Diagnostics diagnostics;
  cadence::SourceMap sources;
  auto pack = cadence::load_pack_from_text(text, "fuzz.yaml", diagnostics, &sources);
  if (!pack && !diagnostics.has_errors()) __builtin_trap();  // a failed load must say why
  if (pack) {
    auto plan = cadence::compile(*pack, diagnostics);
    if (!plan && !diagnostics.has_errors()) __builtin_trap();
    if (plan) (void)cadence::explain(*plan);
  }
  (void)cadence::render_all(diagnostics, &sources);
  return 0;
}

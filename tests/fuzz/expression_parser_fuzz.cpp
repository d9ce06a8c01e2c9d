// Fuzz target: the rule-language expression parser (engine/lang/parser.h).
// Whatever the bytes, parsing must not crash, leak, overflow the stack or
// throw; a parsed tree must print; every diagnostic must render.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "engine/core/diagnostic.h"
#include "engine/lang/ast.h"
#include "engine/lang/parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  cadence::lang::ExprOrigin where;
  where.origin.file = "fuzz.yaml";
  where.origin.line = 3;
  where.origin.column = 12;
  where.continuation_column = 5;
  cadence::Diagnostics diagnostics;
  cadence::lang::ExprPtr expr = cadence::lang::parse_expression(text, where, diagnostics);
  if (expr) {
    std::string printed = cadence::lang::to_string(*expr);
    if (printed.empty() || !diagnostics.empty()) __builtin_trap();  // a tree without errors, and it prints
  } else if (!diagnostics.has_errors()) {
    __builtin_trap();  // a failed parse must say why
  }
  cadence::SourceMap sources;
  sources.add("fuzz.yaml", "\n\n" + std::string(11, ' ') + std::string(text));
  (void)cadence::render_all(diagnostics, &sources);
  return 0;
}

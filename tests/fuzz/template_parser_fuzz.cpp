// Fuzz target: the message-template parser (engine/lang/template.h) and the
// positions it hands on (engine/lang/origin.h). Whatever the bytes, splitting
// must not crash, leak or throw; a placeholder's parts must add up to what
// was between its braces; every span must lie at or after the origin; the
// expressions must parse (or fail with a reason) at their positions. Inputs
// whose first byte is odd are placed by anchors, as a quoted YAML scalar is.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "engine/core/diagnostic.h"
#include "engine/lang/parser.h"
#include "engine/lang/template.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const bool anchored = (data[0] & 1) != 0;
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  cadence::lang::ExprOrigin where;
  where.origin = cadence::SourceSpan{"fuzz.yaml", 3, 14, 1, ""};
  where.continuation_column = 5;
  if (anchored) {
    // An anchor every 7 bytes, each one line further down.
    for (std::size_t offset = 0; offset < text.size(); offset += 7) {
      where.anchors.push_back({offset, 3 + static_cast<int>(offset / 7), 5});
    }
  }
  cadence::Diagnostics diagnostics;
  auto parts = cadence::lang::parse_template(text, where, "message", diagnostics);
  for (const auto& part : parts) {
    if (part.kind == cadence::lang::TemplatePart::Kind::kLiteral) {
      if (part.literal.empty()) __builtin_trap();  // literals are never empty
      continue;
    }
    const std::string joined = part.has_format ? part.expression + ":" + part.format : part.expression;
    if (joined != part.inside) __builtin_trap();
    if (part.span.line < 3 || part.expression_origin.origin.line < 3) __builtin_trap();
    (void)cadence::lang::parse_expression(part.expression, part.expression_origin, diagnostics);
  }
  (void)cadence::render_all(diagnostics);
  return 0;
}

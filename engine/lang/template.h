// Message templates: text with `{placeholder}`s, as in a rule's message and a
// bulletin line's text:
//
//   "{org.name} {period} 参学率 {value:percent}（{count(members, where: status == \"active\"):int} 人）"
//
// `{{` and `}}` are literal braces; any other '}' needs its '{'. A
// placeholder holds an expression, then optionally ':' and a format. The
// format's ':' is the last one outside parentheses, brackets and string
// literals, so a named argument (`where: ...`) inside a call is part of the
// expression; the placeholder ends at the first '}' outside a string literal.
// What a placeholder may hold (an expression, a figure name) and which
// formats exist is the caller's business; this parser only splits, and every
// part carries its position in the file (origin.h), exact also for quoted and
// folded YAML scalars.
//
// Errors are diagnostics naming the text by `noun` ("message", "text"):
//   pack.yaml:10:32: error: '{' in the message is never closed (write '{{' for a literal brace)
//   pack.yaml:10:20: error: '}' in the text without its '{' (write '}}' for a literal brace)
// An unclosed '{' ends the parse (the rest is not split); a lone '}' is
// reported and skipped. Never throws.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/core/diagnostic.h"
#include "engine/lang/origin.h"

namespace cadence::lang {

struct TemplatePart {
  enum class Kind { kLiteral, kPlaceholder };
  Kind kind = Kind::kLiteral;
  std::string literal;           // kLiteral: the text, braces unescaped
  std::string inside;            // kPlaceholder: everything between the braces
  std::string expression;        // kPlaceholder: `inside` before the format's ':'
  std::string format;            // kPlaceholder: after the ':', "" when none
  bool has_format = false;       // a ':' was there (the format may still be empty)
  ExprOrigin expression_origin;  // where `expression` starts
  SourceSpan span;               // the whole `{...}`
  SourceSpan format_span;        // the format's first character (length 1)
};

std::vector<TemplatePart> parse_template(std::string_view text, const ExprOrigin& where,
                                         std::string_view noun, Diagnostics& diagnostics);

}  // namespace cadence::lang

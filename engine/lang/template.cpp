#include "engine/lang/template.h"

namespace cadence::lang {
namespace {

// The end of the string literal opening at text[open] (the offset after its
// closing quote), or npos when it is never closed. Escapes as in lexer.h.
std::size_t skip_string(std::string_view text, std::size_t open) {
  const char quote = text[open];
  for (std::size_t at = open + 1; at < text.size(); ++at) {
    if (text[at] == '\\') {
      ++at;
    } else if (text[at] == quote) {
      return at + 1;
    }
  }
  return std::string_view::npos;
}

// The placeholder opening at text[open]: the offset of its '}' and of the
// format's ':' (npos when none), outside strings and at bracket depth 0.
struct Placeholder {
  std::size_t close = std::string_view::npos;
  std::size_t colon = std::string_view::npos;
};

Placeholder scan_placeholder(std::string_view text, std::size_t open) {
  Placeholder found;
  int depth = 0;
  std::size_t at = open + 1;
  while (at < text.size()) {
    const char c = text[at];
    if (c == '"' || c == '\'') {
      at = skip_string(text, at);
      if (at == std::string_view::npos) return found;
      continue;
    }
    if (c == '}') {
      found.close = at;
      return found;
    }
    if (c == '(' || c == '[') ++depth;
    if ((c == ')' || c == ']') && depth > 0) --depth;
    if (c == ':' && depth == 0) found.colon = at;
    ++at;
  }
  return found;
}

}  // namespace

std::vector<TemplatePart> parse_template(std::string_view text, const ExprOrigin& where,
                                         std::string_view noun, Diagnostics& diagnostics) {
  std::vector<TemplatePart> parts;
  std::string literal;
  auto flush = [&] {
    if (literal.empty()) return;
    TemplatePart part;
    part.literal = std::move(literal);
    parts.push_back(std::move(part));
    literal.clear();
  };
  Locator locator(where, text);
  for (std::size_t at = 0; at < text.size(); ++at) {
    const char c = text[at];
    if ((c == '{' || c == '}') && at + 1 < text.size() && text[at + 1] == c) {
      literal += c;
      ++at;
      continue;
    }
    if (c == '}') {
      diagnostics.error(locator.span(at, at + 1), "'}' in the " + std::string(noun) +
                                                      " without its '{' (write '}}' for a literal brace)");
      continue;
    }
    if (c != '{') {
      literal += c;
      continue;
    }
    const Placeholder found = scan_placeholder(text, at);
    if (found.close == std::string_view::npos) {
      diagnostics.error(locator.span(at, at + 1), "'{' in the " + std::string(noun) +
                                                      " is never closed (write '{{' for a literal brace)");
      break;
    }
    flush();
    TemplatePart part;
    part.kind = TemplatePart::Kind::kPlaceholder;
    part.span = locator.span(at, found.close + 1);
    part.inside = std::string(text.substr(at + 1, found.close - at - 1));
    const std::size_t expression_end = found.colon == std::string_view::npos ? found.close : found.colon;
    part.expression = std::string(text.substr(at + 1, expression_end - at - 1));
    part.expression_origin = origin_at(where, text, at + 1);
    if (found.colon != std::string_view::npos) {
      part.has_format = true;
      part.format = std::string(text.substr(found.colon + 1, found.close - found.colon - 1));
      part.format_span = locator.span(found.colon + 1, found.colon + 1);
    }
    parts.push_back(std::move(part));
    at = found.close;
  }
  flush();
  return parts;
}

}  // namespace cadence::lang

#include "adapters/report/markup.h"

namespace cadence {
namespace {

bool is_word(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool is_markdown_special(char c) {
  switch (c) {
    case '\\': case '`': case '*': case '[': case ']': case '<': case '>': case '|': case '#':
    case '~': case '&':
      return true;
    default:
      return false;
  }
}

}  // namespace

std::string markdown_text(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  std::size_t i = 0;
  for (; i < text.size() && text[i] == ' '; ++i) out += "&#32;";
  if (i < text.size() && (text[i] == '-' || text[i] == '+' || text[i] == '=')) {
    out += '\\';
  } else {
    std::size_t digits = i;
    while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
    if (digits > i && digits < text.size() && (text[digits] == '.' || text[digits] == ')')) {
      out.append(text.substr(i, digits - i));
      out += '\\';
      i = digits;
    }
  }
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      out += ' ';
      continue;
    }
    // CommonMark: `_` between two letters or digits never opens or closes
    // emphasis, so rule ids such as study.weekly_rate stay as written.
    const bool word_underscore = c == '_' && i > 0 && i + 1 < text.size() && is_word(text[i - 1]) && is_word(text[i + 1]);
    if (is_markdown_special(c) || (c == '_' && !word_underscore)) out += '\\';
    out += c;
  }
  return out;
}

std::string html_text(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace cadence

// Named arguments in unquoted YAML values: the syntax packs used before they
// were standard YAML (issue #27). A plain scalar may not hold ': ', so
//
//   value: count(members, where: status == "active")
//
// is a YAML error ("illegal map value"), and inside a flow mapping
// (`{active: count(members, where: ...)}`) it silently reads as two keys.
// Instead of either, the loader names the argument and shows the line to
// write:
//
//   pack.yaml:7:27: error: named argument 'where:' in an unquoted value, which YAML reads
//   as a new key; quote the expression: value: 'count(members, where: status == "active")'
//   (on one line)
//
// The scan is lexical: it follows YAML's quotes, comments and block scalars,
// and reports an identifier followed by ': ' (or ':' at the end of a line)
// inside the parentheses of a call. YAML itself never uses parentheses, so a
// standard pack never matches.
#include <cctype>

#include "adapters/pack/yaml_document.h"

namespace cadence::pack_detail {
namespace {

bool is_word_byte(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
}

int indentation_of(std::string_view line) {
  std::size_t spaces = line.find_first_not_of(' ');
  return static_cast<int>(spaces == std::string_view::npos ? line.size() : spaces);
}

// Follows YAML quotes along a line: a quote opens at the start of a word,
// and inside "..." a backslash escapes the next character.
class Quotes {
 public:
  // True when text[i] belongs to a quoted span (i moves past an escape).
  bool inside(std::string_view text, std::size_t& i) {
    const char c = text[i];
    if (quote_ != 0) {
      if (c == '\\' && quote_ == '"') {
        ++i;
      } else if (c == quote_) {
        quote_ = 0;
      }
      return true;
    }
    if ((c == '"' || c == '\'') && (i == 0 || !is_word_byte(text[i - 1]))) {
      quote_ = c;
      return true;
    }
    return false;
  }
  bool open() const { return quote_ != 0; }

 private:
  char quote_ = 0;
};

// The line without its comment (a '#' at the start or after a blank, outside
// quotes) and trailing blanks.
std::string_view without_comment(std::string_view line) {
  Quotes quotes;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (quotes.inside(line, i)) continue;
    if (line[i] == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t')) {
      line = line.substr(0, i);
      break;
    }
  }
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
  return line;
}

// True when the line's value is a block scalar header (`key: |`, `- >-`).
bool opens_block(std::string_view line) {
  std::string_view text = without_comment(line);
  while (!text.empty() &&
         (text.back() == '+' || text.back() == '-' || (text.back() >= '1' && text.back() <= '9'))) {
    text.remove_suffix(1);
  }
  if (text.empty() || (text.back() != '|' && text.back() != '>')) return false;
  text.remove_suffix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text.empty() || text.back() == ':' || text.back() == '-';
}

// Where an unquoted line's value starts: after its `- ` markers and its
// `key: `. npos when the line holds no plain value.
std::size_t value_start(std::string_view line) {
  std::size_t at = line.find_first_not_of(' ');
  while (at != std::string_view::npos && line.compare(at, 2, "- ") == 0)
    at = line.find_first_not_of(' ', at + 2);
  if (at == std::string_view::npos) return at;
  const std::size_t colon = line.find(": ", at);
  const std::size_t paren = line.find('(', at);
  if (colon != std::string_view::npos && (paren == std::string_view::npos || colon < paren)) {
    at = line.find_first_not_of(' ', colon + 2);
  }
  return at;
}

}  // namespace

bool YamlDocument::report_unquoted_named_arguments() {
  bool found = false;
  int block_indent = -1;  // inside a block scalar: its lines are indented more
  int depth = 0;          // open '(' of a plain scalar continued on the next line
  int scalar_indent = 0;  // indentation of the line where that scalar starts
  int scalar_line = -1;
  bool reported = false;  // this scalar already has its error
  for (int line = 0; static_cast<std::size_t>(line) < line_starts_.size(); ++line) {
    const std::string_view content = line_text(line);
    const int indent = indentation_of(content);
    const bool blank = content.find_first_not_of(" \t") == std::string_view::npos;
    if (block_indent >= 0 && (blank || indent > block_indent)) continue;
    block_indent = -1;
    if (blank) continue;
    if (depth == 0 || indent <= scalar_indent) {
      depth = 0;
      reported = false;
      scalar_indent = indent;
      scalar_line = line;
    }
    if (opens_block(content)) {
      block_indent = indent;
      continue;
    }
    const std::string_view text = without_comment(content);
    Quotes quotes;
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (quotes.inside(text, i)) continue;
      const char c = text[i];
      if (c == '(') {
        ++depth;
      } else if (c == ')') {
        depth = depth > 0 ? depth - 1 : 0;
      } else if (depth > 0 && !reported && is_word_byte(c) && (i == 0 || !is_word_byte(text[i - 1]))) {
        std::size_t end = i;
        while (end < text.size() && is_word_byte(text[end])) ++end;
        if (end < text.size() && text[end] == ':' && (end + 1 == text.size() || text[end + 1] == ' ')) {
          report_unquoted_argument(scalar_line, line, i, end - i);
          reported = true;
          found = true;
        }
        i = end - 1;
      }
    }
    // A quote left open continues on the next line: not a plain scalar.
    if (quotes.open()) depth = 0;
  }
  return found;
}

void YamlDocument::report_unquoted_argument(int scalar_line, int line, std::size_t byte, std::size_t length) {
  const std::string_view content = line_text(line);
  SourceSpan at{file_, line + 1, column_of(line, static_cast<int>(byte)), static_cast<int>(length) + 1, ""};
  std::string message = "named argument '" + std::string(content.substr(byte, length)) +
                        ":' in an unquoted value, which YAML reads as a new key; ";
  const std::string_view whole = without_comment(line_text(scalar_line));
  const std::size_t start = value_start(whole);
  const bool one_line = scalar_line == line && start != std::string_view::npos && start > 0;
  const std::string_view value = one_line ? whole.substr(start) : std::string_view();
  if (one_line && value.find('\'') == std::string_view::npos && value.front() != '{' &&
      value.front() != '[') {
    std::string_view head = whole.substr(0, start);
    head.remove_prefix(std::min(head.size(), static_cast<std::size_t>(indentation_of(head))));
    while (head.substr(0, 2) == "- ") head.remove_prefix(2);
    message += "quote the expression: " + std::string(head) + "'" + std::string(value) + "'";
  } else {
    message +=
        "put the expression in single quotes ('...', writing '' for a quote inside) or in a block "
        "(key: | and the expression on the lines below)";
  }
  error(at, message);
}

}  // namespace cadence::pack_detail

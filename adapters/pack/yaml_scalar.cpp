// Where the parts of a YAML scalar's value sit in the file (YamlDocument::
// origin_of), so that an error inside an expression points at the exact line
// and column, whatever the scalar's style.
//
// YAML 1.2 §7.3 (flow scalars): a line break inside a plain or quoted scalar
// folds, with the blanks around it, into one space, or into n-1 line breaks
// when n > 1 breaks follow each other; in a single-quoted scalar '' is one
// quote; in a double-quoted scalar \ starts an escape and \ at the end of a
// line joins the next line without a space. §8.1 (block scalars): the content
// lines lose the block's indentation; `|` keeps line breaks, `>` folds a
// break between two lines that do not start with a blank into a space.
#include <algorithm>
#include <optional>
#include <utility>

#include "adapters/pack/yaml_document.h"

namespace cadence::pack_detail {
namespace {

// (offset in the value, offset in the file) pairs: from each one on, the
// value's bytes are a copy of the file's.
using Points = std::vector<std::pair<std::size_t, std::size_t>>;

bool is_blank_byte(char c) {
  return c == ' ' || c == '\t';
}

// The UTF-8 bytes of a code point written as \x, \u or \U in a double-quoted
// scalar.
std::string encode_utf8(char32_t c) {
  std::string out;
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
  return out;
}

// What the escape at file[at] ('\\') stands for, and its length in the file;
// nullopt for an escape YAML does not define.
std::optional<std::pair<std::string, std::size_t>> decode_escape(std::string_view file, std::size_t at) {
  if (at + 1 >= file.size()) return std::nullopt;
  const char kind = file[at + 1];
  std::size_t digits = kind == 'x' ? 2 : kind == 'u' ? 4 : kind == 'U' ? 8 : 0;
  if (digits > 0) {
    if (at + 2 + digits > file.size()) return std::nullopt;
    char32_t code_point = 0;
    for (std::size_t k = 0; k < digits; ++k) {
      const char c = file[at + 2 + k];
      const int digit = c >= '0' && c <= '9'   ? c - '0'
                        : c >= 'a' && c <= 'f' ? c - 'a' + 10
                        : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                               : -1;
      if (digit < 0) return std::nullopt;
      code_point = code_point * 16 + static_cast<char32_t>(digit);
    }
    return std::make_pair(encode_utf8(code_point), 2 + digits);
  }
  static const std::pair<char, std::string_view> kSimple[] = {{'0', std::string_view("\0", 1)},
                                                              {'a', "\a"},
                                                              {'b', "\b"},
                                                              {'t', "\t"},
                                                              {'\t', "\t"},
                                                              {'n', "\n"},
                                                              {'v', "\v"},
                                                              {'f', "\f"},
                                                              {'r', "\r"},
                                                              {'e', "\x1B"},
                                                              {' ', " "},
                                                              {'"', "\""},
                                                              {'/', "/"},
                                                              {'\\', "\\"},
                                                              {'N', "\xC2\x85"},
                                                              {'_', "\xC2\xA0"},
                                                              {'L', "\xE2\x80\xA8"},
                                                              {'P', "\xE2\x80\xA9"}};
  for (const auto& [letter, meaning] : kSimple) {
    if (letter == kind) return std::make_pair(std::string(meaning), std::size_t{2});
  }
  return std::nullopt;
}

// Walks a flow scalar's value against the file.
class FlowWalk {
 public:
  FlowWalk(std::string_view file, std::string_view value, std::size_t start)
      : file_(file), value_(value), j_(start) {
    mark();
  }

  // kPlain, or the quote character.
  std::optional<Points> run(char quote) {
    while (i_ < value_.size()) {
      if (j_ >= file_.size()) return std::nullopt;
      const char c = file_[j_];
      if (c == '\n' || c == '\r' || (is_blank_byte(c) && blanks_end_line())) {
        if (!fold()) return std::nullopt;
      } else if (quote == '\'' && c == '\'') {
        if (j_ + 1 >= file_.size() || file_[j_ + 1] != '\'' || value_[i_] != '\'') return std::nullopt;
        ++i_;
        j_ += 2;
        mark();
      } else if (quote == '"' && c == '"') {
        return std::nullopt;  // closed before the value ends
      } else if (quote == '"' && c == '\\') {
        if (!escape()) return std::nullopt;
      } else {
        if (c != value_[i_]) return std::nullopt;
        ++i_;
        ++j_;
      }
    }
    return points_;
  }

 private:
  void mark() { points_.emplace_back(i_, j_); }

  // Only blanks up to the end of the line from j_.
  bool blanks_end_line() const {
    std::size_t k = j_;
    while (k < file_.size() && is_blank_byte(file_[k])) ++k;
    return k < file_.size() && (file_[k] == '\n' || file_[k] == '\r');
  }

  bool fold() {
    std::size_t breaks = 0;
    while (j_ < file_.size() && (is_blank_byte(file_[j_]) || file_[j_] == '\r' || file_[j_] == '\n')) {
      if (file_[j_] == '\n') ++breaks;
      ++j_;
    }
    if (breaks == 0) return false;
    const std::string expected = breaks == 1 ? " " : std::string(breaks - 1, '\n');
    if (value_.substr(i_, expected.size()) != expected) return false;
    i_ += expected.size();
    mark();
    return true;
  }

  bool escape() {
    if (j_ + 1 < file_.size() && (file_[j_ + 1] == '\n' || file_[j_ + 1] == '\r')) {
      // An escaped line break: the next line joins without a space.
      j_ += 1;
      if (file_[j_] == '\r') ++j_;
      if (j_ < file_.size() && file_[j_] == '\n') ++j_;
      while (j_ < file_.size() && is_blank_byte(file_[j_])) ++j_;
      mark();
      return true;
    }
    auto decoded = decode_escape(file_, j_);
    if (!decoded || value_.substr(i_, decoded->first.size()) != decoded->first) return false;
    i_ += decoded->first.size();
    j_ += decoded->second;
    mark();
    return true;
  }

  std::string_view file_;
  std::string_view value_;
  std::size_t i_ = 0;
  std::size_t j_;
  Points points_;
};

// A block scalar's content lines: where each starts in the file (after the
// indentation), and its text; blank lines have no text.
struct BlockLine {
  std::size_t start = 0;
  std::string_view text;
  bool blank = false;
};

std::optional<Points> walk_block(std::string_view file, std::string_view value, std::size_t indicator) {
  const bool folded = file[indicator] == '>';
  std::size_t j = indicator + 1;
  while (j < file.size() && (file[j] == '+' || file[j] == '-')) ++j;
  if (j < file.size() && file[j] >= '1' && file[j] <= '9') return std::nullopt;  // explicit indentation
  j = file.find('\n', j);
  if (j == std::string_view::npos) return std::nullopt;
  ++j;
  std::vector<BlockLine> lines;
  std::size_t indent = std::string_view::npos;
  while (j < file.size()) {
    std::size_t end = std::min(file.find('\n', j), file.size());
    std::string_view line = file.substr(j, end - j);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const std::size_t spaces = std::min(line.find_first_not_of(' '), line.size());
    if (spaces == line.size()) {
      lines.push_back({j, {}, true});
    } else {
      if (indent == std::string_view::npos) indent = spaces;
      if (spaces < indent) break;
      lines.push_back({j + indent, line.substr(indent), false});
    }
    j = end + 1;
  }
  Points points;
  std::string out;
  std::size_t breaks = 0;  // blank lines since the last content line
  const BlockLine* previous = nullptr;
  for (const BlockLine& line : lines) {
    if (line.blank) {
      ++breaks;
      continue;
    }
    if (previous == nullptr) {
      out.append(breaks, '\n');
    } else if (folded && !is_blank_byte(previous->text.front()) && !is_blank_byte(line.text.front())) {
      if (breaks == 0) out += ' ';
      out.append(breaks, '\n');
    } else {
      out.append(breaks + 1, '\n');
    }
    breaks = 0;
    points.emplace_back(out.size(), line.start);
    out += line.text;
    previous = &line;
  }
  // Chomping only changes the final line breaks.
  auto without_final_breaks = [](std::string_view text) {
    while (!text.empty() && text.back() == '\n') text.remove_suffix(1);
    return text;
  };
  if (points.empty() || without_final_breaks(out) != without_final_breaks(value)) return std::nullopt;
  return points;
}

}  // namespace

int YamlDocument::line_of(std::size_t offset) const {
  auto after = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  return static_cast<int>(after - line_starts_.begin()) - 1;
}

lang::TextAnchor YamlDocument::anchor_at(std::size_t value_offset, std::size_t byte) const {
  const int line = line_of(byte);
  const auto byte_column = static_cast<int>(byte - line_starts_[static_cast<std::size_t>(line)]);
  return lang::TextAnchor{value_offset, line + 1, column_of(line, byte_column)};
}

lang::ExprOrigin YamlDocument::origin_of(const YAML::Node& value) const {
  lang::ExprOrigin where;
  where.origin = SourceSpan{file_, 0, 0, 1, ""};
  const YAML::Mark mark = value.Mark();
  if (mark.line < 0 || mark.pos < 0 || static_cast<std::size_t>(mark.pos) >= text_.size()) return where;
  const auto start = static_cast<std::size_t>(mark.pos);
  const char first = text_[start];
  const std::string& scalar = value.Scalar();
  std::optional<Points> points;
  std::size_t fallback = start;
  if (first == '|' || first == '>') {
    points = walk_block(text_, scalar, start);
    fallback = text_.find('\n', start);
    if (fallback != std::string::npos) {
      fallback = text_.find_first_not_of(" \r\n", fallback);
    }
    if (fallback == std::string::npos) fallback = start;
  } else if (first == '"' || first == '\'') {
    points = FlowWalk(text_, scalar, start + 1).run(first);
    fallback = start + 1;
  } else {
    points = FlowWalk(text_, scalar, start).run(' ');
  }
  if (!points) points = Points{{0, fallback}};
  for (const auto& [value_offset, byte] : *points) where.anchors.push_back(anchor_at(value_offset, byte));
  const lang::TextAnchor& head = where.anchors.front();
  where.origin = SourceSpan{file_, head.line, head.column, 1, ""};
  where.continuation_column = head.column;
  return where;
}

}  // namespace cadence::pack_detail

// The RFC 4180 tokenizer core: the one place that knows how CSV text splits
// into fields and lines, shared by the import reader (adapters/csv/
// csv_reader.cpp) and the calendar table (engine/calendar/calendar_table.cpp).
//
// RFC 4180: fields are separated by commas; a field in double quotes may hold
// commas, line breaks and "" for one quote. Line ends are CRLF, LF or a lone
// CR, inside quotes too (line numbers count them once each). The tokenizer
// walks text that is already UTF-8 and keeps the line and the start of the
// line it is on, so that every field can be given a line and a 1-based
// column in code points.
//
// It takes no decisions a reader differs on: whether a quote opens a field
// only as its first byte (the import) or also after blanks (the calendar),
// what text after a closing quote means (kept by the import, an error in the
// calendar), limits, comments and blank rows are the readers' own. So it
// reports and never throws; a reader calls it field by field:
//
//   CsvTokenizer tokens(text);
//   while (!tokens.at_end()) {
//     do {
//       if (tokens.peek() == '"') tokens.read_quoted(append, on_line_break);
//       append(tokens.read_unquoted());
//     } while (tokens.read_delimiter() == CsvTokenizer::Delimiter::kComma);
//   }
//
// Hot in the import (every byte of every export passes here): everything is
// inline and the callbacks are template parameters. Not thread-safe per
// object; objects are independent.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

#include "engine/core/utf8.h"

namespace cadence {

class CsvTokenizer {
 public:
  explicit CsvTokenizer(std::string_view text) : text_(text) {}

  std::string_view text() const { return text_; }
  std::size_t offset() const { return at_; }
  bool at_end() const { return at_ >= text_.size(); }
  char peek() const { return text_[at_]; }  // not at_end()
  int line() const { return line_; }       // 1-based
  std::size_t line_start() const { return line_start_; }
  // The 1-based code-point column of `offset`, on the current line.
  int column_of(std::size_t offset) const {
    return 1 + code_point_count(text_.substr(line_start_, offset - line_start_));
  }
  int column() const { return column_of(at_); }

  static bool ends_field(char c) { return kEndsField[static_cast<unsigned char>(c)]; }
  static bool is_blank(char c) { return c == ' ' || c == '\t'; }

  // Unquoted text from here up to the next ',' or line end (not consumed).
  // At most `max_bytes` + 1 bytes are scanned, so that a reader with a field
  // limit sees it exceeded without walking a huge line.
  std::string_view read_unquoted(std::size_t max_bytes = std::string_view::npos) {
    // A local pointer and count: the inner loop of every import.
    const char* const begin = text_.data() + at_;
    const std::size_t available = text_.size() - at_;
    const std::size_t scan = max_bytes < available ? max_bytes + 1 : available;
    std::size_t length = 0;
    while (length < scan && !ends_field(begin[length])) ++length;
    at_ += length;
    return std::string_view(begin, length);
  }

  void skip_blanks() {
    while (!at_end() && is_blank(text_[at_])) ++at_;
  }

  enum class Quoted { kClosed, kUnclosed, kStopped };

  // At an opening quote: reads through the matching closing quote. The value
  // goes to `append(std::string_view) -> bool` in pieces ("" arrives as one
  // quote); when append returns false reading stops (kStopped, a reader's
  // limit). `on_line_break()` is called after each line break inside the
  // field, with line() and line_start() already on the new line. Without a
  // closing quote nothing is appended and the text is consumed to its end
  // (kUnclosed; report it at the opening quote, noted before the call).
  template <typename Append, typename OnLineBreak>
  Quoted read_quoted(Append&& append, OnLineBreak&& on_line_break) {
    ++at_;
    while (true) {
      const std::size_t quote = text_.find('"', at_);
      if (quote == std::string_view::npos) {
        at_ = text_.size();
        return Quoted::kUnclosed;
      }
      const std::string_view segment = text_.substr(at_, quote - at_);
      for (std::size_t k = 0; k < segment.size(); ++k) {
        const std::size_t next = at_ + k + 1;
        if (segment[k] == '\n' || (segment[k] == '\r' && (next >= text_.size() || text_[next] != '\n'))) {
          ++line_;
          line_start_ = next;
          on_line_break();
        }
      }
      if (!append(segment)) return Quoted::kStopped;
      at_ = quote + 1;
      if (at_ < text_.size() && text_[at_] == '"') {  // "" is a literal quote
        if (!append(std::string_view("\""))) return Quoted::kStopped;
        ++at_;
        continue;
      }
      return Quoted::kClosed;
    }
  }

  enum class Delimiter { kComma, kLineEnd, kEnd };

  // Consumes the ',' or line end here; kEnd at the end of the text. Call it
  // only where a field ended (at_end() or ends_field(peek())).
  Delimiter read_delimiter() {
    if (at_end()) return Delimiter::kEnd;
    if (text_[at_] == ',') {
      ++at_;
      return Delimiter::kComma;
    }
    skip_line_end();
    return Delimiter::kLineEnd;
  }

  // The physical line from here to its line end (not consumed).
  std::string_view rest_of_line() const {
    std::size_t end = at_;
    while (end < text_.size() && text_[end] != '\n' && text_[end] != '\r') ++end;
    return text_.substr(at_, end - at_);
  }

  // Moves past the rest of the physical line and its line end.
  void skip_line() {
    at_ += rest_of_line().size();
    if (!at_end()) skip_line_end();
  }

 private:
  // The bytes that end an unquoted field: the delimiter and line ends.
  static constexpr std::array<bool, 256> kEndsField = [] {
    std::array<bool, 256> ends{};
    ends[static_cast<unsigned char>(',')] = true;
    ends[static_cast<unsigned char>('\n')] = true;
    ends[static_cast<unsigned char>('\r')] = true;
    return ends;
  }();

  void skip_line_end() {
    // CRLF, LF or a lone CR ends the line.
    if (text_[at_] == '\r' && at_ + 1 < text_.size() && text_[at_ + 1] == '\n') ++at_;
    ++at_;
    ++line_;
    line_start_ = at_;
  }

  std::string_view text_;
  std::size_t at_ = 0;
  std::size_t line_start_ = 0;
  int line_ = 1;
};

}  // namespace cadence

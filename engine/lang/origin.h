// Where the text of an expression (or a message template) sits in its file.
//
// A pack keeps every expression as text plus an ExprOrigin, so that the
// lexer, the parser and the template parser report file:line:column inside
// the YAML scalar. Two ways to place the text:
//  - `origin` and `continuation_column` alone: the text is a copy of the file
//    from `origin`; line k > 0 of the text (after its k-th '\n') starts at
//    column `continuation_column` of file line origin.line + k. Enough for a
//    one-line scalar and for a literal block (`|`).
//  - `anchors`: the text is YAML's value of a scalar whose bytes are not a
//    plain copy (quoted with escapes, folded over lines). Each anchor says
//    that the text from `offset` on sits at file `line`:`column`, up to the
//    next anchor; columns advance by code points in between.
// Lines and columns are 1-based, columns count code points (diagnostic.h).
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "engine/core/diagnostic.h"

namespace cadence::lang {

struct TextAnchor {
  std::size_t offset = 0;  // byte offset in the text
  int line = 0;
  int column = 0;
};

struct ExprOrigin {
  SourceSpan origin;                // file, line, column of the first character
  int continuation_column = 1;      // column of the first character of lines after the first
  std::vector<TextAnchor> anchors;  // sorted by offset; empty = the text is a copy of the file
};

// File coordinates of text[begin, end), in increasing offsets: one pass over
// the text however many spans are asked for. Offsets must not decrease from
// one call to the next (the lexer's order). The text must outlive it.
class Locator {
 public:
  Locator(const ExprOrigin& where, std::string_view text);
  // A span at text[begin], `length` code points of text[begin, end) (1 when
  // empty).
  SourceSpan span(std::size_t begin, std::size_t end);

 private:
  void advance_to(std::size_t offset);
  void apply_anchors();

  const ExprOrigin& where_;
  std::string_view text_;
  std::size_t next_anchor_ = 0;
  std::size_t from_ = 0;  // the offset whose position line_:column_ is
  int line_ = 0;
  int column_ = 0;
};

// The span of text[begin, end) (one-off; a Locator for many).
SourceSpan locate(const ExprOrigin& where, std::string_view text, std::size_t begin, std::size_t end);

// The origin of text.substr(offset): for a part of a text, e.g. the
// expression inside a message template's placeholder.
ExprOrigin origin_at(const ExprOrigin& where, std::string_view text, std::size_t offset);

}  // namespace cadence::lang

#include "engine/lang/origin.h"

#include <algorithm>

#include "engine/core/utf8.h"

namespace cadence::lang {

Locator::Locator(const ExprOrigin& where, std::string_view text)
    : where_(where), text_(text), line_(where.origin.line), column_(where.origin.column) {
  apply_anchors();
}

void Locator::apply_anchors() {
  while (next_anchor_ < where_.anchors.size() && where_.anchors[next_anchor_].offset <= from_) {
    line_ = where_.anchors[next_anchor_].line;
    column_ = where_.anchors[next_anchor_].column;
    ++next_anchor_;
  }
}

void Locator::advance_to(std::size_t offset) {
  offset = std::min(offset, text_.size());
  while (from_ < offset) {
    std::size_t stop = offset;
    if (next_anchor_ < where_.anchors.size()) stop = std::min(stop, where_.anchors[next_anchor_].offset);
    stop = std::min(stop, text_.find('\n', from_));
    column_ += code_point_count(text_.substr(from_, stop - from_));
    from_ = stop;
    if (from_ < offset && text_[from_] == '\n') {
      ++line_;
      column_ = where_.continuation_column;
      ++from_;
    }
    apply_anchors();
  }
}

SourceSpan Locator::span(std::size_t begin, std::size_t end) {
  advance_to(begin);
  SourceSpan span;
  span.file = where_.origin.file;
  span.line = line_;
  span.column = column_;
  const std::size_t stop = std::min(end, text_.size());
  span.length = stop > begin ? code_point_count(text_.substr(begin, stop - begin)) : 1;
  return span;
}

SourceSpan locate(const ExprOrigin& where, std::string_view text, std::size_t begin, std::size_t end) {
  return Locator(where, text).span(begin, end);
}

ExprOrigin origin_at(const ExprOrigin& where, std::string_view text, std::size_t offset) {
  ExprOrigin result;
  result.origin = locate(where, text, offset, offset);
  result.continuation_column = where.continuation_column;
  for (const TextAnchor& anchor : where.anchors) {
    if (anchor.offset > offset)
      result.anchors.push_back({anchor.offset - offset, anchor.line, anchor.column});
  }
  return result;
}

}  // namespace cadence::lang

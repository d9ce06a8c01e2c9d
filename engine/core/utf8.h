// Minimal UTF-8 walking for display purposes (caret alignment, column
// counting). Invalid bytes count as one code point each (U+FFFD), so a
// malformed line still renders.
#pragma once

#include <cstddef>
#include <string_view>

namespace cadence {

// Bytes of the UTF-8 sequence that starts at text[at] (1 to 4), or 0 when
// the bytes there are not a well-formed sequence (a lead byte without its
// continuation bytes, a stray continuation byte, a cut-off sequence). For
// walking and counting only: overlong forms and surrogates pass; input that
// must be valid UTF-8 is checked strictly (RFC 3629) where it is read
// (adapters/csv/text_encoding.h).
inline std::size_t code_point_bytes(std::string_view text, std::size_t at) {
  auto byte = static_cast<unsigned char>(text[at]);
  std::size_t length = byte < 0x80 ? 1 : (byte >> 5) == 0x6 ? 2 : (byte >> 4) == 0xE ? 3 : (byte >> 3) == 0x1E ? 4 : 0;
  if (length == 0 || at + length > text.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    if ((static_cast<unsigned char>(text[at + k]) & 0xC0) != 0x80) return 0;
  }
  return length;
}

template <typename Visit>
void for_each_code_point(std::string_view text, Visit visit) {
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t length = code_point_bytes(text, i);
    if (length == 0) {
      visit(char32_t{0xFFFD});
      ++i;
      continue;
    }
    auto byte = static_cast<unsigned char>(text[i]);
    char32_t code_point = length == 1 ? byte : byte & (0xFF >> (length + 1));
    for (std::size_t k = 1; k < length; ++k) code_point = (code_point << 6) | (text[i + k] & 0x3F);
    visit(code_point);
    i += length;
  }
}

// Number of code points; a column in a diagnostic counts these. The one
// counter of the code base: every column and span length goes through it.
inline int code_point_count(std::string_view text) {
  int count = 0;
  for_each_code_point(text, [&](char32_t) { ++count; });
  return count;
}

// East Asian Wide and Fullwidth ranges (UAX #11), the ones Chinese text uses.
inline bool is_wide(char32_t c) {
  return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) || (c >= 0x3041 && c <= 0x33FF) ||
         (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF) ||
         (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) ||
         (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
}

}  // namespace cadence

// Turning the bytes of a text file into UTF-8: the encodings real exports use.
//
// Excel on Chinese Windows saves CSV as GBK; other tools write UTF-8, with or
// without a byte-order mark. GB18030 is a superset of GBK, so one decoder
// covers both. Detection: strictly valid UTF-8 wins (a GBK file of Chinese
// text is practically never valid UTF-8); otherwise the whole file is
// converted from GB18030, all or nothing. A file that mixes UTF-8 lines and
// GBK lines is refused rather than half converted: GB18030 decodes almost any
// byte soup, so mixing is detected directly (a line of valid multi-byte UTF-8
// Chinese in a file that is otherwise not UTF-8).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "engine/core/diagnostic.h"

namespace cadence {

enum class TextEncoding { kUtf8, kUtf8Bom, kGb18030 };

// "UTF-8", "UTF-8 (BOM)", "GB18030" (the RawTable::encoding strings).
std::string_view to_string(TextEncoding encoding);

struct DecodedText {
  TextEncoding encoding = TextEncoding::kUtf8;
  std::string converted;   // the UTF-8 text when conversion was needed
  std::string_view text;   // the UTF-8 text: into `bytes` or into `converted`
};

// Offset of the first byte that breaks strict UTF-8 (overlong forms,
// surrogates and code points above U+10FFFF are invalid); npos if none.
std::size_t first_invalid_utf8(std::string_view bytes);

// Decodes `bytes`. On failure adds one error diagnostic to `diagnostics`
// (file, line of the first bad byte) and returns false. `out.text` may point
// into `bytes`, so `bytes` must outlive it. Refuses NUL bytes (binary files).
bool decode_text(std::string_view bytes, const std::string& file, DecodedText& out, Diagnostics& diagnostics);

}  // namespace cadence

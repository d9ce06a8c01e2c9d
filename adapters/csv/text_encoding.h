// Turning the bytes of a text file into UTF-8: the encodings real exports use.
//
// Excel on Chinese Windows saves CSV as GBK; other tools write UTF-8, with or
// without a byte-order mark. GB18030 is a superset of GBK, so one decoder
// covers both. A file is read in ONE encoding, all or nothing; a byte that
// is not valid in it refuses the file, naming that byte's line and column.
//
// The encoding is the user's (--encoding utf-8 | gb18030 | latin1) or is
// detected (auto), in this order:
//  1. a UTF-8 byte-order mark: UTF-8;
//  2. strictly valid UTF-8: UTF-8 (a GBK file of Chinese text is practically
//     never valid UTF-8);
//  3. otherwise GB18030 only when the file reads as GBK Chinese text:
//     (a) all of it decodes as GB18030; (b) at least 90% of its non-ASCII
//     characters are two-byte characters of the GB2312 area (both bytes
//     0xA1-0xFE) — Latin-1 accents next to ASCII letters read as rare
//     extension characters and fail this; (c) it is not mostly UTF-8: it
//     holds fewer valid UTF-8 multi-byte characters than bytes that are
//     not UTF-8 (a UTF-8 file with one stray Latin-1 byte fails this);
//     (d) no line is valid UTF-8 holding two or more characters of 3 bytes
//     (two exports in different encodings pasted together).
//  Anything else is refused at its first byte that is not UTF-8: GB18030
//  is never a silent fallback for a file that is mostly UTF-8 (issue 29:
//  "José" stored as "Jos茅"). Each refusal says to name the encoding when
//  the user knows it. A tiny GBK file (a few characters) can look mostly
//  UTF-8 by chance; it is then refused, never misread, and
//  --encoding gb18030 reads it.
#pragma once
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "engine/core/diagnostic.h"

namespace cadence {

enum class TextEncoding { kUtf8, kUtf8Bom, kGb18030, kLatin1 };

// "UTF-8", "UTF-8 (BOM)", "GB18030", "ISO-8859-1" (the RawTable::encoding
// strings).
std::string_view to_string(TextEncoding encoding);

// What the user asked for: detection, or one named encoding.
enum class EncodingChoice { kDetect, kUtf8, kGb18030, kLatin1 };

// "auto", "utf-8" (utf8), "gb18030" (gbk, gb2312), "latin1" (iso-8859-1),
// ASCII case-insensitive; nullopt for anything else.
std::optional<EncodingChoice> parse_encoding_choice(std::string_view name);

struct DecodedText {
  TextEncoding encoding = TextEncoding::kUtf8;
  std::string converted;   // the UTF-8 text when conversion was needed
  std::string_view text;   // the UTF-8 text: into `bytes` or into `converted`
};

// Offset of the first byte that breaks strict UTF-8 (overlong forms,
// surrogates and code points above U+10FFFF are invalid); npos if none.
std::size_t first_invalid_utf8(std::string_view bytes);

// Decodes `bytes` as `choice` says (see above). On failure adds one error
// diagnostic to `diagnostics` (file, line and column of the first bad byte,
// the column in characters) and returns false. `out.text` may point into
// `bytes`, so `bytes` must outlive it. Refuses NUL bytes (binary files)
// whatever the encoding. A named UTF-8 skips a byte-order mark; Latin-1
// (ISO-8859-1) maps every other byte.
bool decode_text(std::string_view bytes, const std::string& file, EncodingChoice choice, DecodedText& out,
                 Diagnostics& diagnostics);
inline bool decode_text(std::string_view bytes, const std::string& file, DecodedText& out, Diagnostics& diagnostics) {
  return decode_text(bytes, file, EncodingChoice::kDetect, out, diagnostics);
}

}  // namespace cadence

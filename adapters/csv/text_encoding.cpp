#include "adapters/csv/text_encoding.h"

#include <iconv.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>

namespace cadence {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// 1-based line of a byte offset.
int line_of(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

std::size_t line_start_of(std::string_view text, std::size_t offset) {
  const std::size_t newline = text.substr(0, offset).rfind('\n');
  return newline == std::string_view::npos ? 0 : newline + 1;
}

// Characters before `offset` on its line, in text that is valid UTF-8 up
// to `offset`: the bytes that are not continuation bytes.
int utf8_column_of(std::string_view text, std::size_t offset) {
  int column = 1;
  for (std::size_t at = line_start_of(text, offset); at < offset; ++at) {
    if ((static_cast<unsigned char>(text[at]) & 0xC0) != 0x80) ++column;
  }
  return column;
}

// The same for GB18030 text valid up to `offset`: one character is one
// byte below 0x80, four bytes when the second is a digit, else two.
int gb18030_column_of(std::string_view text, std::size_t offset) {
  int column = 1;
  for (std::size_t at = line_start_of(text, offset); at < offset; ++column) {
    const auto lead = static_cast<unsigned char>(text[at]);
    if (lead < 0x80) {
      at += 1;
    } else if (at + 1 < text.size() && text[at + 1] >= '0' && text[at + 1] <= '9') {
      at += 4;
    } else {
      at += 2;
    }
  }
  return column;
}

std::string hex_byte(std::string_view text, std::size_t offset) {
  constexpr char kDigits[] = "0123456789ABCDEF";
  const auto byte = static_cast<unsigned char>(text[offset]);
  return std::string("0x") + kDigits[byte >> 4] + kDigits[byte & 0xF];
}

// Length of the valid UTF-8 sequence at text[at], 0 if invalid.
std::size_t utf8_sequence_length(std::string_view text, std::size_t at) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[at + k]); };
  unsigned char lead = byte(0);
  if (lead < 0x80) return 1;
  std::size_t length = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  // RFC 3629 table 3-7: the second byte's range depends on the lead byte.
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  if (at + length > text.size()) return 0;
  if (byte(1) < low || byte(1) > high) return 0;
  for (std::size_t k = 2; k < length; ++k) {
    if (byte(k) < 0x80 || byte(k) > 0xBF) return 0;
  }
  return length;
}

// Line (1-based) of a line that is valid UTF-8 holding at least two
// characters of 3 or more bytes (Chinese text), in a file that is not valid
// UTF-8; 0 if there is none. GBK text forms such a line by accident only
// with negligible probability.
int first_strong_utf8_line(std::string_view bytes) {
  int line = 1;
  std::size_t start = 0;
  while (start <= bytes.size()) {
    std::size_t end = bytes.find('\n', start);
    if (end == std::string_view::npos) end = bytes.size();
    std::string_view text = bytes.substr(start, end - start);
    int wide = 0;
    bool valid = true;
    for (std::size_t at = 0; at < text.size();) {
      std::size_t length = utf8_sequence_length(text, at);
      if (length == 0) {
        valid = false;
        break;
      }
      if (length >= 3) ++wide;
      at += length;
    }
    if (valid && wide >= 2) return line;
    if (end == bytes.size()) break;
    start = end + 1;
    ++line;
  }
  return 0;
}

// Converts all of `bytes` from GB18030; on failure returns the offset of the
// byte the converter stopped at.
bool convert_gb18030(std::string_view bytes, std::string& out, std::size_t& bad_offset) {
  iconv_t converter = iconv_open("UTF-8", "GB18030");
  if (converter == reinterpret_cast<iconv_t>(-1)) {
    bad_offset = 0;
    return false;
  }
  // GB18030 → UTF-8 grows at most 2x (2-byte GBK → 3-byte UTF-8; 4-byte → 4).
  out.resize(bytes.size() * 2 + 16);
  // iconv's interface takes char** for input it does not modify.
  char* in = const_cast<char*>(bytes.data());
  std::size_t in_left = bytes.size();
  char* dest = out.data();
  std::size_t out_left = out.size();
  bool ok = true;
  while (in_left > 0) {
    std::size_t result = iconv(converter, &in, &in_left, &dest, &out_left);
    if (result == static_cast<std::size_t>(-1)) {
      if (errno == E2BIG) {
        std::size_t used = out.size() - out_left;
        out.resize(out.size() * 2);
        dest = out.data() + used;
        out_left = out.size() - used;
        continue;
      }
      ok = false;
      break;
    }
  }
  if (ok) {
    out.resize(out.size() - out_left);
  } else {
    bad_offset = static_cast<std::size_t>(in - bytes.data());
    out.clear();
    out.shrink_to_fit();
  }
  iconv_close(converter);
  return ok;
}

// Counts of the evidence for detection (text_encoding.h, rule 3): valid
// UTF-8 multi-byte characters, and bytes that start no valid UTF-8
// character (each counted, scanning on byte by byte).
struct Utf8Evidence {
  std::size_t valid_multibyte = 0;
  std::size_t invalid_bytes = 0;
};

Utf8Evidence utf8_evidence(std::string_view bytes) {
  Utf8Evidence evidence;
  for (std::size_t at = 0; at < bytes.size();) {
    if (static_cast<unsigned char>(bytes[at]) < 0x80) {
      ++at;
      continue;
    }
    const std::size_t length = utf8_sequence_length(bytes, at);
    if (length == 0) {
      ++evidence.invalid_bytes;
      ++at;
    } else {
      ++evidence.valid_multibyte;
      at += length;
    }
  }
  return evidence;
}

// Rule 3(b): GB2312-area characters (both bytes 0xA1-0xFE) are at least 90%
// of the non-ASCII characters of bytes that decode as GB18030.
bool reads_as_gbk_chinese(std::string_view bytes) {
  std::size_t characters = 0;
  std::size_t gb2312 = 0;
  for (std::size_t at = 0; at < bytes.size();) {
    const auto lead = static_cast<unsigned char>(bytes[at]);
    if (lead < 0x80) {
      ++at;
      continue;
    }
    ++characters;
    if (at + 1 >= bytes.size()) break;
    const auto trail = static_cast<unsigned char>(bytes[at + 1]);
    if (trail >= '0' && trail <= '9') {
      at += 4;
      continue;
    }
    if (lead >= 0xA1 && lead <= 0xFE && trail >= 0xA1 && trail <= 0xFE) ++gb2312;
    at += 2;
  }
  return characters == 0 || gb2312 * 10 >= characters * 9;
}

std::string counted(std::size_t count, std::string_view noun) {
  return std::to_string(count) + " " + std::string(noun) + (count == 1 ? "" : "s");
}

const char* const kNameIt = "if you know the file's encoding, name it with --encoding (utf-8, gb18030, latin1)";

bool refuse_utf8(std::string_view text, std::size_t bad, const std::string& file, std::string_view why,
                 Diagnostics& diagnostics) {
  diagnostics.error({file, line_of(text, bad), utf8_column_of(text, bad), 1, {}},
                    "not valid UTF-8: byte " + hex_byte(text, bad) + " here is not part of a UTF-8 character " +
                        std::string(why));
  return false;
}

bool decode_utf8(std::string_view bytes, const std::string& file, std::string_view why, DecodedText& out,
                 Diagnostics& diagnostics) {
  const bool bom = bytes.starts_with(kBom);
  std::string_view text = bom ? bytes.substr(kBom.size()) : bytes;
  if (std::size_t bad = first_invalid_utf8(text); bad != std::string_view::npos) {
    return refuse_utf8(text, bad, file, why, diagnostics);
  }
  out.encoding = bom ? TextEncoding::kUtf8Bom : TextEncoding::kUtf8;
  out.text = text;
  return true;
}

bool decode_gb18030(std::string_view bytes, const std::string& file, DecodedText& out, Diagnostics& diagnostics) {
  std::size_t bad = 0;
  if (!convert_gb18030(bytes, out.converted, bad)) {
    diagnostics.error({file, line_of(bytes, bad), gb18030_column_of(bytes, bad), 1, {}},
                      "not valid GB18030: byte " + hex_byte(bytes, std::min(bad, bytes.size() - 1)) +
                          " here does not start a GB18030 character (--encoding gb18030)");
    return false;
  }
  out.encoding = TextEncoding::kGb18030;
  out.text = out.converted;
  return true;
}

// ISO-8859-1: byte b is U+00bb.
void decode_latin1(std::string_view bytes, DecodedText& out) {
  out.converted.clear();
  out.converted.reserve(bytes.size() + bytes.size() / 4);
  for (char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x80) {
      out.converted.push_back(c);
    } else {
      out.converted.push_back(static_cast<char>(0xC0 | (byte >> 6)));
      out.converted.push_back(static_cast<char>(0x80 | (byte & 0x3F)));
    }
  }
  out.encoding = TextEncoding::kLatin1;
  out.text = out.converted;
}

}  // namespace

std::string_view to_string(TextEncoding encoding) {
  switch (encoding) {
    case TextEncoding::kUtf8: return "UTF-8";
    case TextEncoding::kUtf8Bom: return "UTF-8 (BOM)";
    case TextEncoding::kGb18030: return "GB18030";
    case TextEncoding::kLatin1: return "ISO-8859-1";
  }
  return "?";
}

std::optional<EncodingChoice> parse_encoding_choice(std::string_view name) {
  std::string lower(name);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  if (lower == "auto") return EncodingChoice::kDetect;
  if (lower == "utf-8" || lower == "utf8") return EncodingChoice::kUtf8;
  if (lower == "gb18030" || lower == "gbk" || lower == "gb2312") return EncodingChoice::kGb18030;
  if (lower == "latin1" || lower == "latin-1" || lower == "iso-8859-1") return EncodingChoice::kLatin1;
  return std::nullopt;
}

std::size_t first_invalid_utf8(std::string_view bytes) {
  std::size_t at = 0;
  const std::size_t size = bytes.size();
  while (at < size) {
    // Fast path: runs of ASCII, 8 bytes at a time.
    while (at + 8 <= size) {
      uint64_t word = 0;
      std::memcpy(&word, bytes.data() + at, 8);
      if ((word & 0x8080808080808080ULL) != 0) break;
      at += 8;
    }
    if (at >= size) break;
    std::size_t length = utf8_sequence_length(bytes, at);
    if (length == 0) return at;
    at += length;
  }
  return std::string_view::npos;
}

bool decode_text(std::string_view bytes, const std::string& file, EncodingChoice choice, DecodedText& out,
                 Diagnostics& diagnostics) {
  if (std::size_t nul = bytes.find('\0'); nul != std::string_view::npos) {
    diagnostics.error({file, line_of(bytes, nul), 0, 1, {}},
                      "contains a NUL byte: this is a binary file, not CSV text");
    return false;
  }
  switch (choice) {
    case EncodingChoice::kUtf8: return decode_utf8(bytes, file, "(--encoding utf-8)", out, diagnostics);
    case EncodingChoice::kGb18030: return decode_gb18030(bytes, file, out, diagnostics);
    case EncodingChoice::kLatin1: decode_latin1(bytes, out); return true;
    case EncodingChoice::kDetect: break;
  }
  // Rules 1 and 2.
  if (bytes.starts_with(kBom)) {
    return decode_utf8(bytes, file, "(the file starts with a UTF-8 byte-order mark; " + std::string(kNameIt) + ")", out,
                       diagnostics);
  }
  const std::size_t bad = first_invalid_utf8(bytes);
  if (bad == std::string_view::npos) {
    out.encoding = TextEncoding::kUtf8;
    out.text = bytes;
    return true;
  }
  // Rule 3.
  const Utf8Evidence evidence = utf8_evidence(bytes);
  if (evidence.valid_multibyte >= evidence.invalid_bytes) {
    return refuse_utf8(bytes, bad, file,
                       "(the file is otherwise mostly UTF-8: " + counted(evidence.valid_multibyte, "UTF-8 character") +
                           " beyond ASCII, " + counted(evidence.invalid_bytes, "bad byte") + "; " + kNameIt + ")",
                       diagnostics);
  }
  if (int mixed_line = first_strong_utf8_line(bytes); mixed_line != 0) {
    return refuse_utf8(bytes, bad, file,
                       "(yet line " + std::to_string(mixed_line) +
                           " is UTF-8 Chinese text: two encodings in one file? " + kNameIt + ")",
                       diagnostics);
  }
  std::size_t gb18030_bad = 0;
  if (!reads_as_gbk_chinese(bytes) || !convert_gb18030(bytes, out.converted, gb18030_bad)) {
    out.converted.clear();
    return refuse_utf8(bytes, bad, file, "(nor is the file GBK/GB18030 Chinese text; " + std::string(kNameIt) + ")",
                       diagnostics);
  }
  out.encoding = TextEncoding::kGb18030;
  out.text = out.converted;
  return true;
}

}  // namespace cadence

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

}  // namespace

std::string_view to_string(TextEncoding encoding) {
  switch (encoding) {
    case TextEncoding::kUtf8: return "UTF-8";
    case TextEncoding::kUtf8Bom: return "UTF-8 (BOM)";
    case TextEncoding::kGb18030: return "GB18030";
  }
  return "?";
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

bool decode_text(std::string_view bytes, const std::string& file, DecodedText& out, Diagnostics& diagnostics) {
  if (std::size_t nul = bytes.find('\0'); nul != std::string_view::npos) {
    diagnostics.error({file, line_of(bytes, nul), 0, 1, {}},
                      "contains a NUL byte: this is a binary file, not CSV text");
    return false;
  }
  if (bytes.starts_with(kBom)) {
    std::string_view text = bytes.substr(kBom.size());
    if (std::size_t bad = first_invalid_utf8(text); bad != std::string_view::npos) {
      diagnostics.error({file, line_of(text, bad), 0, 1, {}},
                        "not valid UTF-8 text although it starts with a UTF-8 byte-order mark (first bad byte at line " +
                            std::to_string(line_of(text, bad)) + ")");
      return false;
    }
    out.encoding = TextEncoding::kUtf8Bom;
    out.text = text;
    return true;
  }
  std::size_t bad = first_invalid_utf8(bytes);
  if (bad == std::string_view::npos) {
    out.encoding = TextEncoding::kUtf8;
    out.text = bytes;
    return true;
  }
  auto refuse = [&](int line) {
    diagnostics.error({file, line, 0, 1, {}},
                      "not valid UTF-8 or GB18030 text (first bad byte at line " + std::to_string(line) + ")");
    return false;
  };
  if (int mixed_line = first_strong_utf8_line(bytes); mixed_line != 0) {
    // Mixed encodings: report whichever kind of line comes second.
    int invalid_line = line_of(bytes, bad);
    return refuse(std::max(mixed_line, invalid_line));
  }
  std::size_t bad_offset = 0;
  if (!convert_gb18030(bytes, out.converted, bad_offset)) return refuse(line_of(bytes, bad_offset));
  out.encoding = TextEncoding::kGb18030;
  out.text = out.converted;
  return true;
}

}  // namespace cadence

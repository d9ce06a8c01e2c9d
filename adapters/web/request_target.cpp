#include "adapters/web/request_target.h"

#include <cstdint>


namespace cadence::web {
namespace {

constexpr std::size_t kMaxTarget = 4096;
constexpr std::size_t kMaxParameters = 64;

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Strict UTF-8: no overlong forms, surrogates or code points past U+10FFFF.
bool is_valid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    int length = 0;
    uint32_t code = 0;
    if (lead < 0x80) {
      ++i;
      continue;
    } else if ((lead & 0xe0) == 0xc0) {
      length = 2;
      code = lead & 0x1f;
    } else if ((lead & 0xf0) == 0xe0) {
      length = 3;
      code = lead & 0x0f;
    } else if ((lead & 0xf8) == 0xf0) {
      length = 4;
      code = lead & 0x07;
    } else {
      return false;
    }
    if (i + static_cast<std::size_t>(length) > text.size()) return false;
    for (int k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + static_cast<std::size_t>(k)]);
      if ((next & 0xc0) != 0x80) return false;
      code = (code << 6) | (next & 0x3f);
    }
    static constexpr uint32_t kMinimum[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code < kMinimum[length] || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return false;
    i += static_cast<std::size_t>(length);
  }
  return true;
}

// Decodes %XX (and '+' as space in query and form text). Refuses control
// characters (tab included) and text that is not UTF-8.
std::optional<std::string> decode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size()) return std::nullopt;
      int high = hex_digit(text[i + 1]);
      int low = hex_digit(text[i + 2]);
      if (high < 0 || low < 0) return std::nullopt;
      c = static_cast<char>(high * 16 + low);
      i += 2;
    } else if (c == '+' && plus_is_space) {
      c = ' ';
    }
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) return std::nullopt;
    out.push_back(c);
  }
  if (!is_valid_utf8(out)) return std::nullopt;
  return out;
}

bool parse_pairs(std::string_view text, Parameters& out) {
  std::size_t count = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('&', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view pair = text.substr(start, end - start);
    if (!pair.empty()) {
      if (++count > kMaxParameters) return false;
      std::size_t equals = pair.find('=');
      auto name = decode(pair.substr(0, equals), true);
      auto value = decode(equals == std::string_view::npos ? std::string_view() : pair.substr(equals + 1), true);
      if (!name || !value) return false;
      out.emplace(std::move(*name), std::move(*value));
    }
    start = end + 1;
  }
  return true;
}

}  // namespace

std::optional<RequestTarget> parse_target(std::string_view target) {
  if (target.empty() || target.size() > kMaxTarget || target.front() != '/') return std::nullopt;
  RequestTarget out;
  std::size_t question = target.find('?');
  std::string_view path = target.substr(0, question);
  if (question != std::string_view::npos && !parse_pairs(target.substr(question + 1), out.query)) return std::nullopt;
  if (path.find('#') != std::string_view::npos) return std::nullopt;
  std::size_t start = 1;
  while (start < path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    auto segment = decode(path.substr(start, end - start), false);
    // "//", "/./" and "/../" name nothing here; a decoded '/' or '\' would
    // let a segment smuggle a path.
    if (!segment || segment->empty() || *segment == "." || *segment == ".." ||
        segment->find_first_of("/\\") != std::string::npos) {
      // A single trailing slash ("/org/O1/") is allowed.
      if (segment && segment->empty() && end == path.size()) break;
      return std::nullopt;
    }
    out.segments.push_back(std::move(*segment));
    start = end + 1;
  }
  return out;
}

std::optional<Parameters> parse_form(std::string_view body) {
  Parameters out;
  if (!parse_pairs(body, out)) return std::nullopt;
  return out;
}

std::string cookie_value(std::string_view header, std::string_view name) {
  std::size_t start = 0;
  while (start < header.size()) {
    std::size_t end = header.find(';', start);
    if (end == std::string_view::npos) end = header.size();
    std::string_view pair = header.substr(start, end - start);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    std::size_t equals = pair.find('=');
    if (equals != std::string_view::npos && pair.substr(0, equals) == name) {
      return std::string(pair.substr(equals + 1));
    }
    start = end + 1;
  }
  return "";
}

std::string url_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') || (byte >= '0' && byte <= '9') || c == '-' ||
        c == '.' || c == '_' || c == '~') {
      out.push_back(c);
    } else {
      out.push_back('%');
      out.push_back(kHex[byte >> 4]);
      out.push_back(kHex[byte & 15]);
    }
  }
  return out;
}

}  // namespace cadence::web

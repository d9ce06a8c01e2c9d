// Fuzz target: what a web client sends — the request target (path and
// query), a form body and a Cookie header (adapters/web/request_target.h).
// Besides not crashing, a parsed target must never carry a segment that
// could name a path: empty, ".", "..", or with a slash, backslash or control
// character.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "adapters/web/request_target.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (auto target = cadence::web::parse_target(text)) {
    for (const auto& segment : target->segments) {
      if (segment.empty() || segment == "." || segment == ".." || segment.find_first_of("/\\") != std::string::npos) {
        std::abort();
      }
      for (char c : segment) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) std::abort();
      }
    }
  }
  (void)cadence::web::parse_form(text);
  (void)cadence::web::cookie_value(text, "cadence_session");
  (void)cadence::web::url_encode(text);
  return 0;
}

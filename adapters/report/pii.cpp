#include "adapters/report/pii.h"

#include <cstddef>

namespace cadence {
namespace {

constexpr std::size_t kVisibleTail = 4;

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_check_x(char c) { return c == 'X' || c == 'x'; }

// Length of the ID-card number starting at `at` (which starts a digit run),
// or 0 when the run there is not one.
std::size_t id_length_at(std::string_view text, std::size_t at) {
  std::size_t end = at;
  while (end < text.size() && is_digit(text[end])) ++end;
  const std::size_t run = end - at;
  if (run == 18 || run == 15) return run;
  // GB 11643: the 18th character is a check code 0-9 or X.
  if (run == 17 && end < text.size() && is_check_x(text[end]) &&
      (end + 1 == text.size() || !is_digit(text[end + 1]))) {
    return 18;
  }
  return 0;
}

}  // namespace

bool is_id_number(std::string_view text) {
  return !text.empty() && is_digit(text[0]) && id_length_at(text, 0) == text.size();
}

std::string mask_id_numbers(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t at = 0;
  while (at < text.size()) {
    if (!is_digit(text[at])) {
      out += text[at++];
      continue;
    }
    // `at` starts a digit run (the previous byte, if any, is not a digit).
    const std::size_t length = id_length_at(text, at);
    if (length > 0) {
      out.append(length - kVisibleTail, '*');
      out.append(text.substr(at + length - kVisibleTail, kVisibleTail));
      at += length;
      continue;
    }
    while (at < text.size() && is_digit(text[at])) out += text[at++];
  }
  return out;
}

}  // namespace cadence

#include "adapters/report/pii.h"

#include <cstring>

namespace cadence {
namespace {

constexpr std::size_t kVisibleTail = 4;
constexpr std::size_t kShortestId = 15;
constexpr std::size_t kLongestId = 18;
constexpr std::size_t kBufferSize = std::size_t{1} << 16;

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_check_x(char c) { return c == 'X' || c == 'x'; }

// Length of the ID-card number starting at `at` (which starts a digit run),
// or 0 when the run there is not one. `digit_after`: the byte after the
// text (not yet masked, held back by a stream) is a digit.
std::size_t id_length_at(const char* text, std::size_t size, std::size_t at, bool digit_after = false) {
  std::size_t end = at;
  while (end < size && is_digit(text[end])) ++end;
  const std::size_t run = end - at;
  if (run == 18 || run == 15) return run;
  // GB 11643: the 18th character is a check code 0-9 or X.
  if (run == 17 && end < size && is_check_x(text[end]) &&
      (end + 1 == size ? !digit_after : !is_digit(text[end + 1]))) {
    return 18;
  }
  return 0;
}

void mask_at(char* text, std::size_t at, std::size_t length) {
  std::memset(text + at, '*', length - kVisibleTail);
}

// How many bytes at the end of [text, text + size) the next write could
// still turn into (part of) an ID number: a trailing run of up to 18
// digits, or 17 digits and a check X (a digit after the X would undo it).
std::size_t held_back(const char* text, std::size_t size) {
  std::size_t end = size;
  if (end > 0 && is_check_x(text[end - 1])) --end;
  std::size_t start = end;
  while (start > 0 && is_digit(text[start - 1])) --start;
  const std::size_t run = end - start;
  if (end < size) return run == 17 ? size - start : 0;  // "…X": only 17 digits and X may change
  return run <= kLongestId ? run : 0;
}

}  // namespace

namespace {

// mask_id_numbers_in_place, for a text followed by a digit when `digit_after`.
void mask_range(char* text, std::size_t size, bool after_digit, bool digit_after) {
  std::size_t at = 0;
  if (after_digit) {
    while (at < size && is_digit(text[at])) ++at;  // the rest of a run begun earlier
  }
  // Invariant: no digit run that starts before `at` reaches `at`. A number
  // has at least 15 characters, so a run starting in [at, at + 14] holds
  // at + 14: when that byte is not a digit, all 15 positions are skipped.
  while (at + kShortestId <= size) {
    const std::size_t probe = at + kShortestId - 1;
    if (!is_digit(text[probe])) {
      at = probe + 1;
      continue;
    }
    std::size_t start = probe;
    while (start > at && is_digit(text[start - 1])) --start;
    if (start > at) {
      // A non-digit before `start`: no run from [at, start) reaches the
      // probe. Probe again from the run at `start` (most runs in reports —
      // ids, periods, values — are shorter than 15 and are skipped so).
      at = start;
      continue;
    }
    const std::size_t length = id_length_at(text, size, start, digit_after);
    if (length > 0) {
      mask_at(text, start, length);
      at = start + length;
      continue;
    }
    at = start;
    while (at < size && is_digit(text[at])) ++at;
  }
}

}  // namespace

void mask_id_numbers_in_place(char* text, std::size_t size, bool after_digit) {
  mask_range(text, size, after_digit, false);
}

bool is_id_number(std::string_view text) {
  return !text.empty() && is_digit(text[0]) && id_length_at(text.data(), text.size(), 0) == text.size();
}

std::string mask_id_numbers(std::string_view text) {
  std::string out(text);
  mask_id_numbers_in_place(out.data(), out.size(), false);
  return out;
}

MaskingStreambuf::MaskingStreambuf(std::streambuf* target) : target_(target), buffer_(kBufferSize) {
  setp(buffer_.data(), buffer_.data() + buffer_.size());
}

MaskingStreambuf::~MaskingStreambuf() { finish(); }

bool MaskingStreambuf::drain(bool all) {
  char* const begin = pbase();
  const auto size = static_cast<std::size_t>(pptr() - begin);
  const std::size_t kept = all ? 0 : held_back(begin, size);
  const std::size_t ready = size - kept;
  if (ready > 0) {
    // What is held back starts with a digit: a check X just before it is
    // followed by a digit, so it does not end an ID number.
    mask_range(begin, ready, after_digit_, kept > 0);
    if (!failed_ && target_->sputn(begin, static_cast<std::streamsize>(ready)) != static_cast<std::streamsize>(ready)) {
      failed_ = true;
    }
    after_digit_ = is_digit(begin[ready - 1]);
    std::memmove(begin, begin + ready, kept);
  }
  setp(buffer_.data(), buffer_.data() + buffer_.size());
  pbump(static_cast<int>(kept));
  return !failed_;
}

MaskingStreambuf::int_type MaskingStreambuf::overflow(int_type c) {
  if (!drain(false)) return traits_type::eof();
  if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
  // At most 18 bytes are held back, so the buffer has room now.
  *pptr() = traits_type::to_char_type(c);
  pbump(1);
  return c;
}

int MaskingStreambuf::sync() {
  if (!drain(false)) return -1;
  return target_->pubsync() == 0 ? 0 : -1;
}

bool MaskingStreambuf::finish() {
  drain(true);
  if (target_->pubsync() != 0) failed_ = true;
  return !failed_;
}

MaskedOstream::MaskedOstream(std::ostream& target)
    : std::ostream(nullptr), target_(target), masking_(target.rdbuf()) {
  // Already masking (the program's standard output): no second pass.
  const bool masks = dynamic_cast<MaskingStreambuf*>(target.rdbuf()) != nullptr;
  rdbuf(masks ? target.rdbuf() : &masking_);
}

MaskedOstream::~MaskedOstream() { finish(); }

void MaskedOstream::finish() {
  if (finished_) return;
  finished_ = true;
  flush();
  const bool written = rdbuf() == &masking_ ? masking_.finish() : !fail();
  if (!written || fail()) target_.setstate(std::ios::badbit);
}

}  // namespace cadence

// A finding's message: immutable text in one allocation, 8 bytes in the
// finding.
//
// Half a million findings at M are written to fresh memory, and the first
// write to a fresh page is most of what a finding costs on the machines
// cadence is measured on: a std::string (32 bytes, empty in the findings
// file's scores-only mode) was a fifth of each 160-byte finding. The text
// is kept out of line behind one pointer, its length in front of it; an
// empty message allocates nothing.
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>

namespace cadence {

class MessageText {
 public:
  MessageText() = default;
  MessageText(std::string_view text) {
    assign(text);
  }  // NOLINT(google-explicit-constructor): a text is a message
  MessageText(const std::string& text)
      : MessageText(std::string_view(text)) {}  // NOLINT(google-explicit-constructor)
  MessageText(const char* text)
      : MessageText(std::string_view(text)) {}  // NOLINT(google-explicit-constructor)
  MessageText(const MessageText& other) { assign(other.view()); }
  MessageText(MessageText&&) noexcept = default;
  MessageText& operator=(const MessageText& other) {
    if (this != &other) assign(other.view());
    return *this;
  }
  MessageText& operator=(MessageText&&) noexcept = default;
  ~MessageText() = default;

  std::string_view view() const {
    if (!block_) return {};
    uint32_t size = 0;
    std::memcpy(&size, block_.get(), sizeof size);
    return {block_.get() + sizeof size, size};
  }
  operator std::string_view() const { return view(); }  // NOLINT(google-explicit-constructor)
  std::string str() const { return std::string(view()); }
  bool empty() const { return !block_; }
  std::size_t size() const { return view().size(); }

  friend bool operator==(const MessageText& a, const MessageText& b) { return a.view() == b.view(); }
  friend bool operator==(const MessageText& a, std::string_view b) { return a.view() == b; }
  friend bool operator==(const MessageText& a, const std::string& b) { return a.view() == b; }
  friend bool operator==(const MessageText& a, const char* b) { return a.view() == std::string_view(b); }
  friend std::ostream& operator<<(std::ostream& out, const MessageText& text) { return out << text.view(); }

 private:
  void assign(std::string_view text) {
    if (text.empty()) {
      block_.reset();
      return;
    }
    const auto size = static_cast<uint32_t>(text.size());
    block_ = std::make_unique_for_overwrite<char[]>(sizeof size + text.size());
    std::memcpy(block_.get(), &size, sizeof size);
    std::memcpy(block_.get() + sizeof size, text.data(), text.size());
  }

  std::unique_ptr<char[]> block_;  // uint32_t length, then the bytes; null when empty
};

}  // namespace cadence

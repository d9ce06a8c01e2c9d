// A finding's message: immutable text, 8 bytes in the finding.
//
// Half a million findings at M are written to fresh memory, and the first
// write to a fresh page is most of what a finding costs on the machines
// cadence is measured on: a std::string (32 bytes, empty in the findings
// file's scores-only mode) was a fifth of each 160-byte finding. The text
// is kept out of line behind one pointer; an empty message allocates
// nothing.
//
// The messages of one batch of findings are written into shared blocks
// (MessageBlocks): a malloc per message was a tenth of the evaluation's
// instructions with messages, and its chunk headers a fifth of the bytes.
// A block counts the messages that point into it, and the last one frees
// it, so a message copied out of its finding (an explanation, a test)
// keeps its text alive; messages copy in O(1).
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>
#include <ostream>
#include <string>
#include <string_view>

namespace cadence {

class MessageBlocks;

class MessageText {
 public:
  MessageText() = default;
  // A text is a message (in a block of its own).
  MessageText(std::string_view text);    // NOLINT(google-explicit-constructor)
  MessageText(const std::string& text);  // NOLINT(google-explicit-constructor)
  MessageText(const char* text);         // NOLINT(google-explicit-constructor)
  MessageText(const MessageText& other) : entry_(other.entry_) { retain(); }
  MessageText(MessageText&& other) noexcept : entry_(other.entry_) { other.entry_ = nullptr; }
  MessageText& operator=(const MessageText& other) {
    if (this != &other) {
      other.retain();
      release();
      entry_ = other.entry_;
    }
    return *this;
  }
  MessageText& operator=(MessageText&& other) noexcept {
    if (this != &other) {
      release();
      entry_ = other.entry_;
      other.entry_ = nullptr;
    }
    return *this;
  }
  ~MessageText() { release(); }

  std::string_view view() const {
    if (entry_ == nullptr) return {};
    return {entry_ + sizeof(Entry), entry_header().length};
  }
  operator std::string_view() const { return view(); }  // NOLINT(google-explicit-constructor)
  std::string str() const { return std::string(view()); }
  bool empty() const { return entry_ == nullptr; }
  std::size_t size() const { return view().size(); }

  friend bool operator==(const MessageText& a, const MessageText& b) { return a.view() == b.view(); }
  friend bool operator==(const MessageText& a, std::string_view b) { return a.view() == b; }
  friend bool operator==(const MessageText& a, const std::string& b) { return a.view() == b; }
  friend bool operator==(const MessageText& a, const char* b) { return a.view() == std::string_view(b); }
  friend std::ostream& operator<<(std::ostream& out, const MessageText& text) { return out << text.view(); }

 private:
  friend class MessageBlocks;

  // A block: its count of messages (and of the writer while it appends),
  // then entries, each 4-byte aligned: where the block starts (bytes back
  // from the entry), the text's length, the text.
  struct Block {
    std::atomic<uint32_t> references;
  };
  struct Entry {
    uint32_t from_block;
    uint32_t length;
  };
  static constexpr std::size_t kEntryAlign = alignof(Entry);

  const Entry& entry_header() const { return *reinterpret_cast<const Entry*>(entry_); }
  Block* block() const {
    return reinterpret_cast<Block*>(const_cast<char*>(entry_) - entry_header().from_block);
  }
  void retain() const {
    if (entry_ != nullptr) block()->references.fetch_add(1, std::memory_order_relaxed);
  }
  void release() {
    if (entry_ == nullptr) return;
    Block* owner = block();
    entry_ = nullptr;
    drop(owner);
  }
  static void drop(Block* owner) {
    if (owner->references.fetch_sub(1, std::memory_order_acq_rel) == 1) {
      owner->~Block();
      std::free(owner);
    }
  }
  static Block* new_block(std::size_t bytes) {
    void* memory = std::malloc(bytes);
    if (memory == nullptr) throw std::bad_alloc();
    return new (memory) Block{1};  // the writer's reference
  }
  static std::size_t entry_bytes(std::size_t length) {
    return (sizeof(Entry) + length + kEntryAlign - 1) / kEntryAlign * kEntryAlign;
  }
  // Writes an entry at `at` inside `owner` and makes a message of it.
  static MessageText write(Block* owner, char* at, std::string_view text) {
    const Entry entry{static_cast<uint32_t>(at - reinterpret_cast<char*>(owner)),
                      static_cast<uint32_t>(text.size())};
    std::memcpy(at, &entry, sizeof entry);
    std::memcpy(at + sizeof entry, text.data(), text.size());
    owner->references.fetch_add(1, std::memory_order_relaxed);
    MessageText message;
    message.entry_ = at;
    return message;
  }

  const char* entry_ = nullptr;  // an Entry in a block; null when empty
};

// Writes messages into shared blocks of about `block_bytes` each (a text
// longer than that gets a block of its own). Used by one thread; the
// messages it makes may outlive it and be used anywhere.
class MessageBlocks {
 public:
  explicit MessageBlocks(std::size_t block_bytes = 16384) : block_bytes_(block_bytes) {}
  MessageBlocks(const MessageBlocks&) = delete;
  MessageBlocks& operator=(const MessageBlocks&) = delete;
  ~MessageBlocks() {
    if (block_ != nullptr) MessageText::drop(block_);
  }

  MessageText add(std::string_view text) {
    if (text.empty()) return {};
    const std::size_t bytes = MessageText::entry_bytes(text.size());
    if (block_ == nullptr || used_ + bytes > capacity_) {
      if (block_ != nullptr) MessageText::drop(block_);
      block_ = nullptr;  // not dropped twice should the next allocation fail
      capacity_ = std::max(block_bytes_, kFirstEntry + bytes);
      block_ = MessageText::new_block(capacity_);
      used_ = kFirstEntry;
    }
    MessageText message = MessageText::write(block_, reinterpret_cast<char*>(block_) + used_, text);
    used_ += bytes;
    return message;
  }

 private:
  static constexpr std::size_t kFirstEntry = (sizeof(MessageText::Block) + MessageText::kEntryAlign - 1) /
                                             MessageText::kEntryAlign * MessageText::kEntryAlign;

  std::size_t block_bytes_;
  MessageText::Block* block_ = nullptr;
  std::size_t used_ = 0;
  std::size_t capacity_ = 0;
};

inline MessageText::MessageText(std::string_view text) {
  if (text.empty()) return;
  MessageBlocks one(0);  // a block of its own, exactly the text's size
  *this = one.add(text);
}
inline MessageText::MessageText(const std::string& text) : MessageText(std::string_view(text)) {}
inline MessageText::MessageText(const char* text) : MessageText(std::string_view(text)) {}

}  // namespace cadence

// A finding's message: immutable text, 8 bytes in the finding.
//
// Findings are written to fresh memory, and the first write to a fresh page
// is most of what a finding costs on the machines cadence is measured on: a
// std::string (32 bytes, empty in the findings file's scores-only mode)
// would be a large share of each finding (BENCHMARKS.md "Figures behind engine/eval's comments"). The text
// is kept out of line behind one pointer; an empty message allocates
// nothing.
//
// The messages of one batch of findings share one block (MessageBatch),
// sized once their lengths are known and written in place: a malloc per
// message costs instructions and chunk headers (BENCHMARKS.md "Figures behind engine/eval's comments").
// A block counts the messages that
// point into it, and the last one frees it, so a message copied out of its
// finding (an explanation, a test) keeps its text alive; messages copy in
// O(1). A message kept alone keeps its whole batch's block (at most some
// hundreds of kilobytes: a batch is 4,096 orgs of one rule and period).
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace cadence {

class MessageBatch;

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
  friend class MessageBatch;

  // A block: its count of references, then entries, each 4-byte aligned:
  // where the block starts (bytes back from the entry), the text's length,
  // the text. While a batch is written its writer holds kWriterShare
  // references and counts the messages it makes without touching the
  // atomic (a locked add for each message); done, it
  // gives back its share less that count. A message dropped meanwhile
  // takes its reference from the share, so the count cannot reach zero
  // before the writer is done.
  struct Block {
    std::atomic<uint32_t> references;
  };
  struct Entry {
    uint32_t from_block;
    uint32_t length;
  };
  static constexpr std::size_t kEntryAlign = alignof(Entry);
  static constexpr uint32_t kWriterShare = uint32_t{1} << 31;

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
    drop(owner, 1);
  }
  static void drop(Block* owner, uint32_t references) {
    if (owner->references.fetch_sub(references, std::memory_order_acq_rel) == references) {
      owner->~Block();
      std::free(owner);
    }
  }
  static Block* new_block(std::size_t bytes) {
    void* memory = std::malloc(bytes);
    if (memory == nullptr) throw std::bad_alloc();
    return new (memory) Block{kWriterShare};
  }
  static std::size_t entry_bytes(std::size_t length) {
    return (sizeof(Entry) + length + kEntryAlign - 1) / kEntryAlign * kEntryAlign;
  }
  const char* entry_ = nullptr;  // an Entry in a block; null when empty
};

// The messages of a batch, in one block of their own: their lengths are
// given first, then each text is written in place (text(j)) and made a
// message (message(j)). Used by one thread; the messages it makes may
// outlive it and be used anywhere.
class MessageBatch {
 public:
  // `lengths[j]` is message j's length; a zero-length message is empty
  // and takes no room. A block holds at most 4 GiB, and a message's length
  // is kept in 32 bits: beyond that, std::length_error, before any write.
  MessageBatch(const std::size_t* lengths, std::size_t count) : offsets_(count, 0) {
    std::size_t used = kFirstEntry;
    for (std::size_t j = 0; j < count; ++j) {
      if (lengths[j] == 0) continue;
      if (lengths[j] > UINT32_MAX) throw std::length_error("a message longer than 4 GiB");
      offsets_[j] = used;
      used += MessageText::entry_bytes(lengths[j]);
    }
    if (used == kFirstEntry) return;  // every message empty: no block
    if (used > UINT32_MAX) throw std::length_error("messages of a batch take more than 4 GiB");
    block_ = MessageText::new_block(used);
    char* base = reinterpret_cast<char*>(block_);
    for (std::size_t j = 0; j < count; ++j) {
      if (offsets_[j] == 0) continue;
      const MessageText::Entry header{static_cast<uint32_t>(offsets_[j]), static_cast<uint32_t>(lengths[j])};
      std::memcpy(base + offsets_[j], &header, sizeof header);
    }
  }
  MessageBatch(const MessageBatch&) = delete;
  MessageBatch& operator=(const MessageBatch&) = delete;
  ~MessageBatch() {
    if (block_ != nullptr) MessageText::drop(block_, MessageText::kWriterShare - made_);
  }

  // Where message j's text goes (its length as given); null when empty.
  char* text(std::size_t j) const {
    if (offsets_[j] == 0) return nullptr;
    return reinterpret_cast<char*>(block_) + offsets_[j] + sizeof(MessageText::Entry);
  }
  // Message j, its text written; each j is made once.
  MessageText message(std::size_t j) {
    MessageText made;
    if (offsets_[j] == 0) return made;
    made.entry_ = reinterpret_cast<char*>(block_) + offsets_[j];
    ++made_;
    return made;
  }

 private:
  static constexpr std::size_t kFirstEntry = (sizeof(MessageText::Block) + MessageText::kEntryAlign - 1) /
                                             MessageText::kEntryAlign * MessageText::kEntryAlign;

  std::vector<std::size_t> offsets_;  // each message's entry in the block; 0 when empty
  MessageText::Block* block_ = nullptr;
  uint32_t made_ = 0;  // messages made
};

inline MessageText::MessageText(std::string_view text) {
  if (text.empty()) return;
  const std::size_t length = text.size();
  MessageBatch one(&length, 1);
  std::memcpy(one.text(0), text.data(), text.size());
  *this = one.message(0);
}
inline MessageText::MessageText(const std::string& text) : MessageText(std::string_view(text)) {}
inline MessageText::MessageText(const char* text) : MessageText(std::string_view(text)) {}

}  // namespace cadence

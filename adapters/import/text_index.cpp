#include "adapters/import/text_index.h"

#include <bit>
#include <cstring>

namespace cadence {
namespace {

constexpr std::size_t kFirstSlots = 64;

// splitmix64's finaliser: every input bit moves every output bit.
uint64_t mix(uint64_t value) {
  value ^= value >> 30;
  value *= 0xbf58476d1ce4e5b9ULL;
  value ^= value >> 27;
  value *= 0x94d049bb133111ebULL;
  return value ^ (value >> 31);
}

}  // namespace

uint64_t text_hash(std::string_view text) {
  const char* bytes = text.data();
  const std::size_t size = text.size();
  uint64_t hash = 0x9e3779b97f4a7c15ULL ^ size;
  std::size_t at = 0;
  for (; at + 8 <= size; at += 8) {
    uint64_t word = 0;
    std::memcpy(&word, bytes + at, 8);
    hash = std::rotl(hash ^ word, 27) * 0x9fb21c651e98df25ULL;
  }
  if (at < size) {
    uint64_t word = 0;
    std::memcpy(&word, bytes + at, size - at);
    hash = std::rotl(hash ^ word, 27) * 0x9fb21c651e98df25ULL;
  }
  return mix(hash);
}

void TextIndex::reserve(std::size_t texts) {
  texts_.reserve(texts);
  std::size_t wanted = kFirstSlots;
  while (wanted < texts * 2) wanted *= 2;
  if (wanted <= slots_.size()) return;
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(wanted, Slot{});
  const std::size_t mask = slots_.size() - 1;
  for (const Slot& slot : old) {
    if (slot.code < 0) continue;
    std::size_t at = slot.hash & mask;
    while (slots_[at].code >= 0) at = (at + 1) & mask;
    slots_[at] = slot;
  }
}

void TextIndex::grow() {
  reserve(slots_.empty() ? kFirstSlots / 2 : slots_.size());
}

int32_t TextIndex::intern(std::string_view text, bool& added) {
  if ((texts_.size() + 1) * 2 > slots_.size()) grow();
  const auto tag = static_cast<uint32_t>(text_hash(text) >> 32);
  const std::size_t mask = slots_.size() - 1;
  std::size_t at = tag & mask;
  while (true) {
    Slot& slot = slots_[at];
    if (slot.code < 0) {
      slot.hash = tag;
      slot.code = static_cast<int32_t>(texts_.size());
      texts_.push_back(text);
      added = true;
      return slot.code;
    }
    if (slot.hash == tag && texts_[static_cast<std::size_t>(slot.code)] == text) {
      added = false;
      return slot.code;
    }
    at = (at + 1) & mask;
  }
}

int32_t TextIndex::find(std::string_view text) const {
  if (slots_.empty()) return -1;
  const auto tag = static_cast<uint32_t>(text_hash(text) >> 32);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t at = tag & mask;; at = (at + 1) & mask) {
    const Slot& slot = slots_[at];
    if (slot.code < 0) return -1;
    if (slot.hash == tag && texts_[static_cast<std::size_t>(slot.code)] == text) return slot.code;
  }
}

}  // namespace cadence

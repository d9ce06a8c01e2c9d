#include "adapters/import/text_index.h"

namespace cadence {
namespace {

constexpr std::size_t kFirstSlots = 64;

}  // namespace

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

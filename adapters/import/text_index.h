// Distinct texts numbered in first-seen order, for the importer's hot loops:
// a text column's dictionary codes while typing, the set of known member ids
// while checking references.
//
// Why not std::unordered_map<std::string, int>: it allocates a node per
// distinct text, and typing a 900,000-member export spent a fifth of its time
// in that table's lookups and rehashes. This one keeps views (no copies) and
// a flat open-addressing slot array with the hashes beside the codes.
//
// The index does not own its texts: every view passed to intern() must stay
// valid as long as the index is used. Codes are positions: text(code) gives
// the text back, and the order of codes never depends on hashing. Not
// thread-safe; one index per thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "engine/table/text_hash.h"

namespace cadence {

class TextIndex {
 public:
  // The code of `text`, adding it when new; `added` tells which.
  int32_t intern(std::string_view text, bool& added);
  int32_t intern(std::string_view text) {
    bool added = false;
    return intern(text, added);
  }
  // -1 when the text was never interned.
  int32_t find(std::string_view text) const;
  // A hint: starts loading the slot `text` hashes to, so that an intern()
  // of it a little later does not wait for memory (large indexes miss the
  // cache on nearly every look-up).
  void prefetch(std::string_view text) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[(text_hash(text) >> 32) & (slots_.size() - 1)]);
  }

  std::string_view text(int32_t code) const { return texts_[static_cast<std::size_t>(code)]; }
  int32_t size() const { return static_cast<int32_t>(texts_.size()); }
  const std::vector<std::string_view>& texts() const { return texts_; }
  void reserve(std::size_t texts);

 private:
  // The upper half of the text's hash both places the slot (its low bits)
  // and screens comparisons, so growing never reads a text again.
  struct Slot {
    uint32_t hash = 0;
    int32_t code = -1;  // -1: empty
  };
  void grow();

  std::vector<std::string_view> texts_;
  std::vector<Slot> slots_;  // a power of two in size, at most half full
};

}  // namespace cadence

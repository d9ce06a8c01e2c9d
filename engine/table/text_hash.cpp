#include "engine/table/text_hash.h"

#include <bit>
#include <cstring>

namespace cadence {

// 64-bit hash of a byte string: eight bytes at a time, then splitmix64's
// finaliser so that every input bit moves the low bits that pick a slot.
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
  hash ^= hash >> 30;
  hash *= 0xbf58476d1ce4e5b9ULL;
  hash ^= hash >> 27;
  hash *= 0x94d049bb133111ebULL;
  return hash ^ (hash >> 31);
}

}  // namespace cadence

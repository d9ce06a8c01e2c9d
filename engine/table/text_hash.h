// A 64-bit hash of a byte string (not cryptographic): the dictionaries'
// lookup index and the importer's TextIndex place texts by it.
#pragma once

#include <cstdint>
#include <string_view>

namespace cadence {

uint64_t text_hash(std::string_view text);

}  // namespace cadence

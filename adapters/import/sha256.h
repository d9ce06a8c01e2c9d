// SHA-256 (FIPS 180-4) of a byte string, as lowercase hex. The importer
// records it per batch so that re-importing the same file is recognised and
// changes nothing. Small enough to carry here rather than add a crypto
// dependency for one digest.
#pragma once

#include <string>
#include <string_view>

namespace cadence {

std::string sha256_hex(std::string_view bytes);

}  // namespace cadence

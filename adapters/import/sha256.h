// SHA-256 (FIPS 180-4) of a byte string, as 64 lowercase hex digits. The
// importer records it per batch so that re-importing the same file is
// recognised and changes nothing; the pack loader names a pack by it
// (adapters/pack/pack_digest.h).
//
// A thin wrapper over OpenSSL's libcrypto (EVP, one-shot), which picks the
// processor's SHA extensions itself: the project keeps no hash code of its
// own. Thread-safe (no state). libcrypto failing to hash (it cannot run out of
// anything for SHA-256 one-shot) is a broken invariant and aborts.
#pragma once

#include <string>
#include <string_view>

namespace cadence {

std::string sha256_hex(std::string_view bytes);

}  // namespace cadence

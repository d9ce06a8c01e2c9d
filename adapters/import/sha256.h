// SHA-256 (FIPS 180-4) of a byte string, as lowercase hex. The importer
// records it per batch so that re-importing the same file is recognised and
// changes nothing. Small enough to carry here rather than add a crypto
// dependency for one digest.
//
// On x86-64 processors with the SHA extensions (checked at run time) the
// compression function runs on them, about ten times faster than the
// portable code; both give the same digest. Thread-safe (no state).
#pragma once

#include <string>
#include <string_view>

namespace cadence {

std::string sha256_hex(std::string_view bytes);

enum class Sha256Engine { kPortable, kHardware };
// Whether this processor has the SHA extensions sha256_hex uses.
bool sha256_hardware_available();
// With a chosen engine (tests compare them); kHardware requires
// sha256_hardware_available().
std::string sha256_hex(std::string_view bytes, Sha256Engine engine);

}  // namespace cadence

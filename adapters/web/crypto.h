// The little cryptography the workspace needs, all from libsodium: random
// tokens, their SHA-256 (sessions are stored by the hash of their token), and
// a comparison that takes the same time wherever two strings differ.
#pragma once

#include <string>
#include <string_view>

namespace cadence::web {

// sodium_init(); false when libsodium cannot initialise (no entropy source).
bool init_crypto();
// 32 random bytes as 64 lowercase hex digits.
std::string random_token();
std::string sha256_hex(std::string_view text);
bool equal_in_constant_time(std::string_view a, std::string_view b);

}  // namespace cadence::web

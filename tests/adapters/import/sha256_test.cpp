#include "adapters/import/sha256.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace cadence {
namespace {

// The engines this machine can run: the portable one always.
std::vector<Sha256Engine> engines() {
  std::vector<Sha256Engine> out = {Sha256Engine::kPortable};
  if (sha256_hardware_available()) out.push_back(Sha256Engine::kHardware);
  return out;
}

// FIPS 180-4 test vectors, plus lengths around the padding boundary.
TEST_CASE("sha256_hex matches the published test vectors") {
  for (Sha256Engine engine : engines()) {
    CAPTURE(static_cast<int>(engine));
    CHECK(sha256_hex("", engine) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(sha256_hex("abc", engine) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", engine) ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    CHECK(sha256_hex(std::string(1000000, 'a'), engine) ==
          "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  }
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("sha256_hex differs for inputs that differ in one byte") {
  CHECK(sha256_hex(std::string(55, 'x')) != sha256_hex(std::string(56, 'x')));
  CHECK(sha256_hex(std::string(64, 'x')).size() == 64);
}

TEST_CASE("the hardware engine agrees with the portable one at every length around the block size") {
  if (!sha256_hardware_available()) return;  // nothing to compare on this processor
  std::string bytes;
  for (int length = 0; length < 300; ++length) {
    CAPTURE(length);
    CHECK(sha256_hex(bytes, Sha256Engine::kHardware) == sha256_hex(bytes, Sha256Engine::kPortable));
    bytes.push_back(static_cast<char>((length * 131 + 7) & 0xFF));
  }
}

}  // namespace
}  // namespace cadence

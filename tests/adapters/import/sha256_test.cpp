#include "adapters/import/sha256.h"

#include <doctest/doctest.h>

#include <string>

namespace cadence {
namespace {

// FIPS 180-4 test vectors (NIST CSRC "SHA256.pdf" and the one-million-'a'
// message).
TEST_CASE("sha256_hex matches the published test vectors") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(sha256_hex(std::string(1000000, 'a')) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("sha256_hex hashes every byte, NUL and high bytes included") {
  // The string_view's size counts, not a terminating NUL (values from sha256sum).
  CHECK(sha256_hex(std::string_view("a\0b", 3)) == "59b271ae1bbcb1d31d41929817f4b16fb439eb4f31520b5ad1d5ce98920a7138");
  CHECK(sha256_hex(std::string_view("\xff\x00\x80", 3)) ==
        "ef192b7af54e943f206ab27075ec1805384c972c9959fc5820f1fa7d5268fcef");
}

TEST_CASE("sha256_hex differs for inputs that differ in one byte") {
  CHECK(sha256_hex(std::string(55, 'x')) != sha256_hex(std::string(56, 'x')));
  CHECK(sha256_hex(std::string(64, 'x')).size() == 64);
}

}  // namespace
}  // namespace cadence

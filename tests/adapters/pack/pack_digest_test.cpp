#include "adapters/pack/pack_digest.h"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "adapters/import/sha256.h"
#include "adapters/pack/pack_loader.h"

namespace cadence {
namespace {

const std::string kSourceDir = CADENCE_SOURCE_DIR;

std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// A pack of three files, one of them outside the pack's folder.
PackDigest three_files(const std::string& folder, std::string_view schema = "bc") {
  PackDigest digest;
  digest.add(folder + "/p/schema.yaml", schema);
  digest.add(folder + "/p/pack.yaml", "a");
  digest.add(folder + "/calendars/x.csv", "d");
  return digest;
}

TEST_CASE("the digest is the SHA-256 of name NUL length NUL bytes per file, in order of relative name") {
  // From Python: "../calendars/x.csv\x001\x00d" "pack.yaml\x001\x00a"
  // "schema.yaml\x002\x00bc", hashed with hashlib.sha256.
  CHECK(three_files("rules").hex("rules/p") == "35063a088a6120235ac54f4cb35fb806de003d4f5b9b17d9f37bb760f7397010");
}

TEST_CASE("the digest does not depend on where the pack folder lies") {
  CHECK(three_files("/srv/a/b").hex("/srv/a/b/p") == three_files("rules").hex("rules/p"));
}

TEST_CASE("a changed byte, a renamed file or a byte moved between files changes the digest") {
  const std::string base = three_files("rules").hex("rules/p");
  CHECK(three_files("rules", "bd").hex("rules/p") != base);

  PackDigest renamed;
  renamed.add("rules/p/schema.yml", "bc");
  renamed.add("rules/p/pack.yaml", "a");
  renamed.add("rules/calendars/x.csv", "d");
  CHECK(renamed.hex("rules/p") != base);

  PackDigest moved;
  moved.add("rules/p/schema.yaml", "c");
  moved.add("rules/p/pack.yaml", "ab");
  moved.add("rules/calendars/x.csv", "d");
  CHECK(moved.hex("rules/p") != base);
}

TEST_CASE("without a folder the names count as given, and a file added twice counts once") {
  PackDigest digest;
  digest.add("p.yaml", "组织");
  digest.add("p.yaml", "组织");
  CHECK(digest.hex("") == "1675f09f040e3a69fdc4592572194e671580cea97d638b4d5786a32976f7f11a");
}

TEST_CASE("a loaded pack's checksum is the digest of its files as the header defines it") {
  Diagnostics diagnostics;
  auto pack = load_pack(kSourceDir + "/rules/bench", diagnostics);
  REQUIRE(pack != nullptr);
  // rules/bench reads pack.yaml and schema.yaml (no calendar files).
  std::string message;
  for (const std::string name : {"pack.yaml", "schema.yaml"}) {
    const std::string bytes = file_bytes(kSourceDir + "/rules/bench/" + name);
    REQUIRE(!bytes.empty());
    message += name + '\0' + std::to_string(bytes.size()) + '\0' + bytes;
  }
  CHECK(pack->checksum == sha256_hex(message));
}

}  // namespace
}  // namespace cadence

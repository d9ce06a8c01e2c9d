#include "adapters/pack/pack_digest.h"

#include <filesystem>

#include "adapters/import/sha256.h"

namespace cadence {

void PackDigest::add(const std::string& file, std::string_view bytes) { files_[file] = std::string(bytes); }

std::string PackDigest::hex(const std::string& directory) const {
  // Re-keyed by relative name: the order of the display names is not the
  // order of the relative ones ("rules/x/../calendars" was normalised away).
  std::map<std::string, const std::string*> relative;
  for (const auto& [file, bytes] : files_) {
    std::string name = file;
    if (!directory.empty()) {
      name = std::filesystem::path(file).lexically_relative(directory).generic_string();
    }
    relative[name] = &bytes;
  }
  std::string message;
  for (const auto& [name, bytes] : relative) {
    message += name;
    message += '\0';
    message += std::to_string(bytes->size());
    message += '\0';
    message += *bytes;
  }
  return sha256_hex(message);
}

}  // namespace cadence

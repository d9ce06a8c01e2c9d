// A read-only view of a zip archive held in memory (libzip), with the limits
// that make it safe to open files from strangers.
//
// Entries are inflated in chunks handed to a callback, so a large sheet never
// needs to exist in memory uncompressed; bytes are counted as they are
// inflated (the sizes in the zip headers are not trusted). Not thread-safe:
// one archive, one reader at a time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace cadence {

// Defaults refuse any entry above 256 MiB uncompressed, and any entry that
// inflates beyond 200 times its compressed size once it has produced more
// than 1 MiB (small, very regular XML parts legitimately compress well).
struct ZipLimits {
  uint64_t max_entry_bytes = uint64_t{256} << 20;
  uint64_t max_ratio = 200;
  uint64_t ratio_floor_bytes = uint64_t{1} << 20;
};

enum class ZipReadResult { kOk, kMissing, kTooLarge, kTooCompressed, kDamaged, kStopped };

class ZipArchive {
 public:
  // Returns nullptr and sets `error` when `bytes` is not a readable zip
  // archive. `bytes` must outlive the archive.
  static std::unique_ptr<ZipArchive> open(std::string_view bytes, std::string& error);
  ~ZipArchive();
  ZipArchive(const ZipArchive&) = delete;
  ZipArchive& operator=(const ZipArchive&) = delete;

  bool contains(const std::string& name) const;

  // Inflates entry `name`, passing each chunk to `sink`; a sink returning
  // false stops the read (kStopped). On kDamaged, `error` says why.
  ZipReadResult read(const std::string& name, const ZipLimits& limits,
                     const std::function<bool(std::string_view chunk)>& sink, std::string& error) const;

 private:
  struct Handle;
  explicit ZipArchive(std::unique_ptr<Handle> handle);
  std::unique_ptr<Handle> handle_;
};

}  // namespace cadence

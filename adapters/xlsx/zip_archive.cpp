#include "adapters/xlsx/zip_archive.h"

#include <zip.h>

#include <array>

namespace cadence {

struct ZipArchive::Handle {
  zip_t* archive = nullptr;
  ~Handle() {
    if (archive != nullptr) zip_discard(archive);
  }
};

ZipArchive::ZipArchive(std::unique_ptr<Handle> handle) : handle_(std::move(handle)) {}
ZipArchive::~ZipArchive() = default;

std::unique_ptr<ZipArchive> ZipArchive::open(std::string_view bytes, std::string& error) {
  zip_error_t zip_error;
  zip_error_init(&zip_error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &zip_error);
  if (source == nullptr) {
    error = zip_error_strerror(&zip_error);
    zip_error_fini(&zip_error);
    return nullptr;
  }
  zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &zip_error);
  if (archive == nullptr) {
    error = zip_error_strerror(&zip_error);
    zip_error_fini(&zip_error);
    zip_source_free(source);  // not taken over by a failed open
    return nullptr;
  }
  zip_error_fini(&zip_error);
  auto handle = std::make_unique<Handle>();
  handle->archive = archive;
  return std::unique_ptr<ZipArchive>(new ZipArchive(std::move(handle)));
}

bool ZipArchive::contains(const std::string& name) const {
  return zip_name_locate(handle_->archive, name.c_str(), ZIP_FL_NOCASE) >= 0;
}

ZipReadResult ZipArchive::read(const std::string& name, const ZipLimits& limits,
                               const std::function<bool(std::string_view)>& sink, std::string& error) const {
  zip_int64_t index = zip_name_locate(handle_->archive, name.c_str(), ZIP_FL_NOCASE);
  if (index < 0) return ZipReadResult::kMissing;
  auto entry = static_cast<zip_uint64_t>(index);
  zip_stat_t stat;
  zip_stat_init(&stat);
  uint64_t compressed = 0;
  if (zip_stat_index(handle_->archive, entry, 0, &stat) == 0 && (stat.valid & ZIP_STAT_COMP_SIZE) != 0) {
    compressed = stat.comp_size;
  }
  zip_file_t* file = zip_fopen_index(handle_->archive, entry, 0);
  if (file == nullptr) {
    error = zip_strerror(handle_->archive);
    return ZipReadResult::kDamaged;
  }
  std::array<char, 1 << 16> buffer;
  uint64_t total = 0;
  ZipReadResult result = ZipReadResult::kOk;
  while (true) {
    zip_int64_t count = zip_fread(file, buffer.data(), buffer.size());
    if (count < 0) {
      error = zip_file_strerror(file);
      result = ZipReadResult::kDamaged;
      break;
    }
    if (count == 0) break;
    total += static_cast<uint64_t>(count);
    if (total > limits.max_entry_bytes) {
      result = ZipReadResult::kTooLarge;
      break;
    }
    if (total > limits.ratio_floor_bytes && total > limits.max_ratio * std::max<uint64_t>(compressed, 1)) {
      result = ZipReadResult::kTooCompressed;
      break;
    }
    if (!sink(std::string_view(buffer.data(), static_cast<std::size_t>(count)))) {
      result = ZipReadResult::kStopped;
      break;
    }
  }
  zip_fclose(file);
  return result;
}

}  // namespace cadence

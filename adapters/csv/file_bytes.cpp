#include "adapters/csv/file_bytes.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

namespace cadence {
namespace {

struct FileCloser {
  void operator()(std::FILE* file) const { std::fclose(file); }
};

Status failure(const std::string& path, int error) {
  return Status::io_error("cannot read '" + path + "': " + std::strerror(error));
}

}  // namespace

Result<std::string> read_file_bytes(const std::string& path) {
  std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "rb"));
  if (!file) return failure(path, errno);
  std::string bytes;
  // Size hint only: the file may change while we read; the loop reads to EOF.
  if (std::fseek(file.get(), 0, SEEK_END) == 0) {
    long size = std::ftell(file.get());
    if (size > 0) bytes.reserve(static_cast<std::size_t>(size));
    std::rewind(file.get());
  }
  char buffer[1 << 16];
  while (true) {
    std::size_t count = std::fread(buffer, 1, sizeof buffer, file.get());
    bytes.append(buffer, count);
    if (count < sizeof buffer) {
      if (std::ferror(file.get())) return failure(path, errno != 0 ? errno : EIO);
      break;
    }
  }
  return bytes;
}

}  // namespace cadence

#include "adapters/csv/file_bytes.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <new>

#include <sys/stat.h>

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
  // fopen() succeeds on a directory on Linux; reading it then fails oddly.
  struct stat info {};
  if (fstat(fileno(file.get()), &info) != 0) return failure(path, errno);
  if (S_ISDIR(info.st_mode)) return failure(path, EISDIR);
  try {
    std::string bytes;
    // Size hint only: the file may change while we read; the loop reads to EOF.
    if (S_ISREG(info.st_mode) && info.st_size > 0) bytes.reserve(static_cast<std::size_t>(info.st_size));
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
  } catch (const std::bad_alloc&) {
    return Status::io_error("cannot read '" + path + "': the file does not fit in memory");
  }
}

}  // namespace cadence

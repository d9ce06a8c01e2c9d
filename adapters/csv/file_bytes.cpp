#include "adapters/csv/file_bytes.h"

#include <cerrno>
#include <cstring>
#include <new>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace cadence {
namespace {

Status failure(const std::string& path, int error) {
  return Status::io_error("cannot read '" + path + "': " + std::strerror(error));
}

// What a non-regular file is, for the message.
const char* kind_of(mode_t mode) {
  if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }

 private:
  int fd_;
};

}  // namespace

Result<std::string> read_file_bytes(const std::string& path) {
  // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a
  // writer forever. The kind is checked on the opened descriptor (not the
  // path), so a path swapped for a FIFO after a stat cannot slip through.
  FileDescriptor file(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC));
  if (file.get() < 0) return failure(path, errno);
  struct stat info {};
  if (fstat(file.get(), &info) != 0) return failure(path, errno);
  if (S_ISDIR(info.st_mode)) return failure(path, EISDIR);
  // Devices, FIFOs and sockets can block or never end (/dev/zero): only
  // regular files (symbolic links to them included) are inputs.
  if (!S_ISREG(info.st_mode)) {
    return Status::io_error("cannot read '" + path + "': it is " + kind_of(info.st_mode) +
                            ", not a regular file; refused");
  }
  const int flags = fcntl(file.get(), F_GETFL);
  if (flags < 0 || fcntl(file.get(), F_SETFL, flags & ~O_NONBLOCK) != 0) return failure(path, errno);
  try {
    std::string bytes;
    // Size hint only: the file may change while we read; the loop reads to EOF.
    if (info.st_size > 0) bytes.reserve(static_cast<std::size_t>(info.st_size));
    char buffer[1 << 16];
    while (true) {
      const ssize_t count = ::read(file.get(), buffer, sizeof buffer);
      if (count < 0) {
        if (errno == EINTR) continue;
        return failure(path, errno);
      }
      if (count == 0) break;
      bytes.append(buffer, static_cast<std::size_t>(count));
    }
    return bytes;
  } catch (const std::bad_alloc&) {
    return Status::io_error("cannot read '" + path + "': the file does not fit in memory");
  }
}

}  // namespace cadence

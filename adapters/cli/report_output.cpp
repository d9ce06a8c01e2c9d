#include "adapters/cli/report_output.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <utility>

#include "adapters/i18n/translate.h"

namespace cadence {
namespace {

std::string error_text(int error) { return std::strerror(error); }

}  // namespace

Status flush_standard_output() {
  // std::cout writes through stdio (synced): its flush is stdout's, and
  // errno then holds the reason of a failed write.
  errno = 0;
  std::cout.flush();
  int error = errno;
  const bool stream_failed = std::cout.fail();
  const bool flush_failed = std::fflush(stdout) != 0;
  if (error == 0) error = errno;
  if (!stream_failed && !flush_failed && std::ferror(stdout) == 0) return Status::ok();
  return Status::io_error(tr("cannot write to standard output") + (error != 0 ? tr(": ") + error_text(error) : std::string()));
}

Result<ReportOutput> ReportOutput::open(const std::string& path) {
  if (path.empty()) return ReportOutput("", "", "");
  std::error_code error;
  const std::filesystem::file_status target_status = std::filesystem::status(path, error);
  if (std::filesystem::exists(target_status) && !std::filesystem::is_regular_file(target_status)) {
    // A device or a pipe (/dev/stdout, a FIFO) is written in place: there
    // is nothing to replace, and renaming over it would.
    ReportOutput output(path, "", "");
    output.file_.open(path, std::ios::binary);
    if (!output.file_) return Status::io_error(fill(tr("cannot write {1}: {2}"), {path, error_text(errno)}));
    return output;
  }
  // A symbolic link keeps pointing at the report: the file it names is
  // the one replaced.
  std::filesystem::path target(path);
  if (std::filesystem::is_symlink(target, error)) {
    std::filesystem::path resolved = std::filesystem::weakly_canonical(target, error);
    if (!error) target = resolved;
  }
  std::filesystem::path temporary = target;
  temporary.replace_filename("." + target.filename().string() + "." + std::to_string(getpid()) + ".tmp");
  // Created here rather than by the ofstream so that a folder we cannot
  // write is reported with its reason, and with the umask's permissions.
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) return Status::io_error(fill(tr("cannot write {1}: {2}"), {path, error_text(errno)}));
  ::close(fd);
  ReportOutput output(path, target.string(), temporary.string());
  output.file_.open(output.temporary_, std::ios::binary | std::ios::trunc);
  if (!output.file_) return Status::io_error(fill(tr("cannot write {1}"), {path}));
  return output;
}

ReportOutput::ReportOutput(ReportOutput&& other) noexcept
    : path_(std::move(other.path_)),
      target_(std::move(other.target_)),
      temporary_(std::exchange(other.temporary_, std::string())),
      file_(std::move(other.file_)),
      published_(other.published_) {}

ReportOutput::~ReportOutput() {
  if (!temporary_.empty() && !published_) {
    file_.close();
    ::unlink(temporary_.c_str());
  }
}

std::ostream& ReportOutput::stream() { return to_file() ? static_cast<std::ostream&>(file_) : std::cout; }

Status ReportOutput::finish() {
  if (!to_file()) return flush_standard_output();
  // errno after a failed flush or close is the write's reason (ENOSPC,
  // EFBIG, EPIPE); a write that failed earlier left its own.
  const int before = errno;
  if (file_.is_open()) {
    errno = 0;
    file_.flush();
    file_.close();
    if (file_.fail()) {
      const int error = errno != 0 ? errno : before;
      return Status::io_error(fill(tr("cannot write {1}"), {path_}) + (error != 0 ? tr(": ") + error_text(error) : std::string()));
    }
  }
  if (temporary_.empty()) return Status::ok();  // written in place (a device or a pipe)
  // On file systems that allocate late (NFS, quotas) a full disk shows only
  // at fsync: the report is whole on disk before it takes the target's name.
  const int fd = ::open(temporary_.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::io_error(fill(tr("cannot write {1}: {2}"), {path_, error_text(errno)}));
  const bool synced = ::fsync(fd) == 0;
  const int error = errno;
  ::close(fd);
  if (!synced) return Status::io_error(fill(tr("cannot write {1}: {2}"), {path_, error_text(error)}));
  return Status::ok();
}

Status ReportOutput::publish() {
  if (!to_file() || temporary_.empty()) return Status::ok();
  if (std::rename(temporary_.c_str(), target_.c_str()) != 0) {
    return Status::io_error(fill(tr("cannot write {1}: {2}"), {path_, error_text(errno)}));
  }
  published_ = true;
  return Status::ok();
}

int finish_standard_output(int code) {
  Status status = flush_standard_output();
  if (status.is_ok()) return code;
  // A command that failed already said why; its output is moot.
  if (code != 2) std::cerr << "cadence: " << status.message() << "\n";
  return 2;
}

}  // namespace cadence

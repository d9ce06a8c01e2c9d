#include <spawn.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "adapters/report/official_document.h"

extern char** environ;

namespace cadence {
namespace {

// A folder of our own for the page, the browser profile and the PDF,
// removed whatever happens.
class ScratchFolder {
 public:
  ScratchFolder() {
    std::string pattern = (std::filesystem::temp_directory_path() / "cadence-pdf-XXXXXX").string();
    if (mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~ScratchFolder() {
    std::error_code ignored;
    if (!path_.empty()) std::filesystem::remove_all(path_, ignored);
  }
  ScratchFolder(const ScratchFolder&) = delete;
  ScratchFolder& operator=(const ScratchFolder&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Runs the program with its output discarded; its exit status, or -1 when
// it could not start.
int run_quietly(const std::vector<std::string>& arguments) {
  std::vector<char*> argv;
  for (const auto& argument : arguments) argv.push_back(const_cast<char*>(argument.c_str()));
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  pid_t child = 0;
  const int spawned = posix_spawnp(&child, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) return -1;
  int status = 0;
  while (waitpid(child, &status, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

}  // namespace

Status write_document_pdf(const OfficialDocument& document, const std::string& path) {
  const char* configured = std::getenv("CADENCE_CHROMIUM");
  const std::string chromium = configured != nullptr && *configured != '\0' ? configured : "chromium";
  ScratchFolder scratch;
  if (scratch.path().empty()) return Status::io_error("cannot create a temporary folder for the PDF");
  const std::string page = scratch.path() + "/document.html";
  const std::string printed = scratch.path() + "/document.pdf";
  {
    std::ofstream out(page, std::ios::binary);
    out << write_document_html(document);
    if (!out.flush()) return Status::io_error("cannot write " + page);
  }
  // Headless Chromium prints the page as the browser lays it out (CSS
  // @page: A4, margins, page numbers); nothing reaches the network.
  const int code = run_quietly({chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                                "--no-pdf-header-footer", "--user-data-dir=" + scratch.path() + "/profile",
                                "--print-to-pdf=" + printed, "file://" + page});
  if (code == -1) {
    return Status::io_error("cannot run " + chromium +
                            " to print the PDF (install Debian's chromium, or set CADENCE_CHROMIUM)");
  }
  std::error_code error;
  if (code != 0 || !std::filesystem::exists(printed, error) || std::filesystem::file_size(printed, error) == 0) {
    return Status::io_error(chromium + " did not print the PDF (exit " + std::to_string(code) + ")");
  }
  std::filesystem::copy_file(printed, path, std::filesystem::copy_options::overwrite_existing, error);
  if (error) return Status::io_error("cannot write " + path + ": " + error.message());
  return Status::ok();
}

}  // namespace cadence

#include "adapters/csv/file_bytes.h"

#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace cadence {
namespace {

TEST_CASE("read_file_bytes returns the bytes unchanged") {
  Result<std::string> bytes =
      read_file_bytes(std::string(CADENCE_SOURCE_DIR) + "/tests/adapters/csv/fixtures/orgs_bom.csv");
  REQUIRE(bytes.is_ok());
  CHECK(bytes->starts_with("\xEF\xBB\xBFid,name,parent_id\n"));
  CHECK(bytes->size() == 99);
}

TEST_CASE("read_file_bytes reports a missing file as an I/O error naming it") {
  Result<std::string> bytes = read_file_bytes("/nonexistent/members.csv");
  REQUIRE_FALSE(bytes.is_ok());
  CHECK(bytes.status().code() == StatusCode::kIoError);
  CHECK(bytes.status().message() == "cannot read '/nonexistent/members.csv': No such file or directory");
}

TEST_CASE("read_file_bytes on a directory is an I/O error") {
  Result<std::string> bytes = read_file_bytes(CADENCE_SOURCE_DIR);
  REQUIRE_FALSE(bytes.is_ok());
  CHECK(bytes.status().message() == "cannot read '" CADENCE_SOURCE_DIR "': Is a directory");
}

// A FIFO would block the open (and the read) forever: the test would hang,
// not fail, if it were read; a device would never end.
TEST_CASE("read_file_bytes refuses FIFOs and devices without blocking, and follows symbolic links") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("cadence-file-bytes-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string fifo = (dir / "members.csv").string();
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  Result<std::string> from_fifo = read_file_bytes(fifo);
  REQUIRE_FALSE(from_fifo.is_ok());
  CHECK(from_fifo.status().message() ==
        "cannot read '" + fifo + "': it is a FIFO (named pipe), not a regular file; refused");

  Result<std::string> from_device = read_file_bytes("/dev/zero");
  REQUIRE_FALSE(from_device.is_ok());
  CHECK(from_device.status().message() ==
        "cannot read '/dev/zero': it is a character device, not a regular file; refused");

  const fs::path target = dir / "real.csv";
  std::ofstream(target) << "id\nM1\n";
  const fs::path link = dir / "link.csv";
  fs::create_symlink(target, link);
  Result<std::string> through_link = read_file_bytes(link.string());
  REQUIRE(through_link.is_ok());
  CHECK(*through_link == "id\nM1\n");
  fs::remove_all(dir);
}

}  // namespace
}  // namespace cadence

#include "adapters/csv/file_bytes.h"

#include <doctest/doctest.h>

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

}  // namespace
}  // namespace cadence

#include "engine/core/status.h"

#include <doctest/doctest.h>

#include <string>

namespace cadence {
namespace {

Result<int> parse_positive(int value) {
  if (value <= 0) return Status::invalid_input("not positive: " + std::to_string(value));
  return value;
}

TEST_CASE("Result carries a value or the status that prevented it") {
  auto good = parse_positive(3);
  REQUIRE(good.is_ok());
  CHECK(*good == 3);
  CHECK(good.status().is_ok());

  auto bad = parse_positive(-1);
  CHECK_FALSE(bad.is_ok());
  CHECK(bad.status().code() == StatusCode::kInvalidInput);
  CHECK(bad.status().message() == "not positive: -1");
}

TEST_CASE("a Result made from an ok Status is an internal error, not a silent value") {
  Result<int> result{Status::ok()};
  CHECK_FALSE(result.is_ok());
  CHECK(result.status().code() == StatusCode::kInternal);
}

}  // namespace
}  // namespace cadence

#include "adapters/web/login_throttle.h"

#include <doctest/doctest.h>

using namespace cadence::web;

TEST_CASE("failures per account lock the account for the window, not others") {
  LoginThrottle throttle({3, 100, 60});
  for (int i = 0; i < 3; ++i) {
    CHECK(throttle.allowed("a", "1.1.1.1", i));
    throttle.failed("a", "1.1.1.1", i);
  }
  CHECK_FALSE(throttle.allowed("a", "2.2.2.2", 10));
  CHECK(throttle.allowed("b", "1.1.1.1", 10));
  // The first failure (at 0) leaves the window at 60.
  CHECK(throttle.allowed("a", "2.2.2.2", 60));
}

TEST_CASE("failures per address lock the address across accounts") {
  LoginThrottle throttle({100, 3, 60});
  throttle.failed("a", "1.1.1.1", 0);
  throttle.failed("b", "1.1.1.1", 0);
  throttle.failed("c", "1.1.1.1", 0);
  CHECK_FALSE(throttle.allowed("d", "1.1.1.1", 1));
  CHECK(throttle.allowed("d", "2.2.2.2", 1));
}

TEST_CASE("a success clears the account's failures") {
  LoginThrottle throttle({2, 100, 60});
  throttle.failed("a", "1.1.1.1", 0);
  throttle.succeeded("a");
  throttle.failed("a", "1.1.1.1", 1);
  CHECK(throttle.allowed("a", "1.1.1.1", 2));
}

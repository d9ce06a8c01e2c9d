// Rate limit of failed logins, per account name and per client address:
// after `per_account` failures for a name, or `per_address` from an address,
// within `window_seconds`, further attempts are refused (without checking
// the password) until the oldest failure leaves the window. A success clears
// the account's failures. In memory: a restart forgets, which only helps a
// legitimate user. Thread-safe; clock values are passed in.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

namespace cadence::web {

struct ThrottlePolicy {
  int per_account = 5;
  int per_address = 20;
  int64_t window_seconds = 15 * 60;
};

class LoginThrottle {
 public:
  explicit LoginThrottle(ThrottlePolicy policy = {}) : policy_(policy) {}
  bool allowed(std::string_view account, std::string_view address, int64_t now);
  void failed(std::string_view account, std::string_view address, int64_t now);
  void succeeded(std::string_view account);

 private:
  using Failures = std::map<std::string, std::deque<int64_t>, std::less<>>;
  static int recent(Failures& failures, std::string_view key, int64_t since);

  ThrottlePolicy policy_;
  std::mutex mutex_;
  Failures by_account_;
  Failures by_address_;
};

}  // namespace cadence::web

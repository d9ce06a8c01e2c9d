#include "adapters/web/login_throttle.h"

namespace cadence::web {

int LoginThrottle::recent(Failures& failures, std::string_view key, int64_t since) {
  auto found = failures.find(key);
  if (found == failures.end()) return 0;
  auto& times = found->second;
  while (!times.empty() && times.front() <= since) times.pop_front();
  const int count = static_cast<int>(times.size());
  if (times.empty()) failures.erase(found);
  return count;
}

bool LoginThrottle::allowed(std::string_view account, std::string_view address, int64_t now) {
  std::lock_guard lock(mutex_);
  const int64_t since = now - policy_.window_seconds;
  return recent(by_account_, account, since) < policy_.per_account &&
         recent(by_address_, address, since) < policy_.per_address;
}

void LoginThrottle::failed(std::string_view account, std::string_view address, int64_t now) {
  std::lock_guard lock(mutex_);
  by_account_[std::string(account)].push_back(now);
  by_address_[std::string(address)].push_back(now);
}

void LoginThrottle::succeeded(std::string_view account) {
  std::lock_guard lock(mutex_);
  auto found = by_account_.find(account);
  if (found != by_account_.end()) by_account_.erase(found);
}

}  // namespace cadence::web

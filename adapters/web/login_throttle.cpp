#include "adapters/web/login_throttle.h"

#include <iterator>

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
  // Failures under made-up names must not grow the maps without end: past
  // kSweepAt keys, every key's expired failures are dropped.
  constexpr std::size_t kSweepAt = 10000;
  const int64_t since = now - policy_.window_seconds;
  for (Failures* failures : {&by_account_, &by_address_}) {
    if (failures->size() < kSweepAt) continue;
    for (auto it = failures->begin(); it != failures->end();) {
      while (!it->second.empty() && it->second.front() <= since) it->second.pop_front();
      it = it->second.empty() ? failures->erase(it) : std::next(it);
    }
  }
  by_account_[std::string(account)].push_back(now);
  by_address_[std::string(address)].push_back(now);
}

void LoginThrottle::succeeded(std::string_view account) {
  std::lock_guard lock(mutex_);
  auto found = by_account_.find(account);
  if (found != by_account_.end()) by_account_.erase(found);
}

}  // namespace cadence::web

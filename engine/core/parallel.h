// Running the items of a loop on a few threads.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace cadence {

// Calls body(k) for k = 0 .. count − 1 on up to `threads` threads (never
// more threads than items; one thread runs them all on the caller's). The
// threads take the next item as they finish one, so items of unequal cost
// share out evenly. body must be safe to run concurrently for distinct k.
template <typename Body>
void parallel_for(int threads, std::size_t count, Body body) {
  const std::size_t used = std::min(static_cast<std::size_t>(std::max(1, threads)), count);
  if (used <= 1) {
    for (std::size_t k = 0; k < count; ++k) body(k);
    return;
  }
  std::atomic<std::size_t> next{0};
  std::vector<std::thread> workers;
  for (std::size_t t = 0; t < used; ++t) {
    workers.emplace_back([&] {
      for (std::size_t k = next++; k < count; k = next++) body(k);
    });
  }
  for (auto& worker : workers) worker.join();
}

}  // namespace cadence

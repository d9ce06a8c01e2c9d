// Running the items of a loop on a few threads.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <functional>

namespace cadence {

namespace detail {
// Runs work() on the calling thread and on `helpers` other threads at once,
// and returns when every call has returned. The helpers are kept for the
// life of the process (parallel.cpp). If a call throws, the exception is
// rethrown here once all have returned (the caller's first, else a
// helper's).
void share_work(std::size_t helpers, const std::function<void()>& work);
}  // namespace detail

// Calls body(k) for k = 0 .. count − 1 on up to `threads` threads, the
// caller's among them (never more threads than items; one thread runs them
// all on the caller's). The threads take the next item as they finish one,
// so items of unequal cost share out evenly. body must be safe to run
// concurrently for distinct k. If an item throws, its thread takes no more
// items (the other threads take the rest), and parallel_for rethrows the
// exception once every thread has stopped; with one thread, or when every
// thread has thrown, the items not yet taken do not run.
template <typename Body>
void parallel_for(int threads, std::size_t count, Body body) {
  const std::size_t used = std::min(static_cast<std::size_t>(std::max(1, threads)), count);
  if (used <= 1) {
    for (std::size_t k = 0; k < count; ++k) body(k);
    return;
  }
  std::atomic<std::size_t> next{0};
  detail::share_work(used - 1, [&] {
    for (std::size_t k = next++; k < count; k = next++) body(k);
  });
}

}  // namespace cadence

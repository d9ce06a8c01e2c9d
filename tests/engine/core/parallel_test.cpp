#include "engine/core/parallel.h"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <numeric>
#include <stdexcept>
#include <thread>
#include <vector>

namespace cadence {
namespace {

// Items 0 and 1 each wait until the other has started: they finish only
// if two threads run them at once. A wait that times out (a lone thread)
// fails the check instead of hanging the suite.
class Rendezvous {
 public:
  bool arrive_and_wait() {
    std::unique_lock lock(mutex_);
    ++arrived_;
    changed_.notify_all();
    return changed_.wait_for(lock, std::chrono::seconds(20), [this] { return arrived_ >= 2; });
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  int arrived_ = 0;
};

TEST_CASE("parallel_for runs every item exactly once, for any thread count") {
  for (int threads : {1, 2, 3, 8}) {
    for (std::size_t count : {std::size_t{0}, std::size_t{1}, std::size_t{2}, std::size_t{1000}}) {
      std::vector<std::atomic<int>> runs(count);
      parallel_for(threads, count, [&](std::size_t k) { ++runs[k]; });
      for (std::size_t k = 0; k < count; ++k) {
        INFO("threads " << threads << ", count " << count << ", item " << k);
        CHECK(runs[k] == 1);
      }
    }
  }
}

TEST_CASE("parallel_for with two threads runs two items at once, the caller's thread one of them") {
  Rendezvous rendezvous;
  std::atomic<bool> met{true};
  std::atomic<bool> on_caller{false};
  const auto caller = std::this_thread::get_id();
  parallel_for(2, 2, [&](std::size_t) {
    if (std::this_thread::get_id() == caller) on_caller = true;
    if (!rendezvous.arrive_and_wait()) met = false;
  });
  CHECK(met);
  CHECK(on_caller);
}

TEST_CASE("parallel_for keeps its helper threads from one loop to the next") {
  // A helper counts the loops it took part in, in a thread_local: a thread
  // made for each loop would count one. (Earlier tests may have left more
  // helpers than one, which share the loops.)
  thread_local int loops_here = 0;
  constexpr int kLoops = 20;
  const auto caller = std::this_thread::get_id();
  int most = 0;
  std::mutex mutex;
  for (int loop = 0; loop < kLoops; ++loop) {
    Rendezvous rendezvous;
    parallel_for(2, 2, [&](std::size_t) {
      REQUIRE(rendezvous.arrive_and_wait());
      if (std::this_thread::get_id() == caller) return;
      std::lock_guard lock(mutex);
      most = std::max(most, ++loops_here);
    });
  }
  CHECK(most > 1);
}

TEST_CASE("a parallel_for inside an item runs on threads of its own and completes") {
  std::vector<std::atomic<int>> runs(4 * 50);
  parallel_for(2, 4, [&](std::size_t outer) {
    parallel_for(2, 50, [&](std::size_t inner) { ++runs[outer * 50 + inner]; });
  });
  for (std::size_t k = 0; k < runs.size(); ++k) {
    INFO("item " << k);
    CHECK(runs[k] == 1);
  }
}

TEST_CASE(
    "an item's exception reaches the caller once the other thread has run the rest, and the pool stays "
    "usable") {
  for (std::size_t failing : {std::size_t{0}, std::size_t{1}, std::size_t{63}}) {
    std::vector<std::atomic<int>> runs(64);
    CHECK_THROWS_WITH_AS(parallel_for(2, runs.size(),
                                      [&](std::size_t k) {
                                        ++runs[k];
                                        if (k == failing) throw std::runtime_error("item failed");
                                      }),
                         "item failed", std::runtime_error);
    for (std::size_t k = 0; k < runs.size(); ++k) CHECK(runs[k] == 1);
  }
  std::atomic<std::size_t> sum{0};
  parallel_for(2, 100, [&](std::size_t k) { sum += k; });
  CHECK(sum == 4950);
}

TEST_CASE("loops started on two other threads at once both complete, one of them on threads of its own") {
  // Whichever starts second finds the helpers taken and starts its own.
  std::vector<std::atomic<int>> first(500);
  std::vector<std::atomic<int>> second(500);
  std::thread a([&] { parallel_for(2, first.size(), [&](std::size_t k) { ++first[k]; }); });
  std::thread b([&] { parallel_for(2, second.size(), [&](std::size_t k) { ++second[k]; }); });
  a.join();
  b.join();
  for (std::size_t k = 0; k < first.size(); ++k) {
    CHECK(first[k] == 1);
    CHECK(second[k] == 1);
  }
}

TEST_CASE("an exception thrown in a loop inside an item reaches the outer loop's caller") {
  CHECK_THROWS_WITH_AS(parallel_for(2, 4,
                                    [&](std::size_t outer) {
                                      parallel_for(2, 10, [&](std::size_t inner) {
                                        if (outer == 2 && inner == 7)
                                          throw std::runtime_error("inner failed");
                                      });
                                    }),
                       "inner failed", std::runtime_error);
  CHECK_THROWS_WITH_AS(parallel_for(1, 3,
                                    [](std::size_t k) {
                                      if (k == 1) throw std::runtime_error("alone");
                                    }),
                       "alone", std::runtime_error);
}

}  // namespace
}  // namespace cadence

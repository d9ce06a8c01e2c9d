#include "engine/core/parallel.h"

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace cadence::detail {
namespace {

// Helper threads kept for the life of the process. An evaluation runs a
// dozen loops on its threads; a thread started and joined for each loop
// cost its start, and its exit gave its stack pages (and, as often as not,
// its malloc arena's heap) back to the kernel, to be faulted in again by
// the next loop's thread.
class HelperPool {
 public:
  // Never destroyed: the helpers wait for work until the process ends, and
  // a loop run from a static destructor still finds the pool.
  static HelperPool& instance() {
    static HelperPool& pool = *new HelperPool;
    return pool;
  }

  HelperPool(const HelperPool&) = delete;
  HelperPool& operator=(const HelperPool&) = delete;

  // One loop at a time uses the pool. A loop that starts meanwhile (one
  // inside a loop's item, or one on another thread) never waits for it: it
  // gets threads of its own.
  void run(std::size_t helpers, const std::function<void()>& work) {
    if (in_use_.exchange(true, std::memory_order_acquire)) {
      run_on_new_threads(helpers, work);
      return;
    }
    struct Release {
      std::atomic<bool>& flag;
      ~Release() { flag.store(false, std::memory_order_release); }
    } release{in_use_};
    {
      std::lock_guard lock(mutex_);
      while (helpers_.size() < helpers) helpers_.emplace_back([this] { serve(); });
      work_ = &work;
      unclaimed_ = helpers;
      unfinished_ = helpers;
      ++loop_;
    }
    for (std::size_t woken = 0; woken < helpers; ++woken) wake_.notify_one();
    std::exception_ptr failure;
    try {
      work();
    } catch (...) {
      failure = std::current_exception();  // the helpers still use `work`: wait for them first
    }
    {
      std::unique_lock lock(mutex_);
      done_.wait(lock, [this] { return unfinished_ == 0; });
      work_ = nullptr;
      if (!failure) failure = helper_failure_;
      helper_failure_ = nullptr;
    }
    if (failure) std::rethrow_exception(failure);
  }

 private:
  HelperPool() = default;

  static void run_on_new_threads(std::size_t helpers, const std::function<void()>& work) {
    std::vector<std::exception_ptr> failures(helpers + 1);
    auto attempt = [&](std::size_t t) {
      try {
        work();
      } catch (...) {
        failures[t] = std::current_exception();
      }
    };
    std::vector<std::thread> threads;
    for (std::size_t t = 1; t <= helpers; ++t) threads.emplace_back(attempt, t);
    attempt(0);
    for (auto& thread : threads) thread.join();
    for (const auto& failure : failures) {
      if (failure) std::rethrow_exception(failure);
    }
  }

  // A helper's life: each loop's work, at most once, while the loop wants
  // more helpers.
  void serve() {
    uint64_t served = 0;  // the last loop this helper took part in
    for (;;) {
      const std::function<void()>* work = nullptr;
      {
        std::unique_lock lock(mutex_);
        wake_.wait(lock, [&] { return loop_ != served && unclaimed_ > 0; });
        served = loop_;
        --unclaimed_;
        work = work_;
      }
      std::exception_ptr thrown;
      try {
        (*work)();
      } catch (...) {
        thrown = std::current_exception();
      }
      std::lock_guard lock(mutex_);
      if (thrown && !helper_failure_) helper_failure_ = thrown;
      if (--unfinished_ == 0) done_.notify_one();
    }
  }

  std::atomic<bool> in_use_{false};  // a loop has the helpers
  std::mutex mutex_;                 // guards what follows
  std::condition_variable wake_;
  std::condition_variable done_;
  std::vector<std::thread> helpers_;
  const std::function<void()>* work_ = nullptr;
  std::size_t unclaimed_ = 0;          // helpers the current loop still wants
  std::size_t unfinished_ = 0;         // helpers of the current loop still working
  std::exception_ptr helper_failure_;  // the first a helper threw in the current loop
  uint64_t loop_ = 0;                  // loops run so far
};

}  // namespace

void share_work(std::size_t helpers, const std::function<void()>& work) {
  HelperPool::instance().run(helpers, work);
}

}  // namespace cadence::detail

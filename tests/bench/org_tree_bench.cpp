// Times OrgTree::build on a random tree shaped like a province's league:
// 400,000 orgs by default, five levels below the root, fixed seed, input in
// random order. Prints the median of the runs.
//
//   org_tree_bench [orgs] [runs]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <random>
#include <string>
#include <vector>

#include "engine/org/org_tree.h"

namespace {

// CPU time of this thread: the machine running the benchmark is often busy
// with other work, which inflates wall-clock time but not this.
double cpu_milliseconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec) / 1e6;
}

std::vector<cadence::OrgInput> random_tree(int count) {
  std::mt19937_64 random(20230310);
  // Ids are a random permutation of numbers, so byte order of ids has nothing
  // to do with creation order.
  std::vector<int> numbers(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) numbers[static_cast<std::size_t>(i)] = 100000 + i;
  std::shuffle(numbers.begin(), numbers.end(), random);
  auto id = [&numbers](int org) {
    std::string text = "O";
    text += std::to_string(numbers[static_cast<std::size_t>(org)]);
    return text;
  };

  // Level sizes grow by about 13 per level: 1, 13, 169, 2197, 28561, rest.
  std::vector<cadence::OrgInput> orgs;
  orgs.reserve(static_cast<std::size_t>(count));
  orgs.push_back({id(0), "", {}});
  int level_begin = 0;
  int level_end = 1;
  while (static_cast<int>(orgs.size()) < count) {
    const int level_size = level_end - level_begin;
    const int wanted = std::min(count - static_cast<int>(orgs.size()), level_size * 13);
    std::uniform_int_distribution<int> parent(level_begin, level_end - 1);
    for (int i = 0; i < wanted; ++i) {
      orgs.push_back({id(static_cast<int>(orgs.size())), id(parent(random)), {}});
    }
    level_begin = level_end;
    level_end = static_cast<int>(orgs.size());
  }
  std::shuffle(orgs.begin(), orgs.end(), random);
  return orgs;
}

}  // namespace

int main(int argc, char** argv) {
  const int count = argc > 1 ? std::atoi(argv[1]) : 400000;
  const int runs = argc > 2 ? std::atoi(argv[2]) : 5;
  if (count < 1 || runs < 1) {
    std::fprintf(stderr, "usage: org_tree_bench [orgs >= 1] [runs >= 1]\n");
    return 2;
  }
  const std::vector<cadence::OrgInput> orgs = random_tree(count);
  std::vector<double> milliseconds;
  std::vector<double> cpu;
  int depth = 0;
  for (int run = 0; run < runs; ++run) {
    cadence::Diagnostics diagnostics;
    const double cpu_start = cpu_milliseconds();
    const auto start = std::chrono::steady_clock::now();
    std::optional<cadence::OrgTree> tree = cadence::OrgTree::build(orgs, diagnostics);
    const auto stop = std::chrono::steady_clock::now();
    cpu.push_back(cpu_milliseconds() - cpu_start);
    if (!tree || tree->size() != count) {
      std::fprintf(stderr, "org_tree_bench: build failed\n");
      return 1;
    }
    for (cadence::OrgIndex org = 0; org < tree->size(); ++org) depth = std::max(depth, tree->depth(org));
    milliseconds.push_back(std::chrono::duration<double, std::milli>(stop - start).count());
  }
  std::sort(milliseconds.begin(), milliseconds.end());
  std::sort(cpu.begin(), cpu.end());
  std::printf("OrgTree::build: %d orgs, depth %d, median of %d runs: %.1f ms wall (min %.1f, max %.1f), %.1f ms cpu\n",
              count, depth, runs, milliseconds[milliseconds.size() / 2], milliseconds.front(), milliseconds.back(),
              cpu[cpu.size() / 2]);
  return 0;
}

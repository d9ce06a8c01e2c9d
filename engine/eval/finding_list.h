// The findings of an evaluation, in rule, period and org order, kept as the
// lists the evaluator filled batch by batch.
//
// Joining those lists into one vector moved every finding once more into
// fresh memory, where a first write costs more than the evaluation itself
// on the virtual machines cadence is measured on (BENCHMARKS.md "Figures behind engine/eval's comments").
// The lists are kept instead; a FindingList is read front to back, as every
// consumer reads findings (ranking, recording, the bulletin).
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <utility>
#include <vector>

#include "engine/eval/finding.h"

namespace cadence {

class FindingList {
 public:
  FindingList() = default;
  // One list (tests, and anything that builds findings by hand).
  explicit FindingList(std::vector<Finding> findings) { append(std::move(findings)); }

  // The ranking groups findings by ranges of this many orgs (org index /
  // kRangeOrgs), each range on its own in cache.
  static constexpr std::size_t kRangeOrgs = 512;
  // The findings of a list, from `begin` to the next run's begin (or the
  // list's end), whose orgs lie in range `range`.
  struct OrgRun {
    uint32_t begin = 0;
    uint32_t range = 0;
  };

  // The runs of a list of `count` findings whose orgs are org_of(0 ..
  // count − 1): a run starts wherever the org's range differs from the
  // previous one's.
  template <typename OrgOf>
  static std::vector<OrgRun> org_runs(std::size_t count, OrgOf org_of) {
    std::vector<OrgRun> runs;
    for (std::size_t i = 0; i < count; ++i) {
      const auto range = static_cast<uint32_t>(static_cast<std::size_t>(org_of(i)) / kRangeOrgs);
      if (runs.empty() || runs.back().range != range) runs.push_back({static_cast<uint32_t>(i), range});
    }
    return runs;
  }

  // Adds a list after the others; an empty one is dropped. Its org runs are
  // found by reading its findings (in any order: one out of org order has
  // more, shorter runs).
  void append(std::vector<Finding> findings) {
    std::vector<OrgRun> runs = org_runs(findings.size(), [&](std::size_t i) { return findings[i].org; });
    append(std::move(findings), std::move(runs));
  }
  // The same with the list's runs, in list order, from a writer that has
  // the orgs at hand: the evaluator knows each batch's finding orgs (in
  // index order) while it builds the list, and so need not read every
  // finding once more to cut them.
  void append(std::vector<Finding> findings, std::vector<OrgRun> runs) {
    if (findings.empty()) return;
    size_ += findings.size();
    lists_.push_back(std::move(findings));
    runs_.push_back(std::move(runs));
  }

  std::size_t size() const { return size_; }
  // The lists themselves, in order, none empty (for readers that split the
  // findings among threads).
  const std::vector<std::vector<Finding>>& lists() const { return lists_; }
  // A list's runs, in list order.
  const std::vector<OrgRun>& runs(std::size_t list) const { return runs_[list]; }
  bool empty() const { return size_ == 0; }

  class const_iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = Finding;
    using difference_type = std::ptrdiff_t;
    using pointer = const Finding*;
    using reference = const Finding&;

    const_iterator() = default;
    reference operator*() const { return (*lists_)[list_][item_]; }
    pointer operator->() const { return &**this; }
    const_iterator& operator++() {
      // Lists are never empty (append drops empty ones).
      if (++item_ == (*lists_)[list_].size()) {
        ++list_;
        item_ = 0;
      }
      return *this;
    }
    const_iterator operator++(int) {
      const_iterator before = *this;
      ++*this;
      return before;
    }
    bool operator==(const const_iterator& other) const { return list_ == other.list_ && item_ == other.item_; }

   private:
    friend class FindingList;
    const_iterator(const std::vector<std::vector<Finding>>* lists, std::size_t list) : lists_(lists), list_(list) {}
    const std::vector<std::vector<Finding>>* lists_ = nullptr;
    std::size_t list_ = 0;
    std::size_t item_ = 0;
  };

  const_iterator begin() const { return {&lists_, 0}; }
  const_iterator end() const { return {&lists_, lists_.size()}; }

 private:
  std::vector<std::vector<Finding>> lists_;
  std::vector<std::vector<OrgRun>> runs_;  // by list
  std::size_t size_ = 0;
};

}  // namespace cadence

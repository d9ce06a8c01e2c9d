// An evaluation's findings coded for the store (CodedFindings, audit_run.h):
// the texts that repeat — rule ids, org ids, periods, verdicts, gaps — once
// each in a dictionary, each finding their codes, so that recording a run
// builds a string per distinct text rather than five per finding.
//
//   to_coded(plan, dataset, findings) → rules = every rule id of the plan,
//   org_ids = every org id of the tree (codes are the plan's rule index and
//   the tree's org index), periods / statuses / gaps = the distinct texts in
//   order of first use; messages are views of `findings`' own, which must
//   outlive the save.
//
// Thread safety: none needed; a ValueCodes belongs to one caller.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "adapters/store/audit_run.h"
#include "engine/eval/finding_list.h"
#include "engine/plan/plan.h"
#include "engine/table/dataset.h"

namespace cadence {

// Hands out a dictionary code per distinct value (a period, a verdict, a
// gap), its key two integers, adding the value's text to `texts` the first
// time. Values repeat in runs (one verdict, one org's weeks), so the last key
// is checked before the hash.
class ValueCodes {
 public:
  using Key = std::pair<uint64_t, uint64_t>;

  explicit ValueCodes(std::vector<std::string>& texts) : texts_(texts) {}

  template <typename MakeText>
  uint32_t code(const Key& key, MakeText make_text) {
    if (!texts_.empty() && key == last_key_) return last_code_;
    auto [entry, inserted] = codes_.try_emplace(key, static_cast<uint32_t>(texts_.size()));
    if (inserted) texts_.push_back(make_text());
    last_key_ = key;
    last_code_ = entry->second;
    return last_code_;
  }

 private:
  struct Hash {
    std::size_t operator()(const Key& key) const {
      return std::hash<uint64_t>()(key.first * 0x9e3779b97f4a7c15ULL ^ key.second);
    }
  };
  std::vector<std::string>& texts_;
  std::unordered_map<Key, uint32_t, Hash> codes_;
  Key last_key_;
  uint32_t last_code_ = 0;
};

// The findings as the store records them (see the top of this file).
CodedFindings to_coded(const Plan& plan, const Dataset& dataset, const FindingList& findings);

}  // namespace cadence

// What the pages read: one immutable snapshot of the store — the org tree
// (with names and kinds) and the findings of the latest recorded audit run,
// indexed so that a page costs time in proportion to what it shows, never to
// the size of the run:
//   - findings sorted by org pre-order (then score, highest first): a
//     subtree's findings are one contiguous slice (OrgTree numbers a subtree
//     as a contiguous range);
//   - prefix sums over pre-order of fails, warnings, score and branches: the
//     pooled figures of any subtree in O(1);
//   - per rule, the sorted failing orgs: how many of a subtree's orgs fail
//     a rule, by two binary searches.
// A "branch" is a leaf of the tree (a county's figures count branches, not
// the township committees between, as the engine's roll-ups do).
//
// WorkspaceCache::current() checks on each request whether the store has a
// new run or import (one small query) and loads a new snapshot if so, so
// imports and audits made while the server runs show without a restart.
// Snapshots are shared_ptr<const>: a request keeps the one it started with.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/store/audit_run.h"
#include "engine/core/status.h"
#include "engine/plan/pack.h"
#include "engine/table/dataset.h"

struct sqlite3;

namespace cadence::web {

struct OrgFigures {
  int64_t branches = 0;
  int64_t failing_branches = 0;  // branches with at least one failed rule
  int64_t fails = 0;
  int64_t warns = 0;
  int64_t score_micros = 0;
  // failing_branches / branches in per mille, rounded half up (0 when no branches).
  int64_t failing_per_mille() const { return branches == 0 ? 0 : (failing_branches * 1000 + branches / 2) / branches; }
};

class Workspace {
 public:
  // Loads the org tree and every record set of the pack's schema (for
  // explain), and the latest run's findings. A store without orgs is an
  // error; without runs, run() is empty.
  static Result<std::shared_ptr<const Workspace>> load(const std::string& db_path, const Pack& pack);

  const Dataset& dataset() const { return dataset_; }
  const OrgTree& tree() const { return dataset_.tree(); }
  const std::optional<AuditRun>& run() const { return run_; }
  const std::vector<StoredFinding>& findings() const { return findings_; }

  std::optional<OrgIndex> find(std::string_view id) const { return tree().find(id); }
  std::string name(OrgIndex org) const { return attribute(org, "name"); }
  std::string kind(OrgIndex org) const { return attribute(org, "kind"); }
  bool is_branch(OrgIndex org) const { return tree().children(org).empty(); }
  // The depth-1 ancestor's name ("" at the root): names repeat across
  // counties, so lists show it.
  std::string county(OrgIndex org) const;

  OrgFigures figures(OrgIndex org) const;  // pooled over org's subtree
  // Finding indexes (into findings()) of org's subtree, or of org alone, in
  // pre-order then score descending.
  std::span<const uint32_t> subtree_findings(OrgIndex org) const;
  std::span<const uint32_t> own_findings(OrgIndex org) const;
  OrgIndex finding_org(uint32_t finding) const { return finding_orgs_[finding]; }
  // Orgs of org's subtree failing `rule` (branches for most rules, the
  // committees for roll-up rules).
  int64_t failing_orgs(std::string_view rule, OrgIndex org) const;
  // Orgs of org's subtree whose name contains `text`, in pre-order, at most `limit`.
  std::vector<OrgIndex> search(std::string_view text, OrgIndex org, std::size_t limit) const;

 private:
  std::string attribute(OrgIndex org, const char* column) const;
  std::span<const uint32_t> slice(OrgIndex begin, OrgIndex end) const;
  int64_t prefix(const std::vector<int64_t>& sums, OrgIndex org) const;

  Dataset dataset_;
  std::optional<AuditRun> run_;
  std::vector<StoredFinding> findings_;
  std::vector<OrgIndex> finding_orgs_;  // per finding; findings of orgs no longer in the tree are dropped
  std::vector<uint32_t> sorted_;        // finding indexes by (org, -score)
  std::vector<OrgIndex> sorted_orgs_;   // finding_orgs_ of sorted_, for binary search
  std::vector<int64_t> fail_sums_, warn_sums_, score_sums_, branch_sums_, failing_branch_sums_;
  std::map<std::string, std::vector<OrgIndex>, std::less<>> failing_by_rule_;
};

class WorkspaceCache {
 public:
  WorkspaceCache(std::string db_path, const Pack& pack) : db_path_(std::move(db_path)), pack_(pack) {}
  // The snapshot of the store as it is now (`db` is used for the freshness
  // query only). Thread-safe.
  Result<std::shared_ptr<const Workspace>> current(sqlite3* db);

 private:
  std::string db_path_;
  const Pack& pack_;
  std::mutex mutex_;
  std::string key_;
  std::shared_ptr<const Workspace> workspace_;
};

}  // namespace cadence::web

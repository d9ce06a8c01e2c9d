#include "adapters/web/workspace.h"

#include <algorithm>
#include <numeric>

#include "adapters/store/statement.h"
#include "adapters/store/store.h"

namespace cadence::web {

Result<std::shared_ptr<const Workspace>> Workspace::load(const std::string& db_path, const Pack& pack) {
  auto store = Store::open(db_path, StoreAccess::kReadOnly);
  if (!store.is_ok()) return store.status();
  if (Status begun = store->begin_read(); !begun.is_ok()) return begun;
  Diagnostics diagnostics;
  auto dataset = store->load_dataset(pack.schema, diagnostics);
  if (!dataset.is_ok()) {
    return Status::invalid_input("cannot load the store's data with the pack: " +
                                 (diagnostics.items().empty() ? dataset.status().message()
                                                              : diagnostics.items().front().message));
  }
  auto runs = store->audit_runs();
  if (!runs.is_ok()) return runs.status();
  auto workspace = std::make_shared<Workspace>();
  workspace->dataset_ = std::move(dataset).value();
  if (!runs->empty()) {
    workspace->run_ = runs->back();
    auto findings = store->run_findings(runs->back().id);
    if (!findings.is_ok()) return findings.status();
    workspace->findings_ = std::move(findings).value();
  }
  store->end_read();

  Workspace& w = *workspace;
  const OrgTree& tree = w.tree();
  const auto size = static_cast<std::size_t>(tree.size());
  w.finding_orgs_.assign(w.findings_.size(), -1);
  std::vector<int64_t> fails(size), warns(size), score(size), branch(size), failing_branch(size);
  for (std::size_t i = 0; i < w.findings_.size(); ++i) {
    const StoredFinding& finding = w.findings_[i];
    auto org = tree.find(finding.org_id);
    if (!org) continue;
    w.finding_orgs_[i] = *org;
    w.sorted_.push_back(static_cast<uint32_t>(i));
    const auto at = static_cast<std::size_t>(*org);
    if (finding.status == "fail") {
      ++fails[at];
      if (w.is_branch(*org)) failing_branch[at] = 1;
      w.failing_by_rule_[finding.rule].push_back(*org);
    } else {
      ++warns[at];
    }
    score[at] += finding.score_micros;
  }
  for (OrgIndex org = 0; org < tree.size(); ++org) branch[static_cast<std::size_t>(org)] = w.is_branch(org) ? 1 : 0;
  auto sums = [size](const std::vector<int64_t>& values) {
    std::vector<int64_t> out(size + 1, 0);
    std::partial_sum(values.begin(), values.end(), out.begin() + 1);
    return out;
  };
  w.fail_sums_ = sums(fails);
  w.warn_sums_ = sums(warns);
  w.score_sums_ = sums(score);
  w.branch_sums_ = sums(branch);
  w.failing_branch_sums_ = sums(failing_branch);
  for (auto& [rule, orgs] : w.failing_by_rule_) {
    std::sort(orgs.begin(), orgs.end());
    orgs.erase(std::unique(orgs.begin(), orgs.end()), orgs.end());
  }
  // Full tie-breakers: the order never depends on the run's storage order.
  std::sort(w.sorted_.begin(), w.sorted_.end(), [&w](uint32_t a, uint32_t b) {
    const StoredFinding& x = w.findings_[a];
    const StoredFinding& y = w.findings_[b];
    if (w.finding_orgs_[a] != w.finding_orgs_[b]) return w.finding_orgs_[a] < w.finding_orgs_[b];
    if (x.score_micros != y.score_micros) return x.score_micros > y.score_micros;
    if (x.rule != y.rule) return x.rule < y.rule;
    return x.period < y.period;
  });
  w.sorted_orgs_.reserve(w.sorted_.size());
  for (uint32_t index : w.sorted_) w.sorted_orgs_.push_back(w.finding_orgs_[index]);
  return std::shared_ptr<const Workspace>(std::move(workspace));
}

std::string Workspace::attribute(OrgIndex org, const char* column) const {
  const RecordSet& orgs = dataset_.orgs();
  const int index = orgs.schema().column_index(column);
  if (index < 0) return "";
  const Column& values = orgs.column(static_cast<std::size_t>(index));
  const auto row = static_cast<std::size_t>(org);
  return values.is_null(row) ? std::string() : values.format(row);
}

std::string Workspace::county(OrgIndex org) const {
  if (tree().depth(org) < 1) return "";
  return name(tree().ancestor_at_depth(org, 1));
}

int64_t Workspace::prefix(const std::vector<int64_t>& sums, OrgIndex org) const {
  return sums[static_cast<std::size_t>(tree().subtree_end(org))] - sums[static_cast<std::size_t>(org)];
}

OrgFigures Workspace::figures(OrgIndex org) const {
  OrgFigures out;
  out.branches = prefix(branch_sums_, org);
  out.failing_branches = prefix(failing_branch_sums_, org);
  out.fails = prefix(fail_sums_, org);
  out.warns = prefix(warn_sums_, org);
  out.score_micros = prefix(score_sums_, org);
  return out;
}

std::span<const uint32_t> Workspace::slice(OrgIndex begin, OrgIndex end) const {
  auto first = std::lower_bound(sorted_orgs_.begin(), sorted_orgs_.end(), begin);
  auto last = std::lower_bound(first, sorted_orgs_.end(), end);
  return std::span<const uint32_t>(sorted_).subspan(static_cast<std::size_t>(first - sorted_orgs_.begin()),
                                                     static_cast<std::size_t>(last - first));
}

std::span<const uint32_t> Workspace::subtree_findings(OrgIndex org) const { return slice(org, tree().subtree_end(org)); }

std::span<const uint32_t> Workspace::own_findings(OrgIndex org) const { return slice(org, org + 1); }

int64_t Workspace::failing_orgs(std::string_view rule, OrgIndex org) const {
  auto found = failing_by_rule_.find(rule);
  if (found == failing_by_rule_.end()) return 0;
  const auto& orgs = found->second;
  auto first = std::lower_bound(orgs.begin(), orgs.end(), org);
  auto last = std::lower_bound(first, orgs.end(), tree().subtree_end(org));
  return last - first;
}

std::vector<OrgIndex> Workspace::search(std::string_view text, OrgIndex org, std::size_t limit) const {
  std::vector<OrgIndex> out;
  if (text.empty()) return out;
  for (OrgIndex candidate = org; candidate < tree().subtree_end(org) && out.size() < limit; ++candidate) {
    if (name(candidate).find(text) != std::string::npos || tree().id(candidate) == text) out.push_back(candidate);
  }
  return out;
}

Result<std::shared_ptr<const Workspace>> WorkspaceCache::current(sqlite3* db) {
  // Changes whenever an audit is recorded or an import (or its undo) commits.
  store::Statement select(db,
                          "SELECT (SELECT coalesce(max(id), 0) FROM audit_runs), "
                          "(SELECT coalesce(max(id), 0) FROM import_batches), (SELECT count(*) FROM import_batches)");
  if (!select.ok()) return select.status();
  std::string key;
  if (select.step()) {
    key = std::to_string(select.integer(0)) + "/" + std::to_string(select.integer(1)) + "/" +
          std::to_string(select.integer(2));
    select.rewind();
  }
  if (!select.ok()) return select.status();
  std::lock_guard lock(mutex_);
  if (workspace_ && key == key_) return workspace_;
  auto loaded = Workspace::load(db_path_, pack_);
  if (!loaded.is_ok()) return loaded.status();
  workspace_ = *loaded;
  key_ = key;
  return workspace_;
}

}  // namespace cadence::web

#include "adapters/report/run_diff.h"

#include <algorithm>
#include <set>

#include "engine/eval/rational.h"

namespace cadence {

std::string_view to_string(Change change) {
  switch (change) {
    case Change::kNew: return "new";
    case Change::kPersisting: return "persisting";
    case Change::kRevised: return "revised";
    case Change::kResolved: return "resolved";
  }
  return "?";
}

namespace {

FindingIdentity identity(const StoredFinding& finding) { return {finding.rule, finding.org_id, finding.period}; }

}  // namespace

std::vector<FindingChange> diff_runs(const AuditRun& /*older*/, const std::vector<StoredFinding>& older_findings,
                                     const AuditRun& newer, const std::vector<StoredFinding>& newer_findings,
                                     const std::map<FindingIdentity, int64_t>& first_seen) {
  std::map<FindingIdentity, const StoredFinding*> before;
  for (const auto& finding : older_findings) before[identity(finding)] = &finding;
  const auto names = run_period_names(newer);
  const std::set<std::string> newer_periods(names.begin(), names.end());
  std::vector<FindingChange> changes;
  std::set<FindingIdentity> seen;
  for (const auto& finding : newer_findings) {
    FindingIdentity key = identity(finding);
    seen.insert(key);
    FindingChange change;
    change.finding = finding;
    auto found = before.find(key);
    if (found == before.end()) {
      change.change = Change::kNew;
    } else {
      change.previous_value_micros = found->second->value_micros;
      change.change = found->second->value_micros == finding.value_micros ? Change::kPersisting : Change::kRevised;
      auto first = first_seen.find(key);
      if (first != first_seen.end()) change.open_since_run = first->second;
    }
    changes.push_back(std::move(change));
  }
  for (const auto& finding : older_findings) {
    FindingIdentity key = identity(finding);
    if (seen.count(key) > 0 || newer_periods.count(finding.period) == 0) continue;
    FindingChange change;
    change.change = Change::kResolved;
    change.finding = finding;
    change.previous_value_micros = finding.value_micros;
    changes.push_back(std::move(change));
  }
  std::sort(changes.begin(), changes.end(), [](const FindingChange& a, const FindingChange& b) {
    if (a.change != b.change) return a.change < b.change;
    return identity(a.finding) < identity(b.finding);
  });
  return changes;
}

std::string format_diff(const AuditRun& older, const AuditRun& newer, const std::vector<FindingChange>& changes) {
  std::map<Change, int> counts;
  for (const auto& change : changes) ++counts[change.change];
  std::string out = "run " + std::to_string(older.id) + " (" + older.started_at + ") → " +
                    (newer.id == 0 ? std::string("this run") : "run " + std::to_string(newer.id)) + " (" +
                    newer.started_at + ")\n";
  for (Change change : {Change::kNew, Change::kPersisting, Change::kRevised, Change::kResolved}) {
    out += "  " + std::string(to_string(change)) + ": " + std::to_string(counts[change]) + "\n";
  }
  for (const auto& change : changes) {
    const StoredFinding& finding = change.finding;
    out += std::string(to_string(change.change)) + "\t" + finding.rule + "\t" + finding.org_id + "\t" +
           finding.period + "\tvalue " + format_micros(finding.value_micros);
    if (change.change == Change::kRevised) out += " (was " + format_micros(change.previous_value_micros) + ")";
    if ((change.change == Change::kPersisting || change.change == Change::kRevised) && change.open_since_run > 0) {
      out += "\topen since run " + std::to_string(change.open_since_run);
    }
    out += "\n";
  }
  return out;
}

}  // namespace cadence

#include "adapters/report/run_diff.h"

#include <algorithm>
#include <set>

#include "adapters/i18n/people_dates.h"
#include "adapters/i18n/translate.h"
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
  // The change names in the reader's language (to_string gives the codes).
  auto change_name = [](Change change) {
    switch (change) {
      case Change::kNew: return tr("new");
      case Change::kPersisting: return tr("persisting");
      case Change::kRevised: return tr("revised");
      case Change::kResolved: return tr("resolved");
    }
    return std::string(to_string(change));
  };
  const std::string run_text = tr("run {1}");
  std::string out = fill(run_text, {std::to_string(older.id)}) + " (" + stored_time_for_people(older.started_at) +
                    ") → " + (newer.id == 0 ? tr("this run") : fill(run_text, {std::to_string(newer.id)})) + " (" +
                    stored_time_for_people(newer.started_at) + ")\n";
  for (Change change : {Change::kNew, Change::kPersisting, Change::kRevised, Change::kResolved}) {
    out += "  " + change_name(change) + tr(": ") + std::to_string(counts[change]) + "\n";
  }
  const std::string value_text = tr("value {1}");
  const std::string was_text = tr(" (was {1})");
  const std::string open_text = tr("open since run {1}");
  for (const auto& change : changes) {
    const StoredFinding& finding = change.finding;
    out += change_name(change.change) + "\t" + finding.rule + "\t" + finding.org_id + "\t" + finding.period + "\t" +
           fill(value_text, {format_micros(finding.value_micros)});
    if (change.change == Change::kRevised) out += fill(was_text, {format_micros(change.previous_value_micros)});
    if ((change.change == Change::kPersisting || change.change == Change::kRevised) && change.open_since_run > 0) {
      out += "\t" + fill(open_text, {std::to_string(change.open_since_run)});
    }
    out += "\n";
  }
  return out;
}

}  // namespace cadence

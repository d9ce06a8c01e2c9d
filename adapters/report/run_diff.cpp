#include "adapters/report/run_diff.h"

#include <algorithm>
#include <optional>
#include <set>

#include "adapters/i18n/people_dates.h"
#include "adapters/i18n/translate.h"
#include "engine/calendar/period.h"
#include "engine/eval/rational.h"

namespace cadence {

std::string_view to_string(Change change) {
  switch (change) {
    case Change::kNew: return "new";
    case Change::kPersisting: return "persisting";
    case Change::kRevised: return "revised";
    case Change::kResolved: return "resolved";
    case Change::kNotCompared: return "not compared";
  }
  return "?";
}

namespace {

FindingIdentity identity(const StoredFinding& finding) { return {finding.rule, finding.org_id, finding.period}; }

std::optional<std::string> neighbour(const std::string& period, int step) {
  auto parsed = Period::parse(period);
  if (!parsed) return std::nullopt;
  return (step < 0 ? parsed->previous() : parsed->next()).to_string();
}

// What both runs say, for following a rule's failures on an org from one
// period to the next across the two runs.
class Timeline {
 public:
  Timeline(const AuditRun& older, const std::vector<StoredFinding>& older_findings, const AuditRun& newer,
           const std::vector<StoredFinding>& newer_findings) {
    for (const auto& name : run_period_names(older)) graded_.insert(name);
    for (const auto& name : run_period_names(newer)) graded_.insert(name);
    for (const auto& finding : older_findings) failed_.insert(identity(finding));
    for (const auto& finding : newer_findings) failed_.insert(identity(finding));
  }

  bool failed(const std::string& rule, const std::string& org, const std::string& period) const {
    return failed_.count({rule, org, period}) > 0;
  }
  bool graded(const std::string& period) const { return graded_.count(period) > 0; }

  // The first period of the run of failures that ends with `finding`'s,
  // when the run began before it (else empty).
  std::string since(const StoredFinding& finding) const {
    std::string first;
    std::string period = finding.period;
    // A run is at most a year of weeks: the bound only guards odd input.
    for (int steps = 0; steps < 60; ++steps) {
      auto before = neighbour(period, -1);
      if (!before || !failed(finding.rule, finding.org_id, *before)) break;
      first = *before;
      period = *before;
    }
    return first;
  }

 private:
  std::set<std::string> graded_;
  std::set<FindingIdentity> failed_;
};

}  // namespace

std::vector<FindingChange> diff_runs(const AuditRun& older, const std::vector<StoredFinding>& older_findings,
                                     const AuditRun& newer, const std::vector<StoredFinding>& newer_findings,
                                     const std::map<FindingIdentity, int64_t>& first_seen) {
  std::map<FindingIdentity, const StoredFinding*> before;
  for (const auto& finding : older_findings) before[identity(finding)] = &finding;
  const auto older_names = run_period_names(older);
  const std::set<std::string> older_periods(older_names.begin(), older_names.end());
  const auto newer_names = run_period_names(newer);
  const std::set<std::string> newer_periods(newer_names.begin(), newer_names.end());
  const Timeline timeline(older, older_findings, newer, newer_findings);
  std::vector<FindingChange> changes;
  std::set<FindingIdentity> seen;
  for (const auto& finding : newer_findings) {
    FindingIdentity key = identity(finding);
    seen.insert(key);
    FindingChange change;
    change.finding = finding;
    auto found = before.find(key);
    if (found != before.end()) {
      change.previous_value_micros = found->second->value_micros;
      change.change = found->second->value_micros == finding.value_micros ? Change::kPersisting : Change::kRevised;
      auto first = first_seen.find(key);
      if (first != first_seen.end()) change.open_since_run = first->second;
      if (change.change == Change::kPersisting) change.since_period = timeline.since(finding);
    } else if (std::string since = timeline.since(finding); !since.empty()) {
      // The rule failed for the org in the period before too: the same
      // failure going on, not a new one.
      change.change = Change::kPersisting;
      change.since_period = since;
    } else {
      const auto previous = neighbour(finding.period, -1);
      const bool known_before = older_periods.count(finding.period) > 0 || (previous && timeline.graded(*previous));
      change.change = known_before ? Change::kNew : Change::kNotCompared;
    }
    changes.push_back(std::move(change));
  }
  for (const auto& finding : older_findings) {
    FindingIdentity key = identity(finding);
    if (seen.count(key) > 0) continue;
    FindingChange change;
    change.finding = finding;
    change.previous_value_micros = finding.value_micros;
    if (newer_periods.count(finding.period) > 0) {
      change.change = Change::kResolved;  // re-graded without it
    } else if (const auto next = neighbour(finding.period, 1); next && newer_periods.count(*next) > 0) {
      // The newer run graded the period after: resolved when it stopped
      // failing there; a failure there is the newer run's persisting one.
      if (timeline.failed(finding.rule, finding.org_id, *next)) continue;
      change.change = Change::kResolved;
    } else {
      // A period the newer run did not look at, nor the one after: not
      // re-checked, so not resolved; listed apart.
      change.change = Change::kNotCompared;
      change.from_older = true;
    }
    changes.push_back(std::move(change));
  }
  std::sort(changes.begin(), changes.end(), [](const FindingChange& a, const FindingChange& b) {
    if (a.change != b.change) return a.change < b.change;
    if (a.from_older != b.from_older) return !a.from_older;
    return identity(a.finding) < identity(b.finding);
  });
  return changes;
}

std::string format_diff(const AuditRun& older, const AuditRun& newer, const std::vector<FindingChange>& changes,
                        const std::map<std::string, std::string>& org_names) {
  std::map<Change, int> counts;
  for (const auto& change : changes) ++counts[change.change];
  // The change names in the reader's language (to_string gives the codes).
  auto change_name = [](Change change) {
    switch (change) {
      case Change::kNew: return tr("new");
      case Change::kPersisting: return tr("persisting");
      case Change::kRevised: return tr("revised");
      case Change::kResolved: return tr("resolved");
      case Change::kNotCompared: return tr("not compared");
    }
    return std::string(to_string(change));
  };
  const std::string run_text = tr("run {1}");
  const std::string older_name = fill(run_text, {std::to_string(older.id)});
  const std::string newer_name = newer.id == 0 ? tr("this run") : fill(run_text, {std::to_string(newer.id)});
  std::string out = older_name + " (" + stored_time_for_people(older.started_at) + ") → " + newer_name + " (" +
                    stored_time_for_people(newer.started_at) + ")\n";
  for (Change change : {Change::kNew, Change::kPersisting, Change::kRevised, Change::kResolved}) {
    out += "  " + change_name(change) + tr(": ") + std::to_string(counts[change]) + "\n";
  }
  if (counts[Change::kNotCompared] > 0) {
    out += "  " + fill(tr("not compared (a period only one run graded): {1}"),
                       {std::to_string(counts[Change::kNotCompared])}) + "\n";
  }
  const std::string value_text = tr("value {1}");
  const std::string was_text = tr(" (was {1})");
  const std::string open_text = tr("open since run {1}");
  for (const auto& change : changes) {
    const StoredFinding& finding = change.finding;
    std::string org = finding.org_id;
    if (auto name = org_names.find(finding.org_id); name != org_names.end() && !name->second.empty()) {
      org += " " + name->second;
    }
    out += change_name(change.change) + "\t" + finding.rule + "\t" + org + "\t" + finding.period + "\t" +
           fill(value_text, {format_micros(finding.value_micros)});
    if (change.change == Change::kRevised) out += fill(was_text, {format_micros(change.previous_value_micros)});
    if ((change.change == Change::kPersisting || change.change == Change::kRevised) && change.open_since_run > 0) {
      out += "\t" + fill(open_text, {std::to_string(change.open_since_run)});
    }
    if (change.change == Change::kPersisting && !change.since_period.empty()) {
      out += "\t" + fill(tr("failing since {1}"), {change.since_period});
    }
    if (change.change == Change::kNotCompared) {
      out += "\t" + fill(tr("only {1} graded this period"), {change.from_older ? older_name : newer_name});
    }
    out += "\n";
  }
  return out;
}

}  // namespace cadence

// Comparing two audit runs finding by finding. A finding's identity is
// (rule, org, period):
//   new         in the newer run only;
//   persisting  in both with the same value ("open since" the first run of the
//               history that had it);
//   revised     in both, value changed (newer data for the same period);
//   resolved    in the older run only, and the newer run evaluated its
//               period (a period the newer run did not look at is not
//               "resolved", just not re-checked).
#pragma once

#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "adapters/store/audit_run.h"

namespace cadence {

enum class Change { kNew, kPersisting, kRevised, kResolved };
std::string_view to_string(Change change);

struct FindingChange {
  Change change = Change::kNew;
  StoredFinding finding;          // the newer one (the older one for resolved)
  int64_t previous_value_micros = 0;
  int64_t open_since_run = 0;     // persisting/revised: first run that had it
};

using FindingIdentity = std::tuple<std::string, std::string, std::string>;

// `history` maps an identity to the first run id that recorded it (for
// "open since"); pass an empty map to skip that.
std::vector<FindingChange> diff_runs(const AuditRun& older, const std::vector<StoredFinding>& older_findings,
                                     const AuditRun& newer, const std::vector<StoredFinding>& newer_findings,
                                     const std::map<FindingIdentity, int64_t>& first_seen);

// A readable summary: counts per change, then the rows grouped by change.
// A run not yet recorded (id 0: `audit --since-last` prints before it
// records) is "this run".
std::string format_diff(const AuditRun& older, const AuditRun& newer, const std::vector<FindingChange>& changes);

}  // namespace cadence

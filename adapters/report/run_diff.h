// Comparing two audit runs finding by finding, like with like. A finding's
// identity is (rule, org, period), and only periods both runs graded are
// compared directly:
//   new           in the newer run only, in a period the older run graded
//                 too, or right after a period where it did not fail;
//   persisting    in both with the same value ("open since" the first run
//                 of the history that had it), or in the newer run only
//                 while the rule also failed for the org in the period
//                 before (`since` is the first period of that run);
//   revised       in both, value changed (newer data for the same period);
//   resolved      it stopped failing: in the older run only, and the newer
//                 run graded its period (or the period after it) without it;
//   not compared  a finding of one run in a period the other did not grade
//                 and nothing before or after it to compare with: listed
//                 apart, never counted as new or resolved.
#pragma once

#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "adapters/store/audit_run.h"

namespace cadence {

enum class Change { kNew, kPersisting, kRevised, kResolved, kNotCompared };
std::string_view to_string(Change change);

struct FindingChange {
  Change change = Change::kNew;
  StoredFinding finding;          // the newer one (the older one for resolved)
  int64_t previous_value_micros = 0;
  int64_t open_since_run = 0;     // persisting/revised: first run that had it
  std::string since_period;       // persisting: the first period of the run of failures, when before this one
  bool from_older = false;        // not compared: the finding is the older run's
};

using FindingIdentity = std::tuple<std::string, std::string, std::string>;

// `history` maps an identity to the first run id that recorded it (for
// "open since"); pass an empty map to skip that.
std::vector<FindingChange> diff_runs(const AuditRun& older, const std::vector<StoredFinding>& older_findings,
                                     const AuditRun& newer, const std::vector<StoredFinding>& newer_findings,
                                     const std::map<FindingIdentity, int64_t>& first_seen);

// A readable summary: counts per change, then the rows grouped by change,
// the ones not compared last. An org is shown by its id and, when
// `org_names` knows it, its name. A run not yet recorded (id 0: `audit
// --since-last` prints before it records) is "this run".
std::string format_diff(const AuditRun& older, const AuditRun& newer, const std::vector<FindingChange>& changes,
                        const std::map<std::string, std::string>& org_names = {});

}  // namespace cadence

// `cadence import --replace SET [--period P] [--under ORG]`: the one way to
// remove stored rows. An import never removes a row a file lacks (except a
// snapshot closing the rows of the orgs it covers); removing is explicit,
// scoped, and says exactly what it removes. The removal is a batch of its
// own: the rows' versions are closed by it (the history keeps them), and
// `cadence import --undo` brings them back.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "adapters/store/store.h"
#include "engine/calendar/date.h"
#include "engine/core/diagnostic.h"
#include "engine/table/schema.h"

namespace cadence {

struct ReplaceRequest {
  std::string record_set;  // required
  std::string period;      // "2023-W10", "2023-03", ...: rows whose time is in it; empty = every time
  std::string under;       // an org id: rows of its subtree; empty = every org
  std::optional<Date> as_of;  // snapshot sets: when the removed rows end (default: today)
  bool dry_run = false;       // say what would be removed, remove nothing
  std::string imported_at;    // ISO 8601 UTC; empty: the system clock
};

struct ReplaceReport {
  int exit_code = 2;  // 0 done (or dry run), 2 refused (diagnostics say why)
  std::string scope;  // "study, period 2023-W10, subtree of C1"
  int64_t removed = 0;
  std::vector<std::string> first_keys;  // the first removed rows' keys
  int64_t batch_id = 0;                 // 0 for a dry run
  bool dry_run = false;
};

// Removes the rows in one transaction of its own, or nothing.
ReplaceReport replace_rows(Store& store, const Schema& schema, const ReplaceRequest& request,
                           Diagnostics& diagnostics);

// "removed 12 rows of study, period 2023-W10, subtree of C1 (batch 7): B1, 2023-W10; ..."
std::string format_replace_report(const ReplaceReport& report);

}  // namespace cadence

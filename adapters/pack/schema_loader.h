// Reading a pack's schema (rules/<pack>/schema.yaml, or the inline `schema:`
// mapping of pack.yaml) into engine/table/schema.h.
//
//   record_sets:
//     study:
//       files: [study, 青年大学习]      # file names that map to it (default: its name)
//       key: [org_id, week]             # columns identifying a row (optional)
//       org: org_id                     # the column referencing orgs.id
//       time: week                      # the column placing a row in time
//       columns:
//         org_id: {type: text, required: true, aliases: [所在团支部]}
//         week: week                    # shorthand for {type: week}
//         learners: {type: integer, required: true, min: 0}
//
// Columns keep their YAML order. Every problem is an error Diagnostic at the
// offending node (file, line, column): unknown keys (with a suggestion),
// unknown column types, key/org/member/time/org_references naming a missing
// column, an enum without values, codes or `otherwise` mapping to a value
// that is not one of `values`, bounds on a non-numeric column, duplicate
// names, and an `orgs` record set that is missing or lacks id, parent_id,
// name or kind. All problems are reported, not only the first.
// Never throws; pure apart from its arguments, safe from any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "engine/core/diagnostic.h"
#include "engine/table/schema.h"

namespace cadence {

// Reads a schema document from YAML text; `file` names it in diagnostics.
// nullopt when any error was reported.
std::optional<Schema> load_schema_from_text(std::string_view yaml, const std::string& file,
                                            Diagnostics& diagnostics);

}  // namespace cadence

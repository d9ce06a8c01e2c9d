// The org tree and the record sets of one evaluation, immutable once built.
//
// Dataset::build takes the "orgs" record set and the others as loaded (any
// row order), builds the OrgTree, resolves every org and member reference,
// and sorts each record set by (org pre-order, time) — the order the
// evaluator's single passes rely on. Problems (tree errors, unknown org ids,
// rows whose org is not a branch where the schema demands one) are reported
// as diagnostics naming the record set and row.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/core/diagnostic.h"
#include "engine/org/org_tree.h"
#include "engine/table/record_set.h"
#include "engine/table/schema.h"

namespace cadence {

class Dataset {
 public:
  // `orgs` must have columns id and parent_id. Rows of any record set may carry
  // a SourceSpan each (file and line) for diagnostics; pass empty vectors when
  // unknown. Returns nullopt when any error was reported.
  static std::optional<Dataset> build(RecordSet orgs, std::vector<RecordSet> record_sets,
                                      Diagnostics& diagnostics);

  const OrgTree& tree() const { return tree_; }
  // The orgs record set, its rows in pre-order (row i is org i).
  const RecordSet& orgs() const { return orgs_; }
  const RecordSet* find(std::string_view name) const;
  const std::map<std::string, RecordSet, std::less<>>& record_sets() const { return record_sets_; }

 private:
  OrgTree tree_;
  RecordSet orgs_;
  std::map<std::string, RecordSet, std::less<>> record_sets_;
};

}  // namespace cadence

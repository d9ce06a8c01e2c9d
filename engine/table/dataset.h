// The org tree and the record sets of one evaluation, immutable once built.
//
// Dataset::build takes the "orgs" record set and the others as loaded (any
// row order), builds the OrgTree, resolves every org and member reference,
// and sorts each record set by (org pre-order, time) — the order the
// evaluator's single passes rely on. Problems (tree errors, unknown org ids,
// rows whose org is not a branch where the schema demands one) are reported
// as diagnostics naming the record set and row.
//
// What build does to each record set:
//   - org_column set: each value is resolved to its OrgIndex; rows are sorted
//     stably by (org pre-order, row_day), a null time first; org_offsets and
//     row_org are filled. An unknown org is an error, reported once per
//     distinct id with its first row (1-based, in the order given):
//       study: error: column 'org_id': row 7: unknown org 'B99' (and 3 more rows)
//     A null org is an error ("row 3: no org id") when the column is
//     required; otherwise the row belongs to no org (kNoOrg) and such rows
//     come last, from org_begin(tree().size()) to rows().
//     Without org_column a set keeps its order; row_org is all kNoOrg.
//   - time_column set: row_day is the date, or the first day of the period
//     (a week's Monday, a month's 1st); it must be a date or period column.
//   - member_column set: row_member is the row of members (after members is
//     sorted) whose id matches, or -1. Not an error: transfers of members who
//     left the data are legal. All -1 when there is no members record set.
// A record set given twice, or a named column that does not exist, is an
// error. The orgs record set is reachable through orgs() and find("orgs"),
// not through record_sets().
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

class DatasetBuilder;

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
  friend class DatasetBuilder;
  OrgTree tree_;
  RecordSet orgs_;
  std::map<std::string, RecordSet, std::less<>> record_sets_;
};

// Dataset::build in steps, for a loader that makes record sets one at a time
// and wants each one sorted while it makes the next (Store::load_dataset
// hands them to a second thread). The constructor builds the tree, add()
// resolves and sorts one record set, finish() resolves member references:
// the same Dataset and the same diagnostics, in the same order, as
// Dataset::build(orgs, the sets in the order added). Not thread-safe: one
// thread at a time (handing the builder over with a mutex is fine).
class DatasetBuilder {
 public:
  // Diagnostics go to `diagnostics`, which must outlive the builder. After a
  // failed tree (reported), add() does nothing and finish() returns nullopt.
  DatasetBuilder(RecordSet orgs, Diagnostics& diagnostics);
  void add(RecordSet record_set);
  // nullopt when any error was reported since the constructor. `threads`:
  // how many threads member references may use (2 halves the wait for
  // them); the result does not depend on it.
  std::optional<Dataset> finish(int threads = 1);

 private:
  bool build_tree(RecordSet orgs);

  Diagnostics* diagnostics_;
  int errors_before_;
  bool tree_built_ = false;
  Dataset dataset_;
};

}  // namespace cadence

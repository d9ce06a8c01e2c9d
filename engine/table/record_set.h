// A named table of facts: columns by schema, plus the row→org and row→time
// indexes the evaluator needs. Inside a Dataset, rows are sorted by (org
// pre-order, time), so each org's rows are one contiguous slice and, within
// it, in time order.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "engine/org/org_tree.h"
#include "engine/table/column.h"
#include "engine/table/schema.h"

namespace cadence {

inline constexpr int32_t kNoDay = std::numeric_limits<int32_t>::min();

class RecordSet {
 public:
  RecordSet() = default;
  explicit RecordSet(RecordSetSchema schema);  // one empty column per schema column

  const RecordSetSchema& schema() const { return schema_; }
  const std::string& name() const { return schema_.name; }
  std::size_t rows() const { return columns_.empty() ? 0 : columns_.front().size(); }
  Column& column(std::size_t index) { return columns_[index]; }
  const Column& column(std::size_t index) const { return columns_[index]; }
  // Aborts if the column does not exist (binders check names first).
  const Column& column(std::string_view name) const;
  Column& column(std::string_view name);
  std::size_t column_count() const { return columns_.size(); }

  // Filled by Dataset::build.
  // The org (pre-order) of each row; kNoOrg when the set has no org column.
  const std::vector<OrgIndex>& row_org() const { return row_org_; }
  // Rows of org i are [org_begin(i), org_begin(i + 1)). Empty when no org column.
  // org_begin(tree size) ends the orgs' rows; rows without an org (an empty
  // optional org column) follow it up to rows().
  uint32_t org_begin(OrgIndex org) const { return org_offsets_[static_cast<std::size_t>(org)]; }
  bool has_org_index() const { return !org_offsets_.empty(); }
  // The row's place in time as a day (a week → its Monday, a month → its first
  // day); kNoDay for a null time or when the set has no time column.
  const std::vector<int32_t>& row_day() const { return row_day_; }
  // For sets with a member column: the members row each row refers to, or -1.
  const std::vector<int32_t>& row_member() const { return row_member_; }

 private:
  friend class Dataset;
  friend class DatasetBuilder;
  RecordSetSchema schema_;
  std::vector<Column> columns_;
  std::vector<OrgIndex> row_org_;
  std::vector<uint32_t> org_offsets_;
  std::vector<int32_t> row_day_;
  std::vector<int32_t> row_member_;
};

}  // namespace cadence

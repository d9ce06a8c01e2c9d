// Aggregates over record sets, as the binder registers them. Identical
// aggregates (same structure, structural_key.h — not the same printed text,
// so the printer can change without changing what is shared) are registered
// once and shared between rules: `sum(study.learners)` in a weekly rate and
// in a monthly one is one pass.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "engine/lang/ast.h"
#include "engine/lang/bound.h"

namespace cadence::lang {

enum class AggregateFunction : uint8_t { kCount, kSum, kMin, kMax, kAvg, kCountDistinct, kExists };
std::string_view to_string(AggregateFunction function);

enum class Over : uint8_t { kSelf, kSubtree };

enum class WindowKind : uint8_t {
  kPeriod,      // the rows whose time lies in the period (default)
  kLast,        // a rolling window ending with the period: `last 3 months`
  kYearToDate,  // from January 1 of the period's year to its end
  kAll,         // every row, whatever its time (snapshot sets always)
};

struct Window {
  WindowKind kind = WindowKind::kPeriod;
  Duration length;  // kLast
};

struct AggregateSpec {
  AggregateFunction function = AggregateFunction::kCount;
  std::string record_set;
  int column = -1;          // value column; -1 for count and exists
  Type column_type = Type::kNumber;
  BoundPtr filter;          // row context over record_set; null = every row
  Over over = Over::kSelf;
  Window window;
  bool snapshot = false;    // the value does not depend on the period
  // Member-correlated (row context of members): the aggregate is per member
  // row, over the rows of record_set that reference that member.
  bool per_member = false;
  std::string canonical;    // the form `--explain` and messages print
  // over: subtree only: the canonical text of the same aggregate per org,
  // whose values pooled up the tree are this one's.
  std::string per_org_canonical;
  SourceSpan span;
};

class AggregateTable {
 public:
  // Registers an aggregate or returns the index of one with the same
  // structure.
  int add(AggregateSpec spec);
  const std::vector<AggregateSpec>& specs() const { return specs_; }
  const AggregateSpec& at(int index) const { return specs_[static_cast<std::size_t>(index)]; }
  int size() const { return static_cast<int>(specs_.size()); }

 private:
  std::vector<AggregateSpec> specs_;  // inner aggregates before the ones that use them
  std::map<std::string, int> index_by_structure_;
};

}  // namespace cadence::lang

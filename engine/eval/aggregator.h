// Computes the plan's aggregates over a Dataset: for each aggregate and each
// list of periods it is read with, a dense (period × org) array of values
// (a pooled twin's array has a column per inner org only: AggregateValues).
//
// One pass per record set and window: rows are sorted by (org pre-order,
// time), each row is placed in the period whose window holds it, filters are
// evaluated over row chunks (selection masks), values accumulate into the
// org's cell; `over: subtree` then folds every org into its parent in reverse
// pre-order, which pools each subtree in linear time.
#pragma once

#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

#include "engine/core/status.h"
#include "engine/eval/expression_evaluator.h"
#include "engine/lang/aggregate.h"

namespace cadence {

class RowFilter;

// Values are kept as 64-bit numerators over a denominator that is one
// `scale` for the whole array (1 for counts, sums of integers, dates and
// codes; 10^6 for `number` columns, whose values are exact micros): 8 bytes
// a cell instead of a 16-byte Rational, which halves the memory the
// (period × org) arrays touch. Only avg has a denominator per cell.
struct AggregateValues {
  bool snapshot = false;           // one value per org whatever the period
  std::size_t orgs = 0;
  lang::Type type = lang::Type::kNumber;
  std::vector<int64_t> num;        // [slot × orgs + org], or + column for a pooled twin
  std::vector<int64_t> den;        // avg only: per cell; empty = `scale` for every cell
  int64_t scale = 1;
  std::vector<uint8_t> nulls;      // empty = none (min/max/avg of no rows are null)
  // A pooled sum or count folded from its per-org twin keeps the cells of
  // inner orgs (those with children) alone: a leaf's subtree is the leaf, so
  // its cell is the twin's (a copy of every org's cell is fresh memory for
  // nothing: BENCHMARKS.md "Figures behind engine/eval's comments"). Then `orgs`
  // counts inner orgs, `(*inner)[org]` is an org's column or -1 for a leaf,
  // and there are no nulls and no per-cell denominators.
  const AggregateValues* leaves = nullptr;
  const std::vector<int32_t>* inner = nullptr;

  std::size_t cell(int32_t slot, OrgIndex org) const {
    return (snapshot ? 0 : static_cast<std::size_t>(slot)) * orgs + static_cast<std::size_t>(org);
  }
  // The value of (slot, org), this array's or, for a leaf of a pooled
  // aggregate, its twin's.
  int64_t num_at(int32_t slot, OrgIndex org) const {
    if (leaves == nullptr) return num[cell(slot, org)];
    const int32_t column = (*inner)[static_cast<std::size_t>(org)];
    return column < 0 ? leaves->num_at(slot, org) : num[cell(slot, column)];
  }
  std::size_t size() const { return num.size(); }
  // By cell of a dense array (a pooled twin's cells are read by num_at).
  bool is_null(std::size_t cell) const {
    CADENCE_ASSERT(leaves == nullptr);
    return !nulls.empty() && nulls[cell] != 0;
  }
  Rational value(std::size_t cell) const {
    CADENCE_ASSERT(leaves == nullptr);
    return {num[cell], den.empty() ? scale : den[cell]};
  }
};

// The first and last day of the window an aggregate reads for a period:
// the period itself, a rolling window ending with it, or January 1 to its end.
// Snapshot aggregates (no time column or window: all) read every row.
struct DayWindow {
  int32_t first = 0;
  int32_t last = 0;
};
DayWindow window_days(const lang::AggregateSpec& spec, const Period& period);

class Aggregator {
 public:
  // `results`: what filters read of other rules' results (the narrow
  // interface below both this and the evaluation: no call back into it).
  Aggregator(const lang::AggregateTable& table, const Dataset& dataset, const Calendars& calendars,
             RuleResultSource& results);

  // The values of aggregate `index` for the given period list (computed on
  // first use, once for equal lists). Thread-safe.
  const AggregateValues& values(int index, const std::vector<Period>* periods);

  // The rows computing aggregate `index` reads: its record set's, or none
  // for one folded from its per-org twin.
  std::size_t rows_read(int index) const;

  // A member-correlated aggregate: one value per members row, for a period.
  const AggregateValues& member_values(int index, const std::vector<Period>* periods, int32_t slot);

  // The Aggregator's own copy of a period list, one per distinct content:
  // the key its values are cached under. Thread-safe.
  const std::vector<Period>* shared_list(const std::vector<Period>* periods);

 private:
  // Computed at most once per key, whichever thread asks first; the others wait.
  struct Entry {
    std::once_flag once;
    std::unique_ptr<AggregateValues> values;
  };
  struct RowPass;  // compute's pass over the rows
  AggregateValues compute(const lang::AggregateSpec& spec, const std::vector<Period>* periods);
  // A pooled count or sum whose per-org twin is in the table: the twin's
  // values folded up the tree, without a second pass over the rows.
  AggregateValues pool_twin(const lang::AggregateSpec& spec, int twin, const std::vector<Period>* periods);
  // Evaluates the aggregate's filter for a batch of rows of `set` into `mask`:
  // each row with its org and period slot (`slots`, or `scalar_slot` for all).
  void filter_rows(const lang::AggregateSpec& spec, const RecordSet* set, const std::vector<uint32_t>& rows,
                   const std::vector<OrgIndex>& orgs, const int32_t* slots, int32_t scalar_slot,
                   const std::vector<Period>* periods, Vec& mask);
  // The filter compiled to a test of one row, or null (no filter, or a
  // shape that is evaluated in batches by filter_rows).
  std::unique_ptr<RowFilter> compile_filter(const lang::AggregateSpec& spec, const RecordSet& set,
                                            const std::vector<Period>* periods);
  AggregateValues compute_per_member(const lang::AggregateSpec& spec, const std::vector<Period>* periods,
                                     int32_t slot);

  const lang::AggregateTable& table_;
  const Dataset& dataset_;
  const Calendars& calendars_;
  RuleResultSource& results_;
  std::mutex mutex_;
  std::deque<std::vector<Period>> period_lists_;  // distinct contents, at stable addresses
  std::vector<int> own_twin_;  // by aggregate: the `over: subtree` aggregate's per-org twin, or -1
  // How pool_twin folds: orgs with children get a column of the pooled
  // cells; leaves, in runs of consecutive orgs under one parent, are summed
  // into their parent's column, then the inner orgs fold up in reverse
  // pre-order (far fewer runs than leaves: BENCHMARKS.md "Figures behind engine/eval's comments").
  struct LeafRun {
    OrgIndex first = 0;
    OrgIndex end = 0;
    int32_t parent_column = 0;
  };
  struct InnerOrg {
    OrgIndex org = 0;
    int32_t parent_column = -1;  // -1: the root
  };
  std::vector<int32_t> inner_column_;  // by org: its column in a pooled twin's cells, -1 for a leaf
  std::size_t inner_orgs_ = 0;
  std::vector<LeafRun> leaf_runs_;
  std::vector<InnerOrg> inner_orgs_in_order_;  // pre-order
  std::map<std::pair<int, const std::vector<Period>*>, std::unique_ptr<Entry>> cache_;
  std::map<std::tuple<int, const std::vector<Period>*, int32_t>, std::unique_ptr<Entry>> member_cache_;
};

}  // namespace cadence

// An aggregate's filter compiled to a test of one row: the shapes packs
// write most (`type == "theme_day"`, `status in [...]`,
// `within(graduation_date, period)`, `completed_on <= period.end`, a
// member's `exists(...)`, joined by `and` / `or`) read the row's codes or
// integers directly, instead of gathering 4,096-row batches through the
// interpreter (the interpreter's filter batches cost a large share of the
// evaluation: BENCHMARKS.md "Figures behind engine/eval's comments").
//
// An aggregate only asks whether its filter is true for a row, and in the
// language's three-valued logic `a and b` is true exactly when both are true
// and `a or b` when either is: a null comparison is simply "not true". So
// the compiled test gives the interpreter's answer for every row. A filter
// with any other shape (arithmetic, `not`, calendars, ...) does not compile,
// and the aggregator keeps evaluating it in batches.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "engine/calendar/period.h"
#include "engine/lang/bound.h"
#include "engine/table/record_set.h"

namespace cadence {

struct AggregateValues;

class RowFilter {
 public:
  // A member-correlated aggregate's values (one per members row) for a
  // period slot: how a filter reads `exists(transfers, where: ...)`.
  using MemberValues = std::function<const AggregateValues&(int index, int32_t slot)>;

  // The compiled filter over rows of `set`, with period slots into
  // `periods`; null when some part of it has a shape this does not handle.
  static std::unique_ptr<RowFilter> compile(const lang::BoundExpr& filter, const RecordSet& set,
                                            const std::vector<Period>* periods, MemberValues member_values);

  // mask[i] = 1 where the filter is true for row `first + i`, 0 elsewhere,
  // for `count` consecutive rows, each in period slot `slots[i]` (or
  // `scalar_slot` when slots is null; −1: no period, as for rolling windows,
  // where a period-dependent part is null). Each test is one loop over the
  // rows' column. One thread at a time: a member test keeps the values it
  // looked up, and junctions their scratch masks.
  void select(std::size_t first, std::size_t count, const int32_t* slots, int32_t scalar_slot,
              uint8_t* mask) const;

  // Whether some test reads the row's period slot (`within(d, period)`,
  // `completed_on <= period.end`); one that does not gives the same answer
  // in every slot, so a caller may select rows before placing them.
  bool reads_period() const { return reads_period_; }

  struct Node;  // one test of the compiled tree (row_filter.cpp)
  RowFilter(std::unique_ptr<Node> root, MemberValues member_values, bool reads_period);
  ~RowFilter();
  RowFilter(const RowFilter&) = delete;
  RowFilter& operator=(const RowFilter&) = delete;

 private:
  void select(const Node& node, std::size_t first, std::size_t count, const int32_t* slots,
              int32_t scalar_slot, uint8_t* mask) const;
  void select_member(const Node& node, std::size_t first, std::size_t count, const int32_t* slots,
                     int32_t scalar_slot, uint8_t* mask) const;

  std::unique_ptr<Node> root_;
  MemberValues member_values_;
  bool reads_period_;
};

}  // namespace cadence

#include "engine/eval/aggregator.h"

#include <algorithm>
#include <limits>
#include <optional>
#include <type_traits>

#include "engine/eval/accumulator.h"
#include "engine/eval/aggregate_reader.h"
#include "engine/eval/row_filter.h"
#include "engine/eval/structural_key.h"
#include "engine/table/huge_pages.h"

namespace cadence {
namespace {

using lang::AggregateFunction;
using lang::AggregateSpec;
using lang::Type;
using lang::WindowKind;

constexpr std::size_t kChunk = 4096;

// What an aggregate's computation refused, with the aggregate named once
// (a pooled aggregate computes its per-org twin first, which names itself).
class AggregateOutOfRange : public ValueOutOfRange {
 public:
  using ValueOutOfRange::ValueOutOfRange;
};

template <typename Compute>
AggregateValues naming_aggregate(const AggregateSpec& spec, Compute compute) {
  try {
    return compute();
  } catch (const AggregateOutOfRange&) {
    throw;
  } catch (const ValueOutOfRange& error) {
    throw AggregateOutOfRange(spec.canonical + ": " + error.what());
  }
}

// Calls visit(row, slot) for each of the `rows` rows the filter selects,
// in row order, chunk by chunk: `slot_of_row(row)` gives a row's period slot
// (−1: the row is in no window, never visited), or with nullptr every row is
// in `scalar_slot`. A filter that does not read the period (`type ==
// "theme_day"`) is applied first and the slots are looked up for the rows it
// keeps alone; one that does reads every row's slot.
template <typename SlotOfRow, typename Visit>
void for_each_selected(const RowFilter& filter, std::size_t rows, SlotOfRow slot_of_row, int32_t scalar_slot,
                       Visit visit) {
  constexpr bool per_row = !std::is_same_v<SlotOfRow, std::nullptr_t>;
  const bool slots_first = per_row && filter.reads_period();
  std::vector<int32_t> slots(slots_first ? kChunk : 0);
  std::vector<uint8_t> mask(kChunk);
  std::vector<uint32_t> selected(kChunk);
  for (std::size_t first = 0; first < rows; first += kChunk) {
    const std::size_t count = std::min(kChunk, rows - first);
    if constexpr (per_row) {
      if (slots_first) {
        for (std::size_t i = 0; i < count; ++i) slots[i] = slot_of_row(first + i);
      }
    }
    // A filter that reads no slot is given slot 0 (a per-member aggregate
    // it reads is then not by period either).
    filter.select(first, count, slots_first ? slots.data() : nullptr,
                  per_row && !slots_first ? 0 : scalar_slot, mask.data());
    // The kept rows' positions, without a branch per row: about half the
    // rows pass a typical filter, which no branch predictor guesses.
    std::size_t kept = 0;
    for (std::size_t i = 0; i < count; ++i) {
      selected[kept] = static_cast<uint32_t>(i);
      kept += mask[i] != 0 ? 1 : 0;
    }
    for (std::size_t k = 0; k < kept; ++k) {
      const std::size_t i = selected[k];
      int32_t slot = scalar_slot;
      if constexpr (per_row) {
        slot = slots_first ? slots[i] : slot_of_row(first + i);
        if (slot < 0) continue;
      }
      visit(first + i, slot);
    }
  }
}

// Whether `twin` is `pooled` (an `over: subtree` aggregate) per org: the
// same function of the same column and rows over the same window.
bool is_per_org_twin(const AggregateSpec& twin, const AggregateSpec& pooled) {
  return twin.over == lang::Over::kSelf && twin.function == pooled.function &&
         twin.record_set == pooled.record_set && twin.column == pooled.column &&
         twin.window.kind == pooled.window.kind &&
         (twin.window.kind != WindowKind::kLast || (twin.window.length.count == pooled.window.length.count &&
                                                    twin.window.length.unit == pooled.window.length.unit)) &&
         twin.per_member == pooled.per_member &&
         twin.snapshot == pooled.snapshot && same_structure(twin.filter.get(), pooled.filter.get());
}

}  // namespace

DayWindow window_days(const AggregateSpec& spec, const Period& period) {
  DayWindow window{period.first_day().days(), period.last_day().days()};
  switch (spec.window.kind) {
    case WindowKind::kPeriod:
    case WindowKind::kAll: break;
    case WindowKind::kYearToDate: window.first = Date::from_ymd(period.last_day().year(), 1, 1).days(); break;
    case WindowKind::kLast: {
      const auto& length = spec.window.length;
      // A window reaching before the supported dates (`last 99999999 months`)
      // starts at the first of them: no row lies earlier (engine/calendar/date.h).
      const int32_t earliest = Date::first_supported().days();
      if (length.unit == lang::DurationUnit::kDay || length.unit == lang::DurationUnit::kWorkingDay) {
        const std::optional<Date> first = period.last_day().plus_days(1 - length.count);
        window.first = first ? first->days() : earliest;
        break;
      }
      PeriodKind kind = length.unit == lang::DurationUnit::kWeek      ? PeriodKind::kWeek
                        : length.unit == lang::DurationUnit::kMonth   ? PeriodKind::kMonth
                        : length.unit == lang::DurationUnit::kQuarter ? PeriodKind::kQuarter
                                                                      : PeriodKind::kYear;
      Period unit_period = Period::containing(kind, period.last_day());
      const std::optional<Period> first = unit_period.shifted(1 - length.count);
      window.first = first ? first->first_day().days() : earliest;
      break;
    }
  }
  return window;
}

Aggregator::Aggregator(const lang::AggregateTable& table, const Dataset& dataset, const Calendars& calendars,
                       RuleResultSource& results)
    : table_(table), dataset_(dataset), calendars_(calendars), results_(results) {
  // `sum(study.learners, over: subtree)` pools `sum(study.learners)`, when a
  // rule reads that too: the same aggregate per org, by structure.
  own_twin_.assign(static_cast<std::size_t>(table.size()), -1);
  for (int index = 0; index < table.size(); ++index) {
    const AggregateSpec& spec = table.at(index);
    bool additive = spec.function == AggregateFunction::kCount || spec.function == AggregateFunction::kSum;
    if (spec.over != lang::Over::kSubtree || !additive || spec.per_member) continue;
    for (int other = 0; other < table.size(); ++other) {
      if (is_per_org_twin(table.at(other), spec)) own_twin_[static_cast<std::size_t>(index)] = other;
    }
  }
  // The fold's plan, when some aggregate has a twin (not for the one-cell
  // evaluations of explain and evidence, which mostly have none).
  if (std::none_of(own_twin_.begin(), own_twin_.end(), [](int twin) { return twin >= 0; })) return;
  const OrgTree& tree = dataset_.tree();
  inner_column_.assign(static_cast<std::size_t>(tree.size()), -1);
  for (OrgIndex org = 0; org < tree.size(); ++org) {
    if (tree.subtree_end(org) != org + 1)
      inner_column_[static_cast<std::size_t>(org)] = static_cast<int32_t>(inner_orgs_++);
  }
  for (OrgIndex org = 0; org < tree.size(); ++org) {
    const int32_t parent = org == 0 ? -1 : inner_column_[static_cast<std::size_t>(tree.parent(org))];
    if (inner_column_[static_cast<std::size_t>(org)] >= 0) {
      inner_orgs_in_order_.push_back({org, parent});
    } else if (parent >= 0) {
      if (!leaf_runs_.empty() && leaf_runs_.back().end == org && leaf_runs_.back().parent_column == parent) {
        ++leaf_runs_.back().end;
      } else {
        leaf_runs_.push_back({org, org + 1, parent});
      }
    }
  }
}

const std::vector<Period>* Aggregator::shared_list(const std::vector<Period>* periods) {
  if (periods == nullptr) return nullptr;
  std::lock_guard lock(mutex_);
  for (const auto& known : period_lists_) {
    if (known == *periods) return &known;
  }
  return &period_lists_.emplace_back(*periods);  // a copy: the caller's list may be a temporary
}

const AggregateValues& Aggregator::values(int index, const std::vector<Period>* periods) {
  // Rules read one aggregate on equal but distinct period lists: one
  // computation serves them all.
  periods = shared_list(periods);
  const AggregateSpec& spec = table_.at(index);
  const std::vector<Period>* key_periods = spec.snapshot ? nullptr : periods;
  Entry* entry = nullptr;
  {
    std::lock_guard lock(mutex_);
    auto& slot = cache_[std::make_pair(index, key_periods)];
    if (!slot) slot = std::make_unique<Entry>();
    entry = slot.get();
  }
  std::call_once(entry->once, [&] {
    int twin = own_twin_[static_cast<std::size_t>(index)];
    entry->values = std::make_unique<AggregateValues>(naming_aggregate(
        spec, [&] { return twin >= 0 ? pool_twin(spec, twin, periods) : compute(spec, periods); }));
  });
  return *entry->values;
}

std::size_t Aggregator::rows_read(int index) const {
  if (own_twin_[static_cast<std::size_t>(index)] >= 0) return 0;
  const RecordSet* set = dataset_.find(table_.at(index).record_set);
  return set == nullptr ? 0 : set->rows();
}

AggregateValues Aggregator::pool_twin(const AggregateSpec& spec, int twin, const std::vector<Period>* periods) {
  const AggregateValues& own = values(twin, periods);
  AggregateValues result;
  result.type = own.type;
  result.scale = own.scale;
  result.snapshot = spec.snapshot;
  result.orgs = inner_orgs_;
  result.leaves = &own;
  result.inner = &inner_column_;
  const std::size_t slots = own.orgs == 0 ? 0 : own.num.size() / own.orgs;
  result.num.assign(slots * inner_orgs_, 0);
  for (std::size_t s = 0; s < slots; ++s) {
    const int64_t* own_cells = own.num.data() + s * own.orgs;
    int64_t* cells = result.num.data() + s * inner_orgs_;
    // Leaf runs first, then inner orgs: another order of additions than
    // the rows': exact sums are equal in any order, and add_units refuses
    // wherever a partial sum would pass 64 bits.
    for (const LeafRun& run : leaf_runs_) {
      int64_t sum = 0;
      for (OrgIndex org = run.first; org < run.end; ++org) sum = add_units(sum, own_cells[org]);
      cells[run.parent_column] = add_units(cells[run.parent_column], sum);
    }
    // Reverse pre-order: an org's subtree is complete before it joins its
    // parent's.
    for (auto inner = inner_orgs_in_order_.rbegin(); inner != inner_orgs_in_order_.rend(); ++inner) {
      const int32_t column = inner_column_[static_cast<std::size_t>(inner->org)];
      cells[column] = add_units(cells[column], own_cells[inner->org]);
      if (inner->parent_column >= 0) {
        cells[inner->parent_column] = add_units(cells[inner->parent_column], cells[column]);
      }
    }
  }
  return result;
}

const AggregateValues& Aggregator::member_values(int index, const std::vector<Period>* periods, int32_t slot) {
  periods = shared_list(periods);
  const AggregateSpec& spec = table_.at(index);
  bool by_period = spec.filter != nullptr && spec.filter->depends_on_period;
  Entry* entry = nullptr;
  {
    std::lock_guard lock(mutex_);
    auto& found = member_cache_[std::make_tuple(index, by_period ? periods : nullptr, by_period ? slot : 0)];
    if (!found) found = std::make_unique<Entry>();
    entry = found.get();
  }
  std::call_once(entry->once, [&] {
    entry->values = std::make_unique<AggregateValues>(compute_per_member(spec, periods, slot));
  });
  return *entry->values;
}

void Aggregator::filter_rows(const AggregateSpec& spec, const RecordSet* set, const std::vector<uint32_t>& rows,
                             const std::vector<OrgIndex>& orgs, const int32_t* slots, int32_t scalar_slot,
                             const std::vector<Period>* periods, Vec& mask) {
  Frame frame;
  frame.size = rows.size();
  frame.orgs = orgs.data();
  frame.rows = rows.data();
  frame.record_set = set;
  frame.period_slots = slots;
  frame.scalar_period_slot = scalar_slot;
  frame.periods = periods;
  frame.dataset = &dataset_;
  frame.calendars = &calendars_;
  AggregateReader reader(*this, results_);  // a filter may read another aggregate
  frame.sources = &reader;
  evaluate_expression(*spec.filter, frame, mask);
}

std::unique_ptr<RowFilter> Aggregator::compile_filter(const AggregateSpec& spec, const RecordSet& set,
                                                      const std::vector<Period>* periods) {
  if (!spec.filter) return nullptr;
  return RowFilter::compile(*spec.filter, set, periods,
                            [this, periods](int index, int32_t slot) -> const AggregateValues& {
                              return member_values(index, periods, slot);
                            });
}

// One aggregate's pass over its record set's rows into (slot × org) cells.
// The row loops differ by window: every row (snapshots, or `window: all`
// with a filter reading the period), each row in its period's window (the
// commonest), or overlapping windows (rolling, year to date).
struct Aggregator::RowPass {
  RowPass(Aggregator& owner, const AggregateSpec& aggregate, const std::vector<Period>* period_list)
      : aggregator(owner),
        spec(aggregate),
        periods(period_list),
        tree(owner.dataset_.tree()),
        orgs_in_tree(static_cast<std::size_t>(tree.size())),
        set(owner.dataset_.find(aggregate.record_set)),
        slots(aggregate.snapshot ? 1 : period_list->size()),
        value_column(set != nullptr && spec.column >= 0 ? &set->column(static_cast<std::size_t>(spec.column))
                                                        : nullptr),
        accumulator(spec.function, slots * orgs_in_tree) {}

  bool has_rows() const { return set != nullptr && set->rows() > 0 && set->has_org_index(); }

  // The pass, by window kind.
  void run() {
    row_count = set->rows();
    // Period windows: first and last day of each slot's window.
    window_first.assign(slots, 0);
    window_last.assign(slots, 0);
    if (!spec.snapshot) {
      for (std::size_t s = 0; s < slots; ++s) {
        DayWindow window = window_days(spec, (*periods)[s]);
        window_first[s] = window.first;
        window_last[s] = window.last;
      }
    }
    // The filter as a test of one row when it has a shape RowFilter
    // compiles; otherwise it is evaluated in batches (flush).
    row_filter = aggregator.compile_filter(spec, *set, periods);
    batch_rows.reserve(kChunk);
    batch_orgs.reserve(kChunk);
    batch_slots.reserve(kChunk);
    bool filter_uses_period = spec.filter != nullptr && spec.filter->depends_on_period;
    if (spec.snapshot || (spec.window.kind == WindowKind::kAll && filter_uses_period)) {
      every_row();
    } else if (spec.window.kind == WindowKind::kPeriod) {
      by_period();
    } else {
      overlapping();
    }
  }

  // Counts distinct values, pools subtrees and hands the arrays over.
  AggregateValues finish() && {
    const std::size_t orgs = orgs_in_tree;
    if (spec.function == AggregateFunction::kCountDistinct) accumulator.count_distinct(distinct);
    // Pool subtrees: children fold into parents, deepest first (reverse pre-order).
    if (spec.over == lang::Over::kSubtree) {
      for (std::size_t s = 0; s < slots; ++s) {
        for (OrgIndex org = tree.size() - 1; org > 0; --org) {
          accumulator.merge(s * orgs + static_cast<std::size_t>(tree.parent(org)),
                            s * orgs + static_cast<std::size_t>(org));
        }
      }
    }
    AggregateValues result = std::move(accumulator).finish(spec, scale_of(value_column));
    result.snapshot = spec.snapshot;
    result.orgs = orgs;
    return result;
  }

 private:
  void accumulate_row(std::size_t cell, std::size_t row) {
    if (value_column == nullptr) {
      accumulator.add_row(cell);
      return;
    }
    if (value_column->is_null(row)) return;  // count(col), sum, min, max skip nulls
    if (spec.function == AggregateFunction::kCountDistinct) {
      distinct.push_back({cell, row_units(*value_column, row)});  // text and enum: dictionary codes
      return;
    }
    accumulator.add(cell, row_units(*value_column, row));
  }

  // Evaluates the filter for the batch of rows with their slots (or `slot`
  // for all) and accumulates those that pass.
  void flush(bool scalar_slot, int32_t slot) {
    const std::size_t orgs = orgs_in_tree;  // a local: see every_row
    if (batch_rows.empty()) return;
    if (spec.filter) {
      aggregator.filter_rows(spec, set, batch_rows, batch_orgs, scalar_slot ? nullptr : batch_slots.data(), slot,
                             periods, mask);
    }
    for (std::size_t i = 0; i < batch_rows.size(); ++i) {
      if (spec.filter && !mask.truth(i)) continue;
      int32_t s = scalar_slot ? slot : batch_slots[i];
      std::size_t cell =
          static_cast<std::size_t>(spec.snapshot ? 0 : s) * orgs + static_cast<std::size_t>(batch_orgs[i]);
      accumulate_row(cell, batch_rows[i]);
    }
    batch_rows.clear();
    batch_orgs.clear();
    batch_slots.clear();
  }

  // Every row counts; with a period-dependent filter, once per period.
  void every_row() {
    // Locals, not members: a store to an int64_t cell may alias a
    // std::size_t member, which would be reloaded after every row.
    const std::size_t orgs = orgs_in_tree;
    const std::size_t rows = row_count;
    const auto& row_org = set->row_org();
    std::size_t passes = spec.snapshot ? 1 : slots;
    for (std::size_t s = 0; s < passes; ++s) {
      const std::size_t base = (spec.snapshot ? 0 : s) * orgs;
      if (row_filter) {
        for_each_selected(*row_filter, rows, nullptr, static_cast<int32_t>(s), [&](std::size_t row, int32_t) {
          if (row_org[row] != kNoOrg) accumulate_row(base + static_cast<std::size_t>(row_org[row]), row);
        });
        continue;
      }
      for (std::size_t row = 0; row < rows; ++row) {
        if (row_org[row] == kNoOrg) continue;
        batch_rows.push_back(static_cast<uint32_t>(row));
        batch_orgs.push_back(row_org[row]);
        if (batch_rows.size() == kChunk) flush(true, static_cast<int32_t>(s));
      }
      flush(true, static_cast<int32_t>(s));
    }
  }

  // Windows of one period list do not overlap: a table from day to slot
  // (−1 outside every window) places each row in O(1).
  void build_day_slots() {
    first_day = slots == 0 ? 0 : *std::min_element(window_first.begin(), window_first.end());
    if (slots == 0) return;
    int32_t last_day = *std::max_element(window_last.begin(), window_last.end());
    day_slot.assign(static_cast<std::size_t>(last_day - first_day + 1), -1);
    for (std::size_t s = 0; s < slots; ++s) {
      for (int32_t day = window_first[s]; day <= window_last[s]; ++day) {
        day_slot[static_cast<std::size_t>(day - first_day)] = static_cast<int32_t>(s);
      }
    }
  }
  int32_t slot_of_day(int32_t day) const {
    if (day == kNoDay || day < first_day) return -1;
    auto offset = static_cast<std::size_t>(day - first_day);
    return offset < day_slot.size() ? day_slot[offset] : -1;
  }

  // Each row in the one window that holds it, if any.
  void by_period() {
    // Locals, not members: a store to an int64_t cell may alias a
    // std::size_t member, which would be reloaded after every row.
    const std::size_t orgs = orgs_in_tree;
    const std::size_t rows = row_count;
    build_day_slots();
    const bool additive = spec.function == AggregateFunction::kCount || spec.function == AggregateFunction::kSum;
    if (!spec.filter && additive && (value_column == nullptr || value_column->type() == ColumnType::kInteger)) {
      additive_rows();
      return;
    }
    const auto& row_org = set->row_org();
    const auto& row_day = set->row_day();
    if (row_filter) {
      // Each row's slot first, then the filter over the rows' columns.
      auto slot_of_row = [&](std::size_t row) { return row_org[row] == kNoOrg ? -1 : slot_of_day(row_day[row]); };
      for_each_selected(*row_filter, rows, slot_of_row, 0, [&](std::size_t row, int32_t s) {
        accumulate_row(static_cast<std::size_t>(s) * orgs + static_cast<std::size_t>(row_org[row]), row);
      });
      return;
    }
    for (std::size_t row = 0; row < rows; ++row) {
      if (row_org[row] == kNoOrg) continue;
      int32_t s = slot_of_day(row_day[row]);
      if (s < 0) continue;
      if (!spec.filter) {
        // No filter: straight into the cell, no batch.
        accumulate_row(static_cast<std::size_t>(s) * orgs + static_cast<std::size_t>(row_org[row]), row);
        continue;
      }
      batch_rows.push_back(static_cast<uint32_t>(row));
      batch_orgs.push_back(row_org[row]);
      batch_slots.push_back(s);
      if (batch_rows.size() == kChunk) flush(false, 0);
    }
    flush(false, 0);
  }

  // The commonest shape, `sum(study.learners)`: one tight loop, no dispatch
  // per row on the function or the column type.
  void additive_rows() {
    // Locals, not members: a store to an int64_t cell may alias a
    // std::size_t member, which would be reloaded after every row.
    const std::size_t orgs = orgs_in_tree;
    const std::size_t rows = row_count;
    const auto& row_org = set->row_org();
    const auto& row_day = set->row_day();
    const bool is_sum = spec.function == AggregateFunction::kSum;
    int64_t* cells = is_sum ? accumulator.total.data() : accumulator.count.data();
    const int64_t* integers = value_column != nullptr ? value_column->integers().data() : nullptr;
    const bool nullable = value_column != nullptr && value_column->has_nulls();
    for (std::size_t row = 0; row < rows; ++row) {
      const OrgIndex org = row_org[row];
      if (org == kNoOrg) continue;
      const int32_t s = slot_of_day(row_day[row]);
      if (s < 0 || (nullable && value_column->is_null(row))) continue;
      const std::size_t cell = static_cast<std::size_t>(s) * orgs + static_cast<std::size_t>(org);
      if (is_sum) {
        cells[cell] = add_units(cells[cell], integers[row]);
      } else {
        ++cells[cell];
      }
    }
  }

  // Rolling and year-to-date windows overlap: each org's rows are in time
  // order, so each slot's window is a contiguous run found by binary search.
  void overlapping() {
    // Locals, not members: a store to an int64_t cell may alias a
    // std::size_t member, which would be reloaded after every row.
    const std::size_t orgs = orgs_in_tree;
    const std::size_t rows = row_count;
    const auto& row_org = set->row_org();
    const auto& row_day = set->row_day();
    std::vector<uint8_t> passes(rows, 1);
    if (row_filter) {
      std::fill(passes.begin(), passes.end(), uint8_t{0});
      for_each_selected(*row_filter, rows, nullptr, -1, [&](std::size_t row, int32_t) { passes[row] = 1; });
    } else if (spec.filter) {
      for (std::size_t row = 0; row < rows; ++row) {
        batch_rows.push_back(static_cast<uint32_t>(row));
        batch_orgs.push_back(row_org[row] == kNoOrg ? 0 : row_org[row]);
        if (batch_rows.size() == kChunk || row + 1 == rows) {
          aggregator.filter_rows(spec, set, batch_rows, batch_orgs, nullptr, -1, periods, mask);
          for (std::size_t i = 0; i < batch_rows.size(); ++i) passes[batch_rows[i]] = mask.truth(i) ? 1 : 0;
          batch_rows.clear();
          batch_orgs.clear();
        }
      }
    }
    for (OrgIndex org = 0; org < tree.size(); ++org) {
      uint32_t begin = set->org_begin(org);
      uint32_t end = set->org_begin(org + 1);
      if (begin == end) continue;
      auto first = row_day.begin() + begin;
      auto last = row_day.begin() + end;
      for (std::size_t s = 0; s < slots; ++s) {
        auto lo = std::lower_bound(first, last, window_first[s]);
        auto hi = std::upper_bound(lo, last, window_last[s]);
        for (auto it = lo; it != hi; ++it) {
          auto row = static_cast<std::size_t>(it - row_day.begin());
          if (passes[row]) accumulate_row(s * orgs + static_cast<std::size_t>(org), row);
        }
      }
    }
  }

  Aggregator& aggregator;
  const AggregateSpec& spec;
  const std::vector<Period>* periods;
  const OrgTree& tree;
  const std::size_t orgs_in_tree;
  const RecordSet* set;
  const std::size_t slots;
  const Column* value_column;
  Accumulator accumulator;
  std::vector<std::pair<std::size_t, int64_t>> distinct;
  std::size_t row_count = 0;
  std::vector<int32_t> window_first;
  std::vector<int32_t> window_last;
  std::vector<int32_t> day_slot;  // by_period: slot by day − first_day
  int32_t first_day = 0;
  std::unique_ptr<RowFilter> row_filter;
  std::vector<uint32_t> batch_rows;  // a batch of rows for the filter
  std::vector<OrgIndex> batch_orgs;
  std::vector<int32_t> batch_slots;
  Vec mask;
};

AggregateValues Aggregator::compute(const AggregateSpec& spec, const std::vector<Period>* periods) {
  RowPass pass(*this, spec, periods);
  if (pass.has_rows()) pass.run();
  return std::move(pass).finish();
}

AggregateValues Aggregator::compute_per_member(const AggregateSpec& spec, const std::vector<Period>* periods,
                                               int32_t slot) {
  const RecordSet* members = dataset_.find(kMembersRecordSet);
  const RecordSet* set = dataset_.find(spec.record_set);
  const std::size_t cells = members == nullptr ? 0 : members->rows();
  const Column* value_column =
      set != nullptr && spec.column >= 0 ? &set->column(static_cast<std::size_t>(spec.column)) : nullptr;
  Accumulator accumulator(spec.function, cells);
  std::vector<std::pair<std::size_t, int64_t>> distinct;
  if (set != nullptr && cells > 0) {
    const auto& row_member = set->row_member();
    std::vector<uint32_t> batch_rows;
    std::vector<OrgIndex> batch_orgs;
    Vec mask;
    // Accumulates a row that passed the filter into its member's cell.
    auto accumulate = [&](std::size_t r) {
      auto cell = static_cast<std::size_t>(row_member[r]);
      if (value_column == nullptr) {
        accumulator.add_row(cell);
      } else if (!value_column->is_null(r)) {
        if (spec.function == AggregateFunction::kCountDistinct) {
          distinct.push_back({cell, row_units(*value_column, r)});
        } else {
          accumulator.add(cell, row_units(*value_column, r));
        }
      }
    };
    // Filters a batch of rows and accumulates the passing ones.
    auto flush = [&] {
      if (batch_rows.empty()) return;
      if (spec.filter) {
        filter_rows(spec, set, batch_rows, batch_orgs, nullptr, slot, periods, mask);
      }
      for (std::size_t i = 0; i < batch_rows.size(); ++i) {
        if (!spec.filter || mask.truth(i)) accumulate(batch_rows[i]);
      }
      batch_rows.clear();
      batch_orgs.clear();
    };
    const auto row_filter = compile_filter(spec, *set, periods);
    const std::size_t rows = set->rows();
    if (row_filter) {
      for_each_selected(*row_filter, rows, nullptr, slot, [&](std::size_t row, int32_t) {
        if (!row_member.empty() && row_member[row] >= 0) accumulate(row);
      });
    }
    for (std::size_t row = 0; !row_filter && row < rows; ++row) {
      if (row_member.empty() || row_member[row] < 0) continue;
      if (!spec.filter) {
        accumulate(row);
        continue;
      }
      batch_rows.push_back(static_cast<uint32_t>(row));
      batch_orgs.push_back(set->has_org_index() && set->row_org()[row] != kNoOrg ? set->row_org()[row] : 0);
      if (batch_rows.size() == kChunk) flush();
    }
    flush();
  }
  if (spec.function == AggregateFunction::kCountDistinct) accumulator.count_distinct(distinct);
  AggregateValues result = std::move(accumulator).finish(spec, scale_of(value_column));
  result.snapshot = true;
  result.orgs = cells;
  return result;
}

}  // namespace cadence

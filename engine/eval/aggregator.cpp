#include "engine/eval/aggregator.h"

#include <algorithm>
#include <numeric>

namespace cadence {
namespace {

using lang::AggregateFunction;
using lang::AggregateSpec;
using lang::Type;
using lang::WindowKind;

constexpr std::size_t kChunk = 4096;

// Accumulates per cell; min/max keep the extreme, avg keeps sum and count.
struct Accumulator {
  AggregateFunction function;
  std::vector<int64_t> count;
  std::vector<Rational> total;   // sum, avg, min, max
  std::vector<uint8_t> seen;     // min, max: a value was seen

  Accumulator(AggregateFunction f, std::size_t cells) : function(f), count(cells, 0) {
    if (f != AggregateFunction::kCount && f != AggregateFunction::kExists) total.assign(cells, Rational{});
    if (f == AggregateFunction::kMin || f == AggregateFunction::kMax) seen.assign(cells, 0);
  }

  void add(std::size_t cell, const Rational& value) {
    ++count[cell];
    switch (function) {
      case AggregateFunction::kSum:
      case AggregateFunction::kAvg: total[cell] = lang_add(total[cell], value); break;
      case AggregateFunction::kMin:
        if (!seen[cell] || compare(value, total[cell]) < 0) total[cell] = value;
        seen[cell] = 1;
        break;
      case AggregateFunction::kMax:
        if (!seen[cell] || compare(value, total[cell]) > 0) total[cell] = value;
        seen[cell] = 1;
        break;
      default: break;
    }
  }

  void merge(std::size_t into, std::size_t from) {
    count[into] += count[from];
    switch (function) {
      case AggregateFunction::kSum:
      case AggregateFunction::kAvg: total[into] = lang_add(total[into], total[from]); break;
      case AggregateFunction::kMin:
      case AggregateFunction::kMax:
        if (seen[from]) {
          int order = compare(total[from], total[into]);
          bool better = function == AggregateFunction::kMin ? order < 0 : order > 0;
          if (!seen[into] || better) total[into] = total[from];
          seen[into] = 1;
        }
        break;
      default: break;
    }
  }

  static Rational lang_add(const Rational& a, const Rational& b) {
    if (a.denominator == 1 && b.denominator == 1) return {a.numerator + b.numerator, 1};
    return cadence::add(a, b);
  }
};

Rational row_value(const Column& column, std::size_t row) {
  switch (column.type()) {
    case ColumnType::kInteger: return {column.integer(row), 1};
    case ColumnType::kNumber: return from_double(column.number(row));
    default: return {column.code(row), 1};  // dates (days), periods (ordinals), bools
  }
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
      if (length.unit == lang::DurationUnit::kDay || length.unit == lang::DurationUnit::kWorkingDay) {
        window.first = window.last - static_cast<int32_t>(length.count) + 1;
        break;
      }
      PeriodKind kind = length.unit == lang::DurationUnit::kWeek      ? PeriodKind::kWeek
                        : length.unit == lang::DurationUnit::kMonth   ? PeriodKind::kMonth
                        : length.unit == lang::DurationUnit::kQuarter ? PeriodKind::kQuarter
                                                                      : PeriodKind::kYear;
      Period unit_period = Period::containing(kind, period.last_day());
      window.first = (unit_period - static_cast<int32_t>(length.count - 1)).first_day().days();
      break;
    }
  }
  return window;
}

const AggregateValues& Aggregator::values(int index, const std::vector<Period>* periods) {
  const AggregateSpec& spec = table_.at(index);
  const std::vector<Period>* key_periods = spec.snapshot ? nullptr : periods;
  auto key = std::make_pair(index, key_periods);
  {
    std::lock_guard lock(mutex_);
    auto found = cache_.find(key);
    if (found != cache_.end()) return *found->second;
  }
  auto computed = std::make_unique<AggregateValues>(compute(spec, periods));
  std::lock_guard lock(mutex_);
  auto [it, inserted] = cache_.emplace(key, std::move(computed));
  return *it->second;
}

const AggregateValues& Aggregator::member_values(int index, const std::vector<Period>* periods, int32_t slot) {
  const AggregateSpec& spec = table_.at(index);
  bool by_period = spec.filter != nullptr && spec.filter->depends_on_period;
  auto key = std::make_tuple(index, by_period ? periods : nullptr, by_period ? slot : 0);
  {
    std::lock_guard lock(mutex_);
    auto found = member_cache_.find(key);
    if (found != member_cache_.end()) return *found->second;
  }
  auto computed = std::make_unique<AggregateValues>(compute_per_member(spec, periods, slot));
  std::lock_guard lock(mutex_);
  auto [it, inserted] = member_cache_.emplace(key, std::move(computed));
  return *it->second;
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
  frame.sources = &sources_;
  evaluate_expression(*spec.filter, frame, mask);
}

AggregateValues Aggregator::compute(const AggregateSpec& spec, const std::vector<Period>* periods) {
  const OrgTree& tree = dataset_.tree();
  const std::size_t orgs = static_cast<std::size_t>(tree.size());
  const RecordSet* set = dataset_.find(spec.record_set);
  const std::size_t slots = spec.snapshot ? 1 : periods->size();
  AggregateValues result;
  result.snapshot = spec.snapshot;
  result.orgs = orgs;
  Accumulator accumulator(spec.function, slots * orgs);
  // count_distinct: (cell, value) pairs, counted after sorting.
  std::vector<std::pair<std::size_t, std::pair<int64_t, int64_t>>> distinct;

  if (set != nullptr && set->rows() > 0 && set->has_org_index()) {
    const std::size_t rows = set->rows();
    const auto& row_org = set->row_org();
    const auto& row_day = set->row_day();
    const Column* value_column = spec.column >= 0 ? &set->column(static_cast<std::size_t>(spec.column)) : nullptr;

    // Period windows: first and last day of each slot's window.
    std::vector<int32_t> window_first(slots, 0);
    std::vector<int32_t> window_last(slots, 0);
    if (!spec.snapshot) {
      for (std::size_t s = 0; s < slots; ++s) {
        DayWindow window = window_days(spec, (*periods)[s]);
        window_first[s] = window.first;
        window_last[s] = window.last;
      }
    }

    // The row's slot for a period window (windows of one period list do not
    // overlap): binary search on the windows' first days.
    auto slot_of_day = [&](int32_t day) -> int32_t {
      if (day == kNoDay) return -1;
      auto it = std::upper_bound(window_first.begin(), window_first.end(), day);
      if (it == window_first.begin()) return -1;
      auto s = static_cast<std::size_t>(it - window_first.begin() - 1);
      return day <= window_last[s] ? static_cast<int32_t>(s) : -1;
    };

    auto accumulate_row = [&](std::size_t cell, std::size_t row) {
      if (spec.function == AggregateFunction::kCountDistinct) {
        if (value_column->is_null(row)) return;
        Rational value = row_value(*value_column, row);
        if (value_column->type() == ColumnType::kText || value_column->type() == ColumnType::kEnum) {
          value = {value_column->code(row), 1};
        }
        distinct.push_back({cell, {value.numerator, value.denominator}});
        return;
      }
      if (value_column == nullptr) {
        accumulator.add(cell, Rational{});
        return;
      }
      if (value_column->is_null(row)) return;  // count(col), sum, min, max skip nulls
      accumulator.add(cell, row_value(*value_column, row));
    };

    // Evaluates the filter for a batch of rows with their slots; -1 slots are
    // rows outside every window and are dropped before evaluation.
    std::vector<uint32_t> batch_rows;
    std::vector<OrgIndex> batch_orgs;
    std::vector<int32_t> batch_slots;
    batch_rows.reserve(kChunk);
    batch_orgs.reserve(kChunk);
    batch_slots.reserve(kChunk);
    Vec mask;
    auto flush = [&](bool scalar_slot, int32_t slot) {
      if (batch_rows.empty()) return;
      if (spec.filter) {
        filter_rows(spec, set, batch_rows, batch_orgs, scalar_slot ? nullptr : batch_slots.data(), slot, periods,
                    mask);
      }
      for (std::size_t i = 0; i < batch_rows.size(); ++i) {
        if (spec.filter && !mask.truth(i)) continue;
        int32_t s = scalar_slot ? slot : batch_slots[i];
        std::size_t cell = static_cast<std::size_t>(spec.snapshot ? 0 : s) * orgs +
                           static_cast<std::size_t>(batch_orgs[i]);
        accumulate_row(cell, batch_rows[i]);
      }
      batch_rows.clear();
      batch_orgs.clear();
      batch_slots.clear();
    };

    bool filter_uses_period = spec.filter != nullptr && spec.filter->depends_on_period;
    if (spec.snapshot || (spec.window.kind == WindowKind::kAll && filter_uses_period)) {
      // Every row counts; with a period-dependent filter, once per period.
      std::size_t passes = spec.snapshot ? 1 : slots;
      for (std::size_t s = 0; s < passes; ++s) {
        for (std::size_t row = 0; row < rows; ++row) {
          if (row_org[row] == kNoOrg) continue;
          batch_rows.push_back(static_cast<uint32_t>(row));
          batch_orgs.push_back(row_org[row]);
          if (batch_rows.size() == kChunk) flush(true, static_cast<int32_t>(s));
        }
        flush(true, static_cast<int32_t>(s));
      }
    } else if (spec.window.kind == WindowKind::kPeriod) {
      for (std::size_t row = 0; row < rows; ++row) {
        if (row_org[row] == kNoOrg) continue;
        int32_t s = slot_of_day(row_day[row]);
        if (s < 0) continue;
        batch_rows.push_back(static_cast<uint32_t>(row));
        batch_orgs.push_back(row_org[row]);
        batch_slots.push_back(s);
        if (batch_rows.size() == kChunk) flush(false, 0);
      }
      flush(false, 0);
    } else {
      // Rolling and year-to-date windows overlap: each org's rows are in time
      // order, so each slot's window is a contiguous run found by binary search.
      std::vector<uint8_t> passes(rows, 1);
      if (spec.filter) {
        for (std::size_t row = 0; row < rows; ++row) {
          batch_rows.push_back(static_cast<uint32_t>(row));
          batch_orgs.push_back(row_org[row] == kNoOrg ? 0 : row_org[row]);
          if (batch_rows.size() == kChunk || row + 1 == rows) {
            filter_rows(spec, set, batch_rows, batch_orgs, nullptr, -1, periods, mask);
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
  }

  if (spec.function == AggregateFunction::kCountDistinct) {
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    for (const auto& entry : distinct) ++accumulator.count[entry.first];
  }

  // Pool subtrees: children fold into parents, deepest first (reverse pre-order).
  if (spec.over == lang::Over::kSubtree) {
    for (std::size_t s = 0; s < slots; ++s) {
      for (OrgIndex org = tree.size() - 1; org > 0; --org) {
        accumulator.merge(s * orgs + static_cast<std::size_t>(tree.parent(org)),
                          s * orgs + static_cast<std::size_t>(org));
      }
    }
  }

  const std::size_t cells = slots * orgs;
  result.values.assign(cells, Rational{});
  switch (spec.function) {
    case AggregateFunction::kCount:
    case AggregateFunction::kCountDistinct:
      result.type = Type::kNumber;
      for (std::size_t c = 0; c < cells; ++c) result.values[c] = {accumulator.count[c], 1};
      break;
    case AggregateFunction::kExists:
      result.type = Type::kBool;
      for (std::size_t c = 0; c < cells; ++c) result.values[c] = {accumulator.count[c] > 0 ? 1 : 0, 1};
      break;
    case AggregateFunction::kSum:
      result.type = Type::kNumber;
      result.values = std::move(accumulator.total);  // absence is data: no rows sum to 0
      break;
    case AggregateFunction::kAvg:
      result.type = Type::kNumber;
      for (std::size_t c = 0; c < cells; ++c) {
        if (accumulator.count[c] == 0) {
          if (result.nulls.empty()) result.nulls.assign(cells, 0);
          result.nulls[c] = 1;
          continue;
        }
        result.values[c] = divide(accumulator.total[c], Rational{accumulator.count[c], 1});
      }
      break;
    case AggregateFunction::kMin:
    case AggregateFunction::kMax:
      result.type = spec.column_type;
      for (std::size_t c = 0; c < cells; ++c) {
        if (!accumulator.seen[c]) {
          if (result.nulls.empty()) result.nulls.assign(cells, 0);
          result.nulls[c] = 1;
          continue;
        }
        result.values[c] = accumulator.total[c];
      }
      break;
  }
  return result;
}

AggregateValues Aggregator::compute_per_member(const AggregateSpec& spec, const std::vector<Period>* periods,
                                               int32_t slot) {
  const RecordSet* members = dataset_.find(kMembersRecordSet);
  const RecordSet* set = dataset_.find(spec.record_set);
  AggregateValues result;
  result.snapshot = true;
  result.orgs = members == nullptr ? 0 : members->rows();
  const std::size_t cells = result.orgs;
  Accumulator accumulator(spec.function, cells);
  std::vector<std::pair<std::size_t, std::pair<int64_t, int64_t>>> distinct;
  if (set != nullptr && cells > 0) {
    const auto& row_member = set->row_member();
    const Column* value_column = spec.column >= 0 ? &set->column(static_cast<std::size_t>(spec.column)) : nullptr;
    std::vector<uint32_t> batch_rows;
    std::vector<OrgIndex> batch_orgs;
    Vec mask;
    // Filters a batch of rows and accumulates the passing ones into their
    // member's cell.
    auto flush = [&] {
      if (batch_rows.empty()) return;
      if (spec.filter) {
        filter_rows(spec, set, batch_rows, batch_orgs, nullptr, slot, periods, mask);
      }
      for (std::size_t i = 0; i < batch_rows.size(); ++i) {
        if (spec.filter && !mask.truth(i)) continue;
        std::size_t r = batch_rows[i];
        auto cell = static_cast<std::size_t>(row_member[r]);
        if (value_column == nullptr) {
          accumulator.add(cell, Rational{});
        } else if (!value_column->is_null(r)) {
          if (spec.function == AggregateFunction::kCountDistinct) {
            Rational value = row_value(*value_column, r);
            distinct.push_back({cell, {value.numerator, value.denominator}});
          } else {
            accumulator.add(cell, row_value(*value_column, r));
          }
        }
      }
      batch_rows.clear();
      batch_orgs.clear();
    };
    const std::size_t rows = set->rows();
    for (std::size_t row = 0; row < rows; ++row) {
      if (row_member.empty() || row_member[row] < 0) continue;
      batch_rows.push_back(static_cast<uint32_t>(row));
      batch_orgs.push_back(set->has_org_index() && set->row_org()[row] != kNoOrg ? set->row_org()[row] : 0);
      if (batch_rows.size() == kChunk) flush();
    }
    flush();
  }
  if (spec.function == AggregateFunction::kCountDistinct) {
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    for (const auto& entry : distinct) ++accumulator.count[entry.first];
  }
  result.values.assign(cells, Rational{});
  result.type = spec.function == AggregateFunction::kExists ? Type::kBool : Type::kNumber;
  for (std::size_t c = 0; c < cells; ++c) {
    switch (spec.function) {
      case AggregateFunction::kExists: result.values[c] = {accumulator.count[c] > 0 ? 1 : 0, 1}; break;
      case AggregateFunction::kCount:
      case AggregateFunction::kCountDistinct: result.values[c] = {accumulator.count[c], 1}; break;
      case AggregateFunction::kSum: result.values[c] = accumulator.total[c]; break;
      default:
        if (accumulator.count[c] == 0) {
          if (result.nulls.empty()) result.nulls.assign(cells, 0);
          result.nulls[c] = 1;
        } else if (spec.function == AggregateFunction::kAvg) {
          result.values[c] = divide(accumulator.total[c], Rational{accumulator.count[c], 1});
        } else {
          result.values[c] = accumulator.total[c];
        }
    }
  }
  return result;
}

}  // namespace cadence

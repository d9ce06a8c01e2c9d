// Accumulating an aggregate's rows into its cells, in integers at the
// aggregate's scale (aggregator.h says why one scale per array). Inline:
// these run once per row read.
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "engine/eval/aggregator.h"
#include "engine/eval/rational.h"
#include "engine/table/column.h"
#include "engine/table/huge_pages.h"

namespace cadence {

// A row's value as an integer at the aggregate's scale: integers, dates
// (days), periods (ordinals), bools and dictionary codes as they are;
// `number` columns as micros, rounded half away from zero (from_double).
inline int64_t scale_of(const Column* column) {
  return column != nullptr && column->type() == ColumnType::kNumber ? 1000000 : 1;
}

inline int64_t row_units(const Column& column, std::size_t row) {
  switch (column.type()) {
    case ColumnType::kInteger: return column.integer(row);
    case ColumnType::kNumber: {
      double value = column.number(row);
      // A cast of a double beyond int64 is undefined: such a value is refused.
      const double micros = value * 1000000.0 + (value < 0 ? -0.5 : 0.5);
      if (!(micros > -9.2e18 && micros < 9.2e18)) throw_out_of_range("the number " + std::to_string(value));
      return static_cast<int64_t>(micros);
    }
    default: return column.code(row);
  }
}

[[noreturn, gnu::cold, gnu::noinline]] inline void throw_sum_out_of_range() { throw_out_of_range("a sum"); }

// Sums and counts are exact or refused (rational.h): 9.2 × 10^18 units
// (9.2 × 10^12 of a `number` column) is far beyond any count or amount a
// league export holds, and a saturated or wrapped sum would be a wrong value.
inline int64_t add_units(int64_t a, int64_t b) {
  int64_t sum = 0;
  if (__builtin_add_overflow(a, b, &sum)) throw_sum_out_of_range();
  return sum;
}

// Accumulates per cell, in integers at the aggregate's scale: count(*),
// count(col) and exists count rows; sum and avg add; min and max keep the
// extreme. Only the arrays the function needs are allocated.
struct Accumulator {
  lang::AggregateFunction function;
  std::vector<int64_t> count;  // count, exists, count_distinct, avg
  std::vector<int64_t> total;  // sum, avg, min, max
  std::vector<uint8_t> seen;   // min, max: a value was seen

  Accumulator(lang::AggregateFunction f, std::size_t cells) : function(f) {
    bool extreme = f == lang::AggregateFunction::kMin || f == lang::AggregateFunction::kMax;
    // (period × org) arrays are large: on huge pages, their first writes
    // fault 512 times less often (BENCHMARKS.md "Figures behind engine/eval's comments").
    auto zeroed = [cells](auto& values) {
      reserve_huge(values, cells);
      values.resize(cells);
    };
    if (f != lang::AggregateFunction::kSum && !extreme) zeroed(count);
    if (f == lang::AggregateFunction::kSum || f == lang::AggregateFunction::kAvg || extreme) zeroed(total);
    if (extreme) zeroed(seen);
  }

  // A row without a value column: count(*) and exists.
  void add_row(std::size_t cell) {
    if (!count.empty()) ++count[cell];
  }

  void add(std::size_t cell, int64_t value) {
    switch (function) {
      case lang::AggregateFunction::kCount:
      case lang::AggregateFunction::kExists:
      case lang::AggregateFunction::kCountDistinct: ++count[cell]; break;
      case lang::AggregateFunction::kSum: total[cell] = add_units(total[cell], value); break;
      case lang::AggregateFunction::kAvg:
        ++count[cell];
        total[cell] = add_units(total[cell], value);
        break;
      case lang::AggregateFunction::kMin:
        if (!seen[cell] || value < total[cell]) total[cell] = value;
        seen[cell] = 1;
        break;
      case lang::AggregateFunction::kMax:
        if (!seen[cell] || value > total[cell]) total[cell] = value;
        seen[cell] = 1;
        break;
    }
  }

  void merge(std::size_t into, std::size_t from) {
    if (!count.empty()) count[into] = add_units(count[into], count[from]);
    switch (function) {
      case lang::AggregateFunction::kSum:
      case lang::AggregateFunction::kAvg: total[into] = add_units(total[into], total[from]); break;
      case lang::AggregateFunction::kMin:
      case lang::AggregateFunction::kMax:
        if (seen[from]) {
          bool better = function == lang::AggregateFunction::kMin ? total[from] < total[into]
                                                                  : total[from] > total[into];
          if (!seen[into] || better) total[into] = total[from];
          seen[into] = 1;
        }
        break;
      default: break;
    }
  }

  // count_distinct: (cell, value) pairs, counted once each.
  void count_distinct(std::vector<std::pair<std::size_t, int64_t>>& pairs) {
    std::sort(pairs.begin(), pairs.end());
    pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
    for (const auto& entry : pairs) ++count[entry.first];
  }

  // The values, moving the accumulated arrays (no copy of a count or sum).
  AggregateValues finish(const lang::AggregateSpec& spec, int64_t scale) && {
    AggregateValues result;
    result.scale = scale;
    switch (function) {
      case lang::AggregateFunction::kCount:
      case lang::AggregateFunction::kCountDistinct:
        result.type = lang::Type::kNumber;
        result.scale = 1;
        result.num = std::move(count);
        break;
      case lang::AggregateFunction::kExists:
        result.type = lang::Type::kBool;
        result.scale = 1;
        for (auto& value : count) value = value > 0 ? 1 : 0;
        result.num = std::move(count);
        break;
      case lang::AggregateFunction::kSum:
        result.type = lang::Type::kNumber;
        result.num = std::move(total);  // absence is data: no rows sum to 0
        break;
      case lang::AggregateFunction::kAvg:
        result.type = lang::Type::kNumber;
        result.den.assign(total.size(), 1);
        for (std::size_t c = 0; c < total.size(); ++c) {
          if (count[c] == 0) {
            if (result.nulls.empty()) result.nulls.assign(total.size(), 0);
            result.nulls[c] = 1;
            total[c] = 0;
          } else {
            if (__builtin_mul_overflow(count[c], scale, &result.den[c])) throw_sum_out_of_range();
          }
        }
        result.num = std::move(total);
        break;
      case lang::AggregateFunction::kMin:
      case lang::AggregateFunction::kMax:
        result.type = spec.column_type;
        for (std::size_t c = 0; c < total.size(); ++c) {
          if (seen[c]) continue;
          if (result.nulls.empty()) result.nulls.assign(total.size(), 0);
          result.nulls[c] = 1;
        }
        result.num = std::move(total);
        break;
    }
    return result;
  }
};

}  // namespace cadence

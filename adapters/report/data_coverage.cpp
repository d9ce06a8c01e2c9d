#include "adapters/report/data_coverage.h"

#include <functional>

#include "engine/table/column_type.h"

namespace cadence {
namespace {

// Calls visit(first day, last day) for every non-null time cell.
void for_each_time_span(const Dataset& dataset, const std::function<void(Date, Date)>& visit) {
  for (const auto& [name, records] : dataset.record_sets()) {
    const std::string& time_column = records.schema().time_column;
    if (time_column.empty() || records.schema().column_index(time_column) < 0) continue;
    const Column& column = records.column(std::string_view(time_column));
    const std::optional<PeriodKind> kind =
        is_period_type(column.type()) ? std::optional<PeriodKind>(period_kind_of(column.type())) : std::nullopt;
    if (column.type() != ColumnType::kDate && !kind) continue;
    for (std::size_t row = 0; row < records.rows(); ++row) {
      if (column.is_null(row)) continue;
      if (kind) {
        const Period period = Period::from_ordinal(*kind, column.code(row));
        visit(period.first_day(), period.last_day());
      } else {
        const Date day = Date::from_days(column.code(row));
        visit(day, day);
      }
    }
  }
}

}  // namespace

std::optional<Date> latest_data_day(const Dataset& dataset) {
  std::optional<Date> latest;
  for_each_time_span(dataset, [&](Date, Date last) {
    if (!latest || *latest < last) latest = last;
  });
  return latest;
}

bool has_data_in(const Dataset& dataset, const Period& period) {
  bool found = false;
  const Date first = period.first_day();
  const Date last = period.last_day();
  for_each_time_span(dataset, [&](Date from, Date to) { found = found || (from <= last && first <= to); });
  return found;
}

}  // namespace cadence

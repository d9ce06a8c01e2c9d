// What time the imported data covers, read from the record sets' time
// columns (schema.h `time_column`): so that a report can say "数据截至
// 2023年3月31日" (the latest day the data covers, not when it was imported)
// and refuse a month for which nothing was imported instead of reading the
// empty month as a vacation.
#pragma once

#include <optional>

#include "engine/calendar/date.h"
#include "engine/calendar/period.h"
#include "engine/table/dataset.h"

namespace cadence {

// The last day of the latest row over every record set with a time column
// (a week or month row covers up to its last day); nullopt with no such row.
std::optional<Date> latest_data_day(const Dataset& dataset);

// Whether any record set with a time column has a row in `period`.
bool has_data_in(const Dataset& dataset, const Period& period);

}  // namespace cadence

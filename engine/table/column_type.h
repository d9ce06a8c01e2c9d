#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "engine/calendar/period.h"

namespace cadence {

// Types of record-set columns. Dates are days since 1970-01-01; week, month,
// quarter and year columns hold Period ordinals of their kind.
enum class ColumnType : uint8_t { kInteger, kNumber, kText, kDate, kWeek, kMonth, kQuarter, kYear, kEnum, kBool };

std::string_view to_string(ColumnType type);  // "integer", "number", "text", "date", "week", ...
std::optional<ColumnType> parse_column_type(std::string_view name);
bool is_period_type(ColumnType type);  // week, month, quarter, year
// The period kind a week/month/quarter/year column holds; aborts for other types.
PeriodKind period_kind_of(ColumnType type);
// The column type holding periods of a kind (inverse of period_kind_of).
ColumnType column_type_of(PeriodKind kind);

}  // namespace cadence

#pragma once

#include <optional>
#include <string_view>

namespace cadence {

// Types of record-set columns. Dates are days since 1970-01-01; week, month,
// quarter and year columns hold Period ordinals of their kind.
enum class ColumnType : uint8_t { kInteger, kNumber, kText, kDate, kWeek, kMonth, kQuarter, kYear, kEnum, kBool };

std::string_view to_string(ColumnType type);  // "integer", "number", "text", "date", "week", ...
std::optional<ColumnType> parse_column_type(std::string_view name);
bool is_period_type(ColumnType type);  // week, month, quarter, year

}  // namespace cadence

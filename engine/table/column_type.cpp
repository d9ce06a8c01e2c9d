#include "engine/table/column_type.h"

#include <array>
#include <utility>

#include "engine/core/status.h"

namespace cadence {
namespace {

constexpr std::array<std::pair<ColumnType, std::string_view>, 10> kNames{{
    {ColumnType::kInteger, "integer"},
    {ColumnType::kNumber, "number"},
    {ColumnType::kText, "text"},
    {ColumnType::kDate, "date"},
    {ColumnType::kWeek, "week"},
    {ColumnType::kMonth, "month"},
    {ColumnType::kQuarter, "quarter"},
    {ColumnType::kYear, "year"},
    {ColumnType::kEnum, "enum"},
    {ColumnType::kBool, "bool"},
}};

}  // namespace

std::string_view to_string(ColumnType type) {
  for (const auto& [candidate, name] : kNames) {
    if (candidate == type) return name;
  }
  return "?";
}

std::optional<ColumnType> parse_column_type(std::string_view name) {
  for (const auto& [type, candidate] : kNames) {
    if (candidate == name) return type;
  }
  return std::nullopt;
}

bool is_period_type(ColumnType type) {
  return type == ColumnType::kWeek || type == ColumnType::kMonth || type == ColumnType::kQuarter ||
         type == ColumnType::kYear;
}

PeriodKind period_kind_of(ColumnType type) {
  switch (type) {
    case ColumnType::kWeek:
      return PeriodKind::kWeek;
    case ColumnType::kMonth:
      return PeriodKind::kMonth;
    case ColumnType::kQuarter:
      return PeriodKind::kQuarter;
    default:
      CADENCE_ASSERT(type == ColumnType::kYear);
      return PeriodKind::kYear;
  }
}

ColumnType column_type_of(PeriodKind kind) {
  switch (kind) {
    case PeriodKind::kWeek:
      return ColumnType::kWeek;
    case PeriodKind::kMonth:
      return ColumnType::kMonth;
    case PeriodKind::kQuarter:
      return ColumnType::kQuarter;
    case PeriodKind::kYear:
      return ColumnType::kYear;
  }
  return ColumnType::kYear;
}

}  // namespace cadence

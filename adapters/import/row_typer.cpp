#include "adapters/import/row_typer.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

#include "adapters/import/cell_parser.h"
#include "engine/calendar/period.h"

namespace cadence {
namespace {

// Excel stores dates as serial numbers: day 1 is 1900-01-01 and day 60 the
// 1900-02-29 Lotus kept for compatibility, so from 61 on, serial 0 is
// 1899-12-30. 25569 is 1970-01-01.
constexpr int64_t kExcelEpochOffset = 25569;
constexpr int64_t kExcelFirstReliableSerial = 61;
constexpr int64_t kExcelLastSerial = 2958465;  // 9999-12-31

std::string quoted(std::string_view text) { return "'" + std::string(text) + "'"; }

std::string join(const std::vector<std::string>& texts, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < texts.size(); ++i) out += (i ? std::string(separator) : "") + texts[i];
  return out;
}

std::string format_bound(double value) {
  if (value == std::floor(value) && std::fabs(value) < 1e15) return std::to_string(static_cast<int64_t>(value));
  return std::to_string(value);
}

// The cell typed into the column, or the reason it cannot be.
struct CellOutcome {
  bool ok = true;
  std::string problem;
  std::string raw;  // enum with codes: the cell as it was
};

std::optional<std::string> check_bounds(const ColumnSchema& column, double value, std::string_view cell) {
  if (column.minimum && value < *column.minimum) {
    return quoted(cell) + " is below the minimum " + format_bound(*column.minimum);
  }
  if (column.maximum && value > *column.maximum) {
    return quoted(cell) + " is above the maximum " + format_bound(*column.maximum);
  }
  return std::nullopt;
}

CellOutcome type_cell(const ColumnSchema& column, std::string_view cell, bool from_xlsx, Column& out) {
  CellOutcome outcome;
  auto fail = [&](std::string problem) {
    out.append_null();
    outcome.ok = false;
    outcome.problem = std::move(problem);
    return outcome;
  };
  switch (column.type) {
    case ColumnType::kInteger: {
      const std::optional<int64_t> value = parse_integer(cell);
      if (!value) return fail(quoted(cell) + " is not an integer");
      if (auto problem = check_bounds(column, static_cast<double>(*value), cell)) return fail(*problem);
      out.append_integer(*value);
      return outcome;
    }
    case ColumnType::kNumber: {
      const std::optional<double> value = parse_number(cell);
      if (!value) return fail(quoted(cell) + " is not a number");
      if (auto problem = check_bounds(column, *value, cell)) return fail(*problem);
      out.append_number(*value);
      return outcome;
    }
    case ColumnType::kText:
      if (cell.find('\0') != std::string_view::npos) return fail("the text contains a NUL character");
      out.append_text(cell);
      return outcome;
    case ColumnType::kDate: {
      std::optional<Date> date = parse_date_lenient(cell);
      if (!date && from_xlsx) {
        const std::optional<int64_t> serial = parse_integer(cell);
        if (serial && *serial >= kExcelFirstReliableSerial && *serial <= kExcelLastSerial) {
          date = Date::from_days(static_cast<int32_t>(*serial - kExcelEpochOffset));
        }
      }
      if (!date) return fail(quoted(cell) + " is not a date");
      out.append_code(date->days());
      return outcome;
    }
    case ColumnType::kWeek: {
      const std::optional<Period> week = parse_week_lenient(cell);
      if (!week) return fail(quoted(cell) + " is not an ISO week (like 2023-W10)");
      out.append_code(week->ordinal());
      return outcome;
    }
    case ColumnType::kMonth: {
      const std::optional<Period> month = parse_month_lenient(cell);
      if (!month) return fail(quoted(cell) + " is not a month (like 2023-03)");
      out.append_code(month->ordinal());
      return outcome;
    }
    case ColumnType::kQuarter:
    case ColumnType::kYear: {
      const PeriodKind kind = column.type == ColumnType::kQuarter ? PeriodKind::kQuarter : PeriodKind::kYear;
      const std::optional<Period> period = Period::parse(cell);
      if (!period || period->kind() != kind) {
        return fail(quoted(cell) + (kind == PeriodKind::kQuarter ? " is not a quarter (like 2023-Q1)"
                                                                 : " is not a year (like 2023)"));
      }
      out.append_code(period->ordinal());
      return outcome;
    }
    case ColumnType::kBool: {
      const std::optional<bool> value = parse_bool(cell);
      if (!value) return fail(quoted(cell) + " is not a yes/no value");
      out.append_code(*value ? 1 : 0);
      return outcome;
    }
    case ColumnType::kEnum: {
      // Codes and labels first (团籍状态 "0" or "正常" → active), then the
      // canonical values themselves, then the catch-all for other codes.
      const std::string text(cell);
      if (!column.codes.empty()) outcome.raw = text;
      if (auto code = column.codes.find(text); code != column.codes.end()) {
        out.append_text(code->second);
        return outcome;
      }
      if (std::find(column.values.begin(), column.values.end(), text) != column.values.end()) {
        out.append_text(text);
        return outcome;
      }
      if (!column.otherwise.empty()) {
        out.append_text(column.otherwise);
        return outcome;
      }
      std::vector<std::string> allowed = column.values;
      for (const auto& [code, value] : column.codes) allowed.push_back(code);
      return fail(quoted(cell) + " is not one of " + join(allowed, ", "));
    }
  }
  return fail("unsupported column type");
}

}  // namespace

std::size_t TypedTable::rejected() const {
  return static_cast<std::size_t>(
      std::count_if(reasons.begin(), reasons.end(), [](const std::vector<std::string>& r) { return !r.empty(); }));
}

void reject_row(TypedTable& typed, std::size_t row, const SourceSpan& span, const std::string& message,
                Severity severity, Diagnostics& diagnostics) {
  diagnostics.add(severity, span, message);
  typed.reasons[row].push_back(span.field.empty() ? message : "column '" + span.field + "': " + message);
}

TypedTable type_rows(const RawTable& table, const RecordSetSchema& schema, const std::vector<int>& cell_of_column,
                     Severity severity, Diagnostics& diagnostics) {
  TypedTable typed{RecordSet(schema), std::vector<std::vector<std::string>>(schema.columns.size()),
                   std::vector<std::vector<std::string>>(table.rows.size())};
  const std::size_t row_total = table.rows.size();
  const bool from_xlsx = table.encoding == "XLSX";
  std::vector<bool> is_key(schema.columns.size(), false);
  for (std::size_t c = 0; c < schema.columns.size(); ++c) {
    is_key[c] = std::find(schema.key.begin(), schema.key.end(), schema.columns[c].name) != schema.key.end();
    typed.rows.column(c).reserve(row_total);
    if (schema.columns[c].type == ColumnType::kEnum && !schema.columns[c].codes.empty()) {
      typed.raw_texts[c].reserve(row_total);
    }
  }
  for (std::size_t row = 0; row < row_total; ++row) {
    const std::vector<std::string>& cells = table.rows[row];
    SourceSpan span;
    span.file = table.file;
    span.line = row < table.row_lines.size() ? table.row_lines[row] : 0;
    for (std::size_t c = 0; c < schema.columns.size(); ++c) {
      const ColumnSchema& column = schema.columns[c];
      const bool keeps_raw = column.type == ColumnType::kEnum && !column.codes.empty();
      Column& out = typed.rows.column(c);
      const int cell_index = cell_of_column[c];
      const std::string_view cell =
          cell_index >= 0 && static_cast<std::size_t>(cell_index) < cells.size()
              ? trim_spaces(cells[static_cast<std::size_t>(cell_index)])
              : std::string_view();
      if (cell.empty()) {
        out.append_null();
        if (keeps_raw) typed.raw_texts[c].emplace_back();
        if (cell_index >= 0 && (column.required || is_key[c])) {
          span.field = table.header[static_cast<std::size_t>(cell_index)];
          reject_row(typed, row, span, "missing value", severity, diagnostics);
        }
        continue;
      }
      CellOutcome outcome = type_cell(column, cell, from_xlsx, out);
      if (keeps_raw) typed.raw_texts[c].push_back(std::move(outcome.raw));
      if (!outcome.ok) {
        span.field = table.header[static_cast<std::size_t>(cell_index)];
        reject_row(typed, row, span, outcome.problem, severity, diagnostics);
      }
    }
  }

  // Keys unique within the file; a row whose key cells are bad is already
  // rejected and not compared.
  if (!schema.key.empty()) {
    std::vector<std::size_t> key_columns;
    for (const std::string& name : schema.key) {
      const int index = schema.column_index(name);
      if (index >= 0) key_columns.push_back(static_cast<std::size_t>(index));
    }
    std::map<std::string, std::size_t> first_row;  // ordered map: no hash order anywhere near output
    for (std::size_t row = 0; row < row_total; ++row) {
      bool complete = true;
      std::vector<std::string> parts;
      for (std::size_t c : key_columns) {
        if (typed.rows.column(c).is_null(row)) complete = false;
        parts.push_back(typed.rows.column(c).format(row));
      }
      if (!complete) continue;
      const std::string key = join(parts, ", ");
      auto [found, inserted] = first_row.emplace(key, row);
      if (inserted) continue;
      SourceSpan span;
      span.file = table.file;
      span.line = table.row_lines[row];
      const int first_cell = cell_of_column[key_columns.front()];
      if (first_cell >= 0) span.field = table.header[static_cast<std::size_t>(first_cell)];
      reject_row(typed, row, span,
                 "duplicate key (" + key + "), first at line " + std::to_string(table.row_lines[found->second]),
                 severity, diagnostics);
    }
  }
  return typed;
}

RecordSet valid_rows(const TypedTable& typed, std::vector<std::vector<std::string>>& raw_texts) {
  const RecordSetSchema& schema = typed.rows.schema();
  RecordSet out(schema);
  raw_texts.assign(schema.columns.size(), {});
  const std::size_t total = typed.rows.rows();
  for (std::size_t c = 0; c < schema.columns.size(); ++c) {
    const Column& from = typed.rows.column(c);
    Column& to = out.column(c);
    to.reserve(total);
    const bool has_raw = !typed.raw_texts[c].empty();
    for (std::size_t row = 0; row < total; ++row) {
      if (!typed.valid(row)) continue;
      if (has_raw) raw_texts[c].push_back(typed.raw_texts[c][row]);
      if (from.is_null(row)) {
        to.append_null();
        continue;
      }
      switch (from.type()) {
        case ColumnType::kInteger: to.append_integer(from.integer(row)); break;
        case ColumnType::kNumber: to.append_number(from.number(row)); break;
        case ColumnType::kText:
        case ColumnType::kEnum: to.append_text(from.text(row)); break;
        default: to.append_code(from.code(row)); break;
      }
    }
  }
  return out;
}

}  // namespace cadence

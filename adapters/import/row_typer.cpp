#include "adapters/import/row_typer.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <optional>
#include <unordered_map>

#include "adapters/import/cell_parser.h"
#include "adapters/import/text_index.h"
#include "engine/calendar/period.h"

namespace cadence {
namespace {

// Excel stores dates as serial numbers: day 1 is 1900-01-01 and day 60 the
// 1900-02-29 Lotus kept for compatibility, so from 61 on, serial 0 is
// 1899-12-30. 25569 is 1970-01-01.
constexpr int64_t kExcelEpochOffset = 25569;
constexpr int64_t kExcelFirstReliableSerial = 61;
constexpr int64_t kExcelLastSerial = 2958465;  // 9999-12-31

// How far ahead the typing loop prefetches text columns' index slots: far
// enough for memory to answer, near enough for the lines to stay cached.
constexpr std::size_t kPrefetchRows = 8;
// Texts in a column's index from which prefetching pays (the slots then
// take 1 MiB).
constexpr int32_t kPrefetchFromTexts = 65536;

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

std::optional<std::string> check_bounds(const ColumnSchema& column, double value, std::string_view cell) {
  if (column.minimum && value < *column.minimum) {
    return quoted(cell) + " is below the minimum " + format_bound(*column.minimum);
  }
  if (column.maximum && value > *column.maximum) {
    return quoted(cell) + " is above the maximum " + format_bound(*column.maximum);
  }
  return std::nullopt;
}

bool keeps_raw_text(const ColumnSchema& column) { return column.type == ColumnType::kEnum && !column.codes.empty(); }

// One column's values while a file is typed: plain arrays, filled in row
// order, handed to the Column in one piece at the end (no per-cell Column
// calls, no per-cell hashing into the engine's dictionary).
class ColumnBuilder {
 public:
  ColumnBuilder(const ColumnSchema& schema, std::size_t rows) : schema_(schema) {
    switch (schema.type) {
      case ColumnType::kInteger: integers_.reserve(rows); break;
      case ColumnType::kNumber: numbers_.reserve(rows); break;
      default: codes_.reserve(rows); break;
    }
    nulls_.reserve(rows);
  }

  const ColumnSchema& schema() const { return schema_; }

  // Text columns: see TextIndex::prefetch (the typing loop calls it a few
  // rows ahead). Only once the index has outgrown the caches: a column of
  // a few thousand branch ids hits them anyway, and hashing ahead would
  // cost more than it saves.
  bool wants_prefetch() const { return schema_.type == ColumnType::kText; }
  void prefetch(std::string_view cell) const {
    if (texts_.size() >= kPrefetchFromTexts) texts_.prefetch(cell);
  }

  void add_null() {
    switch (schema_.type) {
      case ColumnType::kInteger: integers_.push_back(0); break;
      case ColumnType::kNumber: numbers_.push_back(0); break;
      default: codes_.push_back(0); break;
    }
    nulls_.push_back(1);
    any_null_ = true;
  }

  // Types one non-empty, trimmed cell; the problem when it does not fit
  // (the value is then null).
  std::optional<std::string> add(std::string_view cell, bool from_xlsx) {
    switch (schema_.type) {
      case ColumnType::kInteger: {
        const std::optional<int64_t> value = parse_integer(cell);
        if (!value) return fail(quoted(cell) + " is not an integer");
        if (auto problem = check_bounds(schema_, static_cast<double>(*value), cell)) return fail(std::move(*problem));
        integers_.push_back(*value);
        break;
      }
      case ColumnType::kNumber: {
        std::optional<double> value = parse_number(cell);
        if (!value) return fail(quoted(cell) + " is not a number");
        if (auto problem = check_bounds(schema_, *value, cell)) return fail(std::move(*problem));
        // SQLite keeps -0.0 as 0: so does the store's snapshot of these values.
        numbers_.push_back(*value == 0 ? 0.0 : *value);
        break;
      }
      case ColumnType::kText:
        if (std::memchr(cell.data(), '\0', cell.size()) != nullptr) return fail("the text contains a NUL character");
        // Exports group rows (members by branch, study by week): a cell
        // equal to the one above needs no look-up.
        if (last_code_ < 0 || cell != texts_.text(last_code_)) last_code_ = texts_.intern(cell);
        codes_.push_back(last_code_);
        break;
      case ColumnType::kDate:
      case ColumnType::kWeek:
      case ColumnType::kMonth:
      case ColumnType::kQuarter:
      case ColumnType::kYear:
      case ColumnType::kBool: {
        // Few distinct cells (dates of one year, 52 weeks): each is parsed once.
        if (last_code_ < 0 || cell != memo_cells_.text(last_code_)) {
          bool added = false;
          last_code_ = memo_cells_.intern(cell, added);
          if (added) memo_codes_.push_back(parse_code(cell, from_xlsx));
        }
        const int32_t distinct = last_code_;
        const std::optional<int32_t> code = memo_codes_[static_cast<std::size_t>(distinct)];
        if (!code) return fail(quoted(cell) + std::string(not_a_code_message(cell)));
        codes_.push_back(*code);
        break;
      }
      case ColumnType::kEnum: {
        // A file repeats a handful of distinct cells: each is mapped once.
        if (last_code_ < 0 || cell != enum_cells_.text(last_code_)) {
          bool added = false;
          last_code_ = enum_cells_.intern(cell, added);
          if (added) enum_values_.push_back(map_enum(cell));
        }
        const int32_t distinct = last_code_;
        const int32_t value = enum_values_[static_cast<std::size_t>(distinct)];
        if (value < 0) {
          std::vector<std::string> allowed = schema_.values;
          for (const auto& [code, canonical] : schema_.codes) allowed.push_back(code);
          return fail(quoted(cell) + " is not one of " + join(allowed, ", "));
        }
        codes_.push_back(value);
        break;
      }
    }
    nulls_.push_back(0);
    return std::nullopt;
  }

  // Hands the values to `column` (of the same type).
  void finish(Column& column) {
    std::vector<uint8_t> nulls = any_null_ ? std::move(nulls_) : std::vector<uint8_t>();
    switch (schema_.type) {
      case ColumnType::kInteger: column.assign_integers(std::move(integers_), std::move(nulls)); break;
      case ColumnType::kNumber: column.assign_numbers(std::move(numbers_), std::move(nulls)); break;
      default: {
        if (schema_.type == ColumnType::kText || schema_.type == ColumnType::kEnum) {
          column.dictionary().assign(std::vector<std::string>(texts_.texts().begin(), texts_.texts().end()));
        }
        column.assign_codes(std::move(codes_), std::move(nulls));
        break;
      }
    }
  }

 private:
  // The stored code of a date, period or boolean cell, or nullopt.
  std::optional<int32_t> parse_code(std::string_view cell, bool from_xlsx) const {
    switch (schema_.type) {
      case ColumnType::kDate: {
        std::optional<Date> date = parse_date_lenient(cell);
        if (!date && from_xlsx) {
          const std::optional<int64_t> serial = parse_integer(cell);
          if (serial && *serial >= kExcelFirstReliableSerial && *serial <= kExcelLastSerial) {
            date = Date::from_days(static_cast<int32_t>(*serial - kExcelEpochOffset));
            if (!date->is_supported()) date.reset();
          }
        }
        if (!date) return std::nullopt;
        return date->days();
      }
      case ColumnType::kWeek: {
        const std::optional<Period> week = parse_week_lenient(cell);
        if (!week) return std::nullopt;
        return week->ordinal();
      }
      case ColumnType::kMonth: {
        const std::optional<Period> month = parse_month_lenient(cell);
        if (!month) return std::nullopt;
        return month->ordinal();
      }
      case ColumnType::kQuarter:
      case ColumnType::kYear: {
        const PeriodKind kind = schema_.type == ColumnType::kQuarter ? PeriodKind::kQuarter : PeriodKind::kYear;
        const std::optional<Period> period = Period::parse(cell);
        if (!period || period->kind() != kind) return std::nullopt;
        return period->ordinal();
      }
      case ColumnType::kBool: {
        const std::optional<bool> value = parse_bool(cell);
        if (!value) return std::nullopt;
        return *value ? 1 : 0;
      }
      default: return std::nullopt;
    }
  }

  // What follows the quoted cell when parse_code refused it.
  std::string_view not_a_code_message(std::string_view cell) const {
    // A date or period of a year outside 1900..2199 (engine/calendar/date.h)
    // is told apart from text that is no date at all.
    cell = trim_spaces(cell);
    const bool digits = cell.size() >= 4 && cell.substr(0, 4).find_first_not_of("0123456789") == std::string_view::npos;
    if (schema_.type != ColumnType::kBool && digits && (cell.size() == 4 || (cell[4] < '0' || cell[4] > '9'))) {
      const int year = std::stoi(std::string(cell.substr(0, 4)));
      if (year < kFirstSupportedYear || year > kLastSupportedYear) {
        static const std::string kOutside = " is outside the supported dates " + std::string(kSupportedDates);
        return kOutside;
      }
    }
    switch (schema_.type) {
      case ColumnType::kDate: return " is not a date";
      case ColumnType::kWeek: return " is not an ISO week (like 2023-W10)";
      case ColumnType::kMonth: return " is not a month (like 2023-03)";
      case ColumnType::kQuarter: return " is not a quarter (like 2023-Q1)";
      case ColumnType::kYear: return " is not a year (like 2023)";
      default: return " is not a yes/no value";
    }
  }

  std::optional<std::string> fail(std::string problem) {
    add_null();
    return problem;
  }

  // Codes and labels first (团籍状态 "0" or "正常" → active), then the
  // canonical values themselves, then the catch-all for other codes. The
  // canonical value's dictionary code, or -1.
  int32_t map_enum(std::string_view cell) {
    const std::string text(cell);
    if (auto code = schema_.codes.find(text); code != schema_.codes.end()) return texts_.intern(code->second);
    if (auto value = std::find(schema_.values.begin(), schema_.values.end(), text); value != schema_.values.end()) {
      return texts_.intern(*value);
    }
    if (!schema_.otherwise.empty()) return texts_.intern(schema_.otherwise);
    return -1;
  }

  const ColumnSchema& schema_;
  std::vector<int64_t> integers_;
  std::vector<double> numbers_;
  std::vector<int32_t> codes_;
  std::vector<uint8_t> nulls_;
  bool any_null_ = false;
  // The distinct-cell code (text: dictionary code) of the last non-empty
  // cell typed, -1 before the first.
  int32_t last_code_ = -1;
  // Text and enum: the dictionary being built. Views into the table's cells
  // or the schema's strings, both alive while the file is typed.
  TextIndex texts_;
  // Enum: distinct cells and the dictionary code each maps to (-1: none).
  TextIndex enum_cells_;
  std::vector<int32_t> enum_values_;
  // Dates, periods, booleans: distinct cells and their codes (nullopt: not
  // one of the column's type).
  TextIndex memo_cells_;
  std::vector<std::optional<int32_t>> memo_codes_;
};

// A key column's value as 8 bytes that are equal exactly when the formatted
// values are: dictionary codes for texts, the value for integers, the bits
// for numbers (the shortest round-trip text differs when the bits do), the
// code for dates, periods and booleans.
uint64_t key_bits(const Column& column, std::size_t row) {
  switch (column.type()) {
    case ColumnType::kInteger: return static_cast<uint64_t>(column.integer(row));
    case ColumnType::kNumber: {
      const double value = column.number(row);
      uint64_t bits = 0;
      std::memcpy(&bits, &value, sizeof bits);
      return bits;
    }
    default: return static_cast<uint32_t>(column.code(row));
  }
}

// Keys unique within the file: every row whose key cells are all present is
// compared with the rows before it; a row whose key cells are bad is already
// rejected (its cells are null) and not compared.
void check_unique_keys(const RawTable& table, const RecordSetSchema& schema, const std::vector<int>& cell_of_column,
                       Severity severity, TypedTable& typed, Diagnostics& diagnostics) {
  std::vector<std::size_t> key_columns;
  for (const std::string& name : schema.key) {
    const int index = schema.column_index(name);
    if (index >= 0) key_columns.push_back(static_cast<std::size_t>(index));
  }
  if (key_columns.empty()) return;
  const std::size_t row_total = typed.rows.rows();
  auto report = [&](std::size_t row, std::size_t first) {
    std::vector<std::string> parts;
    for (std::size_t c : key_columns) {
      const Column& column = typed.rows.column(c);
      parts.push_back(column.is_null(row) ? std::string() : column.format(row));
    }
    SourceSpan span;
    span.file = table.file;
    span.line = table.row_lines[row];
    const int first_cell = cell_of_column[key_columns.front()];
    if (first_cell >= 0) span.field = table.header[static_cast<std::size_t>(first_cell)];
    reject_row(typed, row, span,
               "duplicate key (" + join(parts, ", ") + "), first at line " + std::to_string(table.row_lines[first]),
               severity, diagnostics);
  };
  constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  const Column& first_key = typed.rows.column(key_columns.front());
  if (key_columns.size() == 1 && (first_key.type() == ColumnType::kText || first_key.type() == ColumnType::kEnum)) {
    // Equal texts have equal dictionary codes: a table by code, no hashing.
    std::vector<std::size_t> first_row(static_cast<std::size_t>(first_key.dictionary().size()), kNone);
    for (std::size_t row = 0; row < row_total; ++row) {
      if (first_key.is_null(row)) continue;
      std::size_t& first = first_row[static_cast<std::size_t>(first_key.code(row))];
      if (first == kNone) {
        first = row;
      } else {
        report(row, first);
      }
    }
    return;
  }
  std::unordered_map<std::string, std::size_t> first_row;  // looked up only, never iterated
  first_row.reserve(row_total);
  std::string key;
  for (std::size_t row = 0; row < row_total; ++row) {
    // A rejected row's bad cells are null: it is no key at all.
    if (!typed.valid(row)) continue;
    key.clear();
    for (std::size_t c : key_columns) {
      const Column& column = typed.rows.column(c);
      // An empty cell of an optional key column is a value of its own,
      // equal to another empty one (the store matches them so).
      const char present = column.is_null(row) ? 0 : 1;
      key.push_back(present);
      const uint64_t bits = present ? key_bits(column, row) : 0;
      key.append(reinterpret_cast<const char*>(&bits), sizeof bits);
    }
    auto [found, inserted] = first_row.emplace(key, row);
    if (!inserted) report(row, found->second);
  }
}

template <typename T>
std::vector<T> kept_values(const std::vector<T>& values, const std::vector<uint8_t>& invalid) {
  std::vector<T> out;
  out.reserve(values.size());
  for (std::size_t row = 0; row < values.size(); ++row) {
    if (invalid[row] == 0) out.push_back(values[row]);
  }
  return out;
}

// The valid rows of one column: values kept in order, a dictionary renumbered
// in first-seen order of the kept rows, and a null mask only if a kept row
// is null.
Column kept_column(const Column& from, const std::vector<uint8_t>& invalid) {
  Column to(from.type());
  std::vector<uint8_t> nulls;
  if (from.has_nulls()) {
    nulls = kept_values(from.nulls(), invalid);
    if (std::find(nulls.begin(), nulls.end(), 1) == nulls.end()) nulls.clear();
  }
  switch (from.type()) {
    case ColumnType::kInteger: to.assign_integers(kept_values(from.integers(), invalid), std::move(nulls)); break;
    case ColumnType::kNumber: to.assign_numbers(kept_values(from.numbers(), invalid), std::move(nulls)); break;
    case ColumnType::kText:
    case ColumnType::kEnum: {
      std::vector<int32_t> renumbered(static_cast<std::size_t>(from.dictionary().size()), -1);
      std::vector<std::string> texts;
      std::vector<int32_t> codes;
      codes.reserve(from.size());
      for (std::size_t row = 0; row < from.size(); ++row) {
        if (invalid[row] != 0) continue;
        if (from.is_null(row)) {
          codes.push_back(0);
          continue;
        }
        int32_t& code = renumbered[static_cast<std::size_t>(from.code(row))];
        if (code < 0) {
          code = static_cast<int32_t>(texts.size());
          texts.push_back(from.text(row));
        }
        codes.push_back(code);
      }
      to.dictionary().assign(std::move(texts));
      to.assign_codes(std::move(codes), std::move(nulls));
      break;
    }
    default: to.assign_codes(kept_values(from.codes(), invalid), std::move(nulls)); break;
  }
  return to;
}

std::string extra_cell_message(const RawTable& table, const ExtraCell& extra) {
  return "the row has a value beyond its header's " + std::to_string(table.header.size()) + " columns: cell " +
         std::to_string(extra.cell + 1) + " " + quoted(extra.text) + " has no column (it would be dropped)";
}

}  // namespace

std::optional<std::string> row_problem(const RawTable& table, std::size_t row, const RecordSetSchema& schema,
                                       const std::vector<int>& cell_of_column) {
  auto extra = std::lower_bound(table.extra_cells.begin(), table.extra_cells.end(), row,
                                [](const ExtraCell& cell, std::size_t wanted) { return cell.row < wanted; });
  if (extra != table.extra_cells.end() && extra->row == row) return extra_cell_message(table, *extra);
  const CellRows::Row cells = table.rows[row];
  for (std::size_t c = 0; c < schema.columns.size(); ++c) {
    const int cell_index = cell_of_column[c];
    if (cell_index < 0) continue;
    const std::string& header = table.header[static_cast<std::size_t>(cell_index)];
    const std::string_view cell = static_cast<std::size_t>(cell_index) < cells.size()
                                      ? trim_spaces(cells[static_cast<std::size_t>(cell_index)])
                                      : std::string_view();
    const ColumnSchema& column = schema.columns[c];
    std::optional<std::string> problem;
    if (cell.empty()) {
      // An id (a one-column key) must be there; an optional part of a
      // longer key may be empty, which the store matches as one value.
      const bool is_key =
          schema.key.size() == 1 && std::find(schema.key.begin(), schema.key.end(), column.name) != schema.key.end();
      if (column.required || is_key) problem = "missing value";
    } else {
      ColumnBuilder builder(column, 1);
      problem = builder.add(cell, table.encoding == "XLSX");
    }
    if (problem) return "column '" + header + "': " + *problem;
  }
  return std::nullopt;
}

void reject_row(TypedTable& typed, std::size_t row, const SourceSpan& span, const std::string& message,
                Severity severity, Diagnostics& diagnostics) {
  diagnostics.add(severity, span, message);
  typed.invalid[row] = 1;
  typed.reasons[row].push_back(span.field.empty() ? message : "column '" + span.field + "': " + message);
}

TypedTable type_rows(const RawTable& table, const RecordSetSchema& schema, const std::vector<int>& cell_of_column,
                     Severity severity, Diagnostics& diagnostics) {
  const std::size_t row_total = table.rows.size();
  TypedTable typed{RecordSet(schema), std::vector<std::vector<std::string>>(schema.columns.size()),
                   std::vector<uint8_t>(row_total, 0), {}};
  const bool from_xlsx = table.encoding == "XLSX";
  std::vector<ColumnBuilder> builders;
  builders.reserve(schema.columns.size());
  std::vector<bool> is_key(schema.columns.size(), false);
  std::vector<bool> keeps_raw(schema.columns.size(), false);
  for (std::size_t c = 0; c < schema.columns.size(); ++c) {
    builders.emplace_back(schema.columns[c], row_total);
    is_key[c] = schema.key.size() == 1 &&
                std::find(schema.key.begin(), schema.key.end(), schema.columns[c].name) != schema.key.end();
    keeps_raw[c] = keeps_raw_text(schema.columns[c]);
    if (keeps_raw[c]) typed.raw_texts[c].reserve(row_total);
  }
  std::vector<std::size_t> prefetched;  // text columns present in the file
  for (std::size_t c = 0; c < schema.columns.size(); ++c) {
    if (builders[c].wants_prefetch() && cell_of_column[c] >= 0) prefetched.push_back(c);
  }
  auto cell_at = [&](const CellRows::Row& cells, std::size_t c) {
    const int cell_index = cell_of_column[c];
    return cell_index >= 0 && static_cast<std::size_t>(cell_index) < cells.size()
               ? trim_spaces(cells[static_cast<std::size_t>(cell_index)])
               : std::string_view();
  };
  for (std::size_t row = 0; row < row_total; ++row) {
    if (row + kPrefetchRows < row_total && !prefetched.empty()) {
      const CellRows::Row ahead = table.rows[row + kPrefetchRows];
      for (std::size_t c : prefetched) builders[c].prefetch(cell_at(ahead, c));
    }
    const CellRows::Row cells = table.rows[row];
    for (std::size_t c = 0; c < schema.columns.size(); ++c) {
      ColumnBuilder& builder = builders[c];
      const int cell_index = cell_of_column[c];
      const std::string_view cell = cell_at(cells, c);
      if (keeps_raw[c]) typed.raw_texts[c].emplace_back(cell);
      std::optional<std::string> problem;
      if (cell.empty()) {
        builder.add_null();
        if (cell_index >= 0 && (builder.schema().required || is_key[c])) problem = "missing value";
      } else {
        problem = builder.add(cell, from_xlsx);
      }
      if (problem) {
        SourceSpan span;
        span.file = table.file;
        span.line = row < table.row_lines.size() ? table.row_lines[row] : 0;
        span.field = table.header[static_cast<std::size_t>(cell_index)];
        reject_row(typed, row, span, *problem, severity, diagnostics);
      }
    }
  }
  for (std::size_t c = 0; c < schema.columns.size(); ++c) builders[c].finish(typed.rows.column(c));
  for (const ExtraCell& extra : table.extra_cells) {
    SourceSpan span;
    span.file = table.file;
    span.line = extra.line;
    span.column = extra.column;
    reject_row(typed, extra.row, span, extra_cell_message(table, extra), severity, diagnostics);
  }
  // Rows of one key that are parts of one fact are not duplicates.
  if (schema.key_rows == KeyRows::kOne) check_unique_keys(table, schema, cell_of_column, severity, typed, diagnostics);
  return typed;
}

RecordSet valid_rows(const TypedTable& typed, std::vector<std::vector<std::string>>& raw_texts) {
  const RecordSetSchema& schema = typed.rows.schema();
  RecordSet out(schema);
  raw_texts.assign(schema.columns.size(), {});
  for (std::size_t c = 0; c < schema.columns.size(); ++c) {
    out.column(c) = kept_column(typed.rows.column(c), typed.invalid);
    if (!typed.raw_texts[c].empty()) raw_texts[c] = kept_values(typed.raw_texts[c], typed.invalid);
  }
  return out;
}

RecordSet take_valid_rows(TypedTable&& typed, std::vector<std::vector<std::string>>& raw_texts) {
  if (typed.rejected() > 0) return valid_rows(typed, raw_texts);
  raw_texts = std::move(typed.raw_texts);
  return std::move(typed.rows);
}

}  // namespace cadence

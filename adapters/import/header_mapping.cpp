#include "adapters/import/header_mapping.h"

#include <algorithm>

#include "adapters/import/cell_parser.h"

namespace cadence {
namespace {

bool equals_ignoring_ascii_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

bool is_required(const RecordSetSchema& schema, const ColumnSchema& column) {
  return column.required || std::find(schema.key.begin(), schema.key.end(), column.name) != schema.key.end();
}

SourceSpan header_span(const RawTable& table) {
  SourceSpan span;
  span.file = table.file;
  span.line = table.header_line;
  return span;
}

}  // namespace

std::string file_stem(std::string_view path) {
  const std::size_t slash = path.find_last_of('/');
  std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  const std::size_t dot = name.find_last_of('.');
  if (dot != std::string_view::npos && dot > 0) name = name.substr(0, dot);
  return std::string(name);
}

bool header_names_column(std::string_view header_cell, const ColumnSchema& column) {
  const std::string_view cell = trim_spaces(header_cell);
  if (cell.empty()) return false;
  if (equals_ignoring_ascii_case(cell, column.name)) return true;
  return std::any_of(column.aliases.begin(), column.aliases.end(),
                     [&](const std::string& alias) { return equals_ignoring_ascii_case(cell, alias); });
}

const RecordSetSchema* match_record_set(const Schema& schema, const RawTable& table, std::string_view forced,
                                        Diagnostics& diagnostics) {
  if (!forced.empty()) {
    if (const RecordSetSchema* found = schema.find(forced)) return found;
    SourceSpan span;
    span.file = table.file;
    std::string known;
    for (const RecordSetSchema& record_set : schema.record_sets) known += (known.empty() ? "" : ", ") + record_set.name;
    diagnostics.error(span, "unknown record set '" + std::string(forced) + "' (the schema has: " + known + ")");
    return nullptr;
  }
  const std::string stem = file_stem(table.file);
  for (const RecordSetSchema& record_set : schema.record_sets) {
    if (stem == record_set.name ||
        std::find(record_set.file_names.begin(), record_set.file_names.end(), stem) != record_set.file_names.end()) {
      return &record_set;
    }
  }
  // By header: the candidate naming the most header cells wins; every
  // required column must be present, or a members export that happens to
  // share "org_id" with study would be taken for study.
  const RecordSetSchema* best = nullptr;
  int best_score = 0;
  bool tie = false;
  for (const RecordSetSchema& record_set : schema.record_sets) {
    int score = 0;
    bool complete = true;
    for (const ColumnSchema& column : record_set.columns) {
      const bool present = std::any_of(table.header.begin(), table.header.end(),
                                       [&](const std::string& cell) { return header_names_column(cell, column); });
      if (present) ++score;
      if (!present && is_required(record_set, column)) complete = false;
    }
    if (!complete || score == 0) continue;
    if (score > best_score) {
      best = &record_set;
      best_score = score;
      tie = false;
    } else if (score == best_score) {
      tie = true;
    }
  }
  if (best != nullptr && !tie) return best;
  std::string message = tie ? "cannot tell which record set this file holds: its header fits several equally well"
                            : "cannot tell which record set this file holds: neither its name nor its header fits";
  message += "; name the file after the record set or use --as";
  diagnostics.error(header_span(table), message);
  return nullptr;
}

std::vector<int> map_header(const RecordSetSchema& schema, const RawTable& table, Diagnostics& diagnostics) {
  std::vector<int> cell_of_column(schema.columns.size(), -1);
  for (std::size_t c = 0; c < schema.columns.size(); ++c) {
    const ColumnSchema& column = schema.columns[c];
    for (std::size_t cell = 0; cell < table.header.size(); ++cell) {
      if (!header_names_column(table.header[cell], column)) continue;
      if (cell_of_column[c] >= 0) {
        SourceSpan span = header_span(table);
        span.field = table.header[cell];
        diagnostics.error(span, "column '" + column.name + "' appears twice in the header (also as '" +
                                    table.header[static_cast<std::size_t>(cell_of_column[c])] + "')");
        continue;
      }
      cell_of_column[c] = static_cast<int>(cell);
    }
    if (cell_of_column[c] < 0 && is_required(schema, column)) {
      std::string expected = "'" + column.name + "'";
      for (const std::string& alias : column.aliases) expected += ", '" + alias + "'";
      diagnostics.error(header_span(table), "missing required column '" + column.name + "' of record set '" +
                                                schema.name + "' (header " + expected + ")");
    }
  }
  return cell_of_column;
}

}  // namespace cadence

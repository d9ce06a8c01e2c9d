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

// How a record set meets a header (see header_mapping.h for the words).
struct SetFit {
  const RecordSetSchema* record_set = nullptr;
  std::vector<bool> used;                      // per header cell: names a column of the set
  std::vector<const ColumnSchema*> required;   // the set's required (and key) columns
  std::vector<const ColumnSchema*> missing;    // those no header cell names

  bool fits() const { return missing.empty(); }
};

SetFit fit_of(const RecordSetSchema& record_set, const RawTable& table) {
  SetFit fit;
  fit.record_set = &record_set;
  fit.used.assign(table.header.size(), false);
  for (const ColumnSchema& column : record_set.columns) {
    bool present = false;
    for (std::size_t cell = 0; cell < table.header.size(); ++cell) {
      if (!header_names_column(table.header[cell], column)) continue;
      fit.used[cell] = true;
      present = true;
    }
    if (!is_required(record_set, column)) continue;
    fit.required.push_back(&column);
    if (!present) fit.missing.push_back(&column);
  }
  return fit;
}

// Whether `outer` uses every cell `inner` uses, and at least one more.
bool strictly_contains(const std::vector<bool>& outer, const std::vector<bool>& inner) {
  bool more = false;
  for (std::size_t cell = 0; cell < outer.size(); ++cell) {
    if (inner[cell] && !outer[cell]) return false;
    if (outer[cell] && !inner[cell]) more = true;
  }
  return more;
}

bool takes_name(const RecordSetSchema& record_set, std::string_view name) {
  return name == record_set.name ||
         std::find(record_set.file_names.begin(), record_set.file_names.end(), name) != record_set.file_names.end();
}

// "'组织编码', '周次'": the header cells marked.
std::string cells_text(const RawTable& table, const std::vector<bool>& cells) {
  std::string text;
  for (std::size_t cell = 0; cell < cells.size(); ++cell) {
    if (cells[cell]) text += (text.empty() ? "'" : ", '") + table.header[cell] + "'";
  }
  return text;
}

// "org_id (所在团支部, 团支部编码, 组织编码)": a column as a header may name it.
std::string column_text(const ColumnSchema& column) {
  std::string text = column.name;
  for (std::size_t i = 0; i < column.aliases.size(); ++i) text += (i == 0 ? " (" : ", ") + column.aliases[i];
  if (!column.aliases.empty()) text += ")";
  return text;
}

std::string missing_text(const SetFit& fit) {
  std::string text;
  for (const ColumnSchema* column : fit.missing) text += (text.empty() ? "" : ", ") + column->name;
  return text;
}

// After a refusal: one note per record set saying what it requires and
// what of that this header lacks, so that the user can tell which the file
// was meant to be and what to rename.
void list_record_sets(const std::vector<SetFit>& fits, const RawTable& table, Diagnostics& diagnostics) {
  for (const SetFit& fit : fits) {
    const RecordSetSchema& record_set = *fit.record_set;
    std::string text = "record set '" + record_set.name + "'";
    if (!record_set.file_names.empty()) {
      text += " (file names ";
      for (std::size_t i = 0; i < record_set.file_names.size(); ++i) {
        text += (i == 0 ? "" : ", ") + record_set.file_names[i];
      }
      text += ")";
    }
    text += " requires ";
    for (std::size_t i = 0; i < fit.required.size(); ++i) text += (i == 0 ? "" : "; ") + column_text(*fit.required[i]);
    text += fit.fits() ? "; this header has them all." : "; this header lacks " + missing_text(fit) + ".";
    diagnostics.note(header_span(table), text);
  }
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

const RecordSetSchema* match_record_set(const Schema& schema, const RawTable& table, const TableNames& names,
                                        std::string_view forced, Diagnostics& diagnostics) {
  if (!forced.empty()) {
    if (const RecordSetSchema* found = schema.find(forced)) return found;
    SourceSpan span;
    span.file = table.file;
    std::string known;
    for (const RecordSetSchema& record_set : schema.record_sets) known += (known.empty() ? "" : ", ") + record_set.name;
    diagnostics.error(span, "unknown record set '" + std::string(forced) + "' (the schema has: " + known + ")");
    return nullptr;
  }
  std::vector<SetFit> fits;
  fits.reserve(schema.record_sets.size());
  for (const RecordSetSchema& record_set : schema.record_sets) fits.push_back(fit_of(record_set, table));

  // 2: by name, the sheet's before the file's.
  const SetFit* named = nullptr;
  for (const std::string& name : {names.sheet, names.stem}) {
    if (name.empty() || named != nullptr) continue;
    for (const SetFit& fit : fits) {
      if (takes_name(*fit.record_set, name)) {
        named = &fit;
        break;
      }
    }
  }
  if (named != nullptr) {
    if (!named->fits()) {
      // map_header names the missing columns; say what the header does fit.
      for (const SetFit& other : fits) {
        if (!other.fits()) continue;
        diagnostics.note(header_span(table), "the file's name says it holds record set '" + named->record_set->name +
                                                 "', but its header has the required columns of record set '" +
                                                 other.record_set->name + "'.");
      }
      return named->record_set;
    }
    for (const SetFit& other : fits) {
      if (&other == named || !strictly_contains(other.used, named->used)) continue;
      diagnostics.error(header_span(table),
                        "the file's name says it holds record set '" + named->record_set->name +
                            "', but its header holds more columns of record set '" + other.record_set->name +
                            "' (" + cells_text(table, other.used) + " against " + cells_text(table, named->used) +
                            "). Rename the file after the record set it holds, or use --as NAME.");
      list_record_sets(fits, table, diagnostics);
      return nullptr;
    }
    return named->record_set;
  }

  // 3: by header alone.
  std::vector<const SetFit*> candidates;
  for (const SetFit& fit : fits) {
    if (!fit.fits()) continue;
    const bool outdone = std::any_of(fits.begin(), fits.end(), [&](const SetFit& other) {
      return other.fits() && strictly_contains(other.used, fit.used);
    });
    if (!outdone) candidates.push_back(&fit);
  }
  if (candidates.empty()) {
    diagnostics.error(header_span(table),
                      "cannot tell which record set this file holds: its header has the required columns of no "
                      "record set, and its name is none a record set takes. Name the file after its record set or "
                      "use --as NAME.");
    list_record_sets(fits, table, diagnostics);
    return nullptr;
  }
  if (candidates.size() > 1) {
    std::string sets;
    for (std::size_t i = 0; i < candidates.size(); ++i) {
      sets += (i == 0 ? "'" : i + 1 == candidates.size() ? "' and '" : "', '") + candidates[i]->record_set->name;
    }
    diagnostics.error(header_span(table),
                      "cannot tell which record set this file holds: its header has the required columns of " +
                          sets + "'. Name the file after its record set or use --as NAME.");
    list_record_sets(fits, table, diagnostics);
    return nullptr;
  }
  const SetFit& chosen = *candidates.front();
  for (const SetFit& other : fits) {
    if (other.fits() || !strictly_contains(other.used, chosen.used)) continue;
    diagnostics.error(header_span(table),
                      "cannot tell which record set this file holds: its header has the required columns of '" +
                          chosen.record_set->name + "', but holds more columns of '" + other.record_set->name +
                          "' (" + cells_text(table, other.used) + "), whose required columns it lacks (" +
                          missing_text(other) + "). Name the file after its record set or use --as NAME.");
    list_record_sets(fits, table, diagnostics);
    return nullptr;
  }
  return chosen.record_set;
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
  std::vector<bool> used(table.header.size(), false);
  for (const int cell : cell_of_column) {
    if (cell >= 0) used[static_cast<std::size_t>(cell)] = true;
  }
  std::string unused;
  int unused_count = 0;
  for (std::size_t cell = 0; cell < table.header.size(); ++cell) {
    // A cell naming a column twice was reported above; empty cells hold nothing to lose.
    if (used[cell] || trim_spaces(table.header[cell]).empty()) continue;
    const bool duplicate = std::any_of(schema.columns.begin(), schema.columns.end(), [&](const ColumnSchema& column) {
      return header_names_column(table.header[cell], column);
    });
    if (duplicate) continue;
    unused += (unused.empty() ? "'" : ", '") + table.header[cell] + "'";
    ++unused_count;
  }
  if (unused_count > 0) {
    diagnostics.warning(header_span(table),
                        unused_count == 1
                            ? "record set '" + schema.name + "' has no column for the header cell " + unused +
                                  ": its values are not imported."
                            : "record set '" + schema.name + "' has no column for the header cells " + unused +
                                  ": their values are not imported.");
  }
  return cell_of_column;
}

}  // namespace cadence

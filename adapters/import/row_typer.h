// Typing the cells of one file against its record set: every cell through
// the lenient cell parsers by column type, enum codes mapped to canonical
// values, required cells present, numeric bounds, and the record set's key
// unique within the file.
//
// Each problem is reported as a Diagnostic on the file and the row's line,
// with the column's header as it is in the file (SourceSpan::field):
//
//   members.csv:7: error: column '出生日期': '2023-02-30' is not a date
//   study.csv:9: error: duplicate key (B1, 2023-W10), first at line 4
//   study.csv:3:21: error: the row has a value beyond its header's 3 columns: cell 4 '005' has no column (...)
//
// and recorded as a reason on the row, so that --skip-invalid can write the
// row with its reasons to the rejects file.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "adapters/csv/raw_table.h"
#include "engine/core/diagnostic.h"
#include "engine/table/record_set.h"
#include "engine/table/schema.h"

namespace cadence {

// The rows of one file, typed. A row with a problem stays in `rows` (its bad
// cells null) so that row indexes keep matching the RawTable's.
struct TypedTable {
  RecordSet rows;
  // Per schema column: the original cells of an enum column with codes
  // (the store keeps them, contract: "keep the original value"); empty for
  // other columns.
  std::vector<std::vector<std::string>> raw_texts;
  // Per row: 1 when the row is invalid.
  std::vector<uint8_t> invalid;
  // Per invalid row: why, rendered like "column '出生日期': '2023-02-30' is not
  // a date", in the order found.
  std::map<std::size_t, std::vector<std::string>> reasons;

  bool valid(std::size_t row) const { return invalid[row] == 0; }
  std::size_t rejected() const { return reasons.size(); }
};

// `cell_of_column` is map_header's result. Problems are reported with
// `severity` (errors for an all-or-nothing import, warnings when invalid rows
// are skipped).
TypedTable type_rows(const RawTable& table, const RecordSetSchema& schema, const std::vector<int>& cell_of_column,
                     Severity severity, Diagnostics& diagnostics);

// The first problem of one row as data of `schema`, rendered like a reason
// ("column 'week': '合计' is not an ISO week (like 2023-W10)", or its extra
// cell), or nullopt when it types cleanly. Key uniqueness and references
// are not checked. For telling footer rows from data (drop_footer_rows).
std::optional<std::string> row_problem(const RawTable& table, std::size_t row, const RecordSetSchema& schema,
                                       const std::vector<int>& cell_of_column);

// Marks a row invalid: reports the problem and records the reason.
void reject_row(TypedTable& typed, std::size_t row, const SourceSpan& span, const std::string& message,
                Severity severity, Diagnostics& diagnostics);

// The valid rows only, with their raw texts (same layout as TypedTable's).
// Text columns get the dictionary the valid rows alone would build (codes in
// first-seen order), as if they had been typed without the invalid ones.
RecordSet valid_rows(const TypedTable& typed, std::vector<std::vector<std::string>>& raw_texts);
// The same, taking `typed` apart: without invalid rows, nothing is copied.
RecordSet take_valid_rows(TypedTable&& typed, std::vector<std::vector<std::string>>& raw_texts);

}  // namespace cadence

// Which record set a file holds and which of its header cells is which
// column. Header aliases are data (the schema's ColumnSchema::aliases), so a
// 智慧团建 export with 团员编号, 所在团支部, 出生日期 maps onto members.id,
// org_id, birth_date without code knowing Chinese.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "adapters/csv/raw_table.h"
#include "engine/core/diagnostic.h"
#include "engine/table/schema.h"

namespace cadence {

// The record set a file maps to, in this order:
//  1. `forced` (the user's --as) when non-empty;
//  2. the file's stem (name without directory and extension) equals a record
//     set's name or one of its file_names;
//  3. the record set whose columns and aliases match the most header cells,
//     among those whose required columns all appear. A tie or no candidate
//     is an error.
// Returns nullptr after reporting a diagnostic on the file (line = header).
const RecordSetSchema* match_record_set(const Schema& schema, const RawTable& table, std::string_view forced,
                                        Diagnostics& diagnostics);

// Whether a header cell names the column: its name or one of its aliases,
// exactly or ASCII-case-insensitively, after trimming.
bool header_names_column(std::string_view header_cell, const ColumnSchema& column);

// For each schema column, the index of the header cell that holds it, or -1.
// Reports a missing required (or key) column and a column named by two
// header cells as errors on the header line; unknown header cells are
// ignored (exports carry many columns a pack does not use).
std::vector<int> map_header(const RecordSetSchema& schema, const RawTable& table, Diagnostics& diagnostics);

// "members" for "data/2023/members.csv".
std::string file_stem(std::string_view path);

}  // namespace cadence

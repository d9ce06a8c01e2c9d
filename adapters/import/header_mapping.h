// Which record set a file holds and which of its header cells is which
// column. Header aliases are data (the schema's ColumnSchema::aliases), so a
// 智慧团建 export with 团员编号, 所在团支部, 出生日期 maps onto members.id,
// org_id, birth_date without code knowing Chinese.
//
// Mapping never guesses (issue 22: a file with the header 单位名称, 周次,
// 参学人数 was taken for `episodes`, which needs only 周次, and overwrote a
// stored episode). The words it uses:
//  - a record set *fits* a header when every required (or key) column of
//    the set is named by a header cell, by its name or one of its aliases;
//  - the cells a set *uses* are the header cells that name one of its
//    columns.
// A header that fits no set, or several, is refused with the list of every
// record set, its file names and its required columns (with their aliases,
// the Chinese headers of real exports), so that the user can rename the file
// or say --as. Header cells no column of the chosen set uses are imported
// by nobody: map_header lists them in a warning.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "adapters/csv/raw_table.h"
#include "engine/core/diagnostic.h"
#include "engine/table/schema.h"

namespace cadence {

// The names that may say which record set a table holds, most specific
// first: for a sheet of a workbook, the sheet's name, then the file's stem
// (name without directory and extension); for a CSV file, its stem.
struct TableNames {
  std::string sheet;  // empty for CSV
  std::string stem;
};

// The record set a table maps to:
//  1. `forced` (the user's --as) when non-empty, whatever the header says
//     (map_header then reports the columns it lacks);
//  2. else the record set whose name or file_names equal the sheet's name,
//     else the file's stem. The header must not contradict it: when another
//     set uses every header cell it uses and more (a file named
//     青年大学习期次 whose header is 组织编码, 周次, 参学人数 holds study,
//     not episodes), the table is refused. A set the name picks whose
//     required columns are missing is left to map_header to report;
//  3. else by header alone: among the sets that fit it, those whose used
//     cells another fitting set's used cells strictly contain are set aside
//     (团员编号, 年度, 评议等次 fits registrations too, but evaluations uses
//     more). Exactly one must remain, and no set that does not fit may use
//     strictly more cells than it (单位名称, 周次, 参学人数 fits episodes by
//     周次 but holds more of study, whose org column is missing): the
//     table is refused otherwise.
// Refusals are one error on the header line followed by one note per record
// set, e.g.
//
//   x.csv:1: error: cannot tell which record set this file holds: its header has the required columns of no record set, and neither its name nor a sheet name is one a record set takes. Name the file after its record set or use --as NAME.
//   x.csv:1: note: record set 'study' (file names study, 青年大学习, 参学统计) requires org_id (所在团支部, 团支部编码, 组织编码), week (周次, 学习周), learners (参学人数, 学习人数); this header lacks org_id.
//
// Returns nullptr after reporting.
const RecordSetSchema* match_record_set(const Schema& schema, const RawTable& table, const TableNames& names,
                                        std::string_view forced, Diagnostics& diagnostics);

// Whether a header cell names the column: its name or one of its aliases,
// exactly or ASCII-case-insensitively, after trimming.
bool header_names_column(std::string_view header_cell, const ColumnSchema& column);

// For each schema column, the index of the header cell that holds it, or -1.
// Reports a missing required (or key) column and a column named by two
// header cells as errors on the header line. Non-empty header cells that
// name no column of the set are listed in one warning on the header line
// ("not imported"): exports carry many columns a pack does not use, but none
// is dropped unsaid.
std::vector<int> map_header(const RecordSetSchema& schema, const RawTable& table, Diagnostics& diagnostics);

// "members" for "data/2023/members.csv".
std::string file_stem(std::string_view path);

}  // namespace cadence

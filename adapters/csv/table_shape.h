// Finding the header, the title rows above it and the footer rows below the
// data, for every tabular reader (CSV and XLSX share this code).
//
// Real exports (智慧团建-style systems, Excel sheets made by hand) put a title
// row such as "2023年团员名单" above the header and a footer such as
// "合计：120人" or "制表人：张三" below the data (DOMAIN.md §1: "first row is a
// title, last row a footer"). The rules, kept simple so a user can predict them:
//
//  - Fully empty rows (every cell empty after trimming) never reach this code:
//    readers drop them wherever they occur.
//  - Header: among the first 10 rows, the first one in which at least 2 cells
//    match a header hint after trimming (or 1 cell when no row among those
//    10 has more than one cell). If no row matches, the first row is the
//    header. Rows above the header are title rows; they are counted and
//    dropped. Matching is exact, or ASCII-case-insensitive against a
//    lower-case hint ("ID" matches "id").
//  - Header cells are trimmed (ASCII spaces and U+3000) and trailing empty
//    header cells are dropped (Excel often exports a few empty columns).
//  - Footer: walking up from the last row, a row is a footer row when its
//    first non-empty cell starts with 合计, 总计, 导出, 备注, 说明 or 制表, or
//    when the header has 3 or more cells and the row has at most 1 non-empty
//    cell. The walk stops at the first row that is not a footer row. Footer
//    rows are counted and dropped. (So a genuine last data row with a single
//    filled cell under a 3-column header is taken for a footer: a documented
//    limitation of the heuristic.)
#pragma once

#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/csv/raw_table.h"

namespace cadence {

// The header names the caller would recognise: every column name and alias of
// the schema being imported.
using HeaderHints = std::set<std::string, std::less<>>;

// True when every cell is empty after trimming.
bool is_blank_row(const std::vector<std::string>& cells);

// Fills table.header, header_line, rows, row_lines, skipped_title_rows and
// skipped_footer_rows from the non-blank rows of a file (in file order, with
// the line each starts on). Leaves file and encoding alone. With no rows at
// all the table stays empty (header_line 0). The rows move into the table
// as they are: title, header and footer rows are hidden, not copied.
void shape_table(CellRows rows, std::vector<int> lines, const HeaderHints& hints, RawTable& table);
void shape_table(const std::vector<std::vector<std::string>>& rows, std::vector<int> lines,
                 const HeaderHints& hints, RawTable& table);

}  // namespace cadence

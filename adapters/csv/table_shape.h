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
//  - Footer: walking up from the last row, a row is a footer candidate when
//    its first non-empty cell starts with 合计, 总计, 导出, 备注, 说明 or 制表,
//    or when the header has 3 or more cells and the row has at most 1
//    non-empty cell. The walk stops at the first row that is not one.
//    shape_table only counts the candidates (RawTable::footer_candidates);
//    drop_footer_rows, which the importer calls with the schema at hand,
//    skips a candidate only if it is not a valid row, walking up from the
//    last one and stopping at the first valid one: a row that validates
//    against the schema is data, never a footer (issue 29: "2023-W31,,,"
//    was dropped as a footer). What was skipped, and why, is reported.
//    "Valid" is what typing a row alone can tell (row_typer.h row_problem:
//    required cells, types, enum values, bounds, no cell beyond the
//    header); references come later, so a totals row such as
//    "合计,2023-W10,120" that types cleanly is kept as data and then refused
//    as naming an unknown org: an error, never a silent drop.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/csv/raw_table.h"

namespace cadence {

// How many of the first non-blank rows may hold the header.
constexpr std::size_t kHeaderSearchRows = 10;

// The header names the caller would recognise: every column name and alias of
// the schema being imported.
using HeaderHints = std::set<std::string, std::less<>>;

// True when every cell is empty after trimming.
bool is_blank_row(const std::vector<std::string>& cells);

// Fills table.header, header_line, rows, row_lines, skipped_title_rows and
// footer_candidates from the non-blank rows of a file (in file order, with
// the line each starts on). Leaves file, encoding and extra_cells alone.
// With no rows at all the table stays empty (header_line 0). The rows move
// into the table as they are: title and header rows are hidden, not copied.
void shape_table(CellRows rows, std::vector<int> lines, const HeaderHints& hints, RawTable& table);
void shape_table(const std::vector<std::vector<std::string>>& rows, std::vector<int> lines,
                 const HeaderHints& hints, RawTable& table);

// A footer candidate that was skipped: its line, its text (the non-empty
// cells joined by ", ") and why it is not data.
struct SkippedFooter {
  int line = 0;
  std::string text;
  std::string problem;
};

// Hides the footer rows of `table`: walking up from its last row through
// the footer candidates, each row for which `problem_of(row)` says what is
// wrong with it (as data) is hidden, until a row with no problem (nullopt)
// or the first non-candidate. Sets skipped_footer_rows, drops the hidden
// rows' extra_cells, and returns the hidden rows, last first.
std::vector<SkippedFooter> drop_footer_rows(
    RawTable& table, const std::function<std::optional<std::string>(std::size_t row)>& problem_of);

}  // namespace cadence

// Reading one sheet of an XLSX workbook into a RawTable.
//
// What it understands (ECMA-376 SpreadsheetML, as Excel, WPS and openpyxl
// write it): the workbook's sheet list and relationships, shared strings
// (rich-text runs joined, phonetic runs dropped), inline strings, formula
// results (str), numbers, booleans ("true"/"false"), and dates — a number
// whose cell style has a date format becomes "YYYY-MM-DD" (1900 or 1904 date
// system, see excel_values.h). Cells are placed by their reference ("C7" is
// the third cell of line 7); missing cells are empty. A row's line is its
// sheet row number. Header, title and footer rows are found as
// table_shape.h says; empty rows are skipped. A data row's first non-blank
// cell beyond the header is recorded in RawTable::extra_cells (line = sheet
// row, column = column number).
//
// Errors are Diagnostics for file (and line, where there is one):
//   "not an XLSX (zip) file (...)", "zip entry 'xl/...' inflates beyond
//   268435456 bytes (a zip bomb?); refused", "... more than 200 times its
//   compressed size (a zip bomb?); refused", "xl/worksheets/sheet1.xml: XML
//   with a DOCTYPE or entity declarations is refused", "no sheet named 'X'
//   (the workbook has: A, B)", malformed XML and damaged entries, and the
//   limits below: "cell XFD1 is beyond column NTP (10000, ...)", "a cell has
//   the reference 'XFE1', which is not a cell of a sheet ...", "the sheet is
//   too sparse: ...".
// Any of these returns nullopt. Problems confined to one cell — an Excel
// error value (#DIV/0!), serial 60 in a date cell, a shared string index out
// of range, a t="d" date-time whose time does not exist — are error
// diagnostics at that cell's line and column, and the
// table is still returned with the cell's raw text, so that all such
// problems are reported at once; the caller must check for errors.
// Never throws; safe on arbitrary bytes. Thread-safe (no shared state).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/csv/raw_table.h"
#include "adapters/csv/table_shape.h"
#include "adapters/xlsx/zip_archive.h"
#include "engine/core/diagnostic.h"

namespace cadence {

// Limits, so that memory stays in proportion to the cells a sheet holds
// (issue 29: a 27 KB sheet with its cells at column 9,999 took 2.1 GB):
//  - a cell beyond column max_columns, or a row number beyond Excel's
//    1,048,576, stops the read with an error naming the cell;
//  - at most max_cells non-blank cells;
//  - rows are laid out only up to the header's width (a non-blank cell
//    beyond it is recorded in RawTable::extra_cells, which the importer
//    reports as an error), and a sheet whose rows laid out that way would
//    take more than max(min_layout_cells, max_layout_ratio × its non-blank
//    cells) cells is refused as too sparse.
struct XlsxLimits {
  ZipLimits zip;                               // per zip entry
  std::size_t max_columns = 10'000;            // column NTP
  std::size_t max_cells = 50'000'000;
  std::size_t min_layout_cells = 1'000'000;
  std::size_t max_layout_ratio = 64;
};

// `sheet` names the sheet to read; empty means the first sheet of the workbook.
std::optional<RawTable> read_xlsx(std::string_view bytes, const std::string& file, const std::string& sheet,
                                  const HeaderHints& hints, Diagnostics& diagnostics, const XlsxLimits& limits = {});

// The names of the workbook's sheets in workbook order (xl/workbook.xml),
// without reading any sheet. Errors as read_xlsx's (not a zip file, no
// workbook part, malformed XML) return nullopt.
std::optional<std::vector<std::string>> list_xlsx_sheets(std::string_view bytes, const std::string& file,
                                                         Diagnostics& diagnostics, const XlsxLimits& limits = {});

}  // namespace cadence

// Reading one sheet of a legacy Excel workbook (.xls: BIFF in a Compound
// File, as 智慧团建 and many office tools export) into a RawTable, the same
// table the CSV and XLSX readers produce: mapping, typing, title and footer
// rows (table_shape.h) and errors are then the importer's, whatever the
// format.
//
// Debian's libfreexl decodes the file: the Compound File, the shared
// strings in their code page (to UTF-8), numbers, and dates — a number whose
// cell format is a date format comes back as a date, written "YYYY-MM-DD"
// as the XLSX reader writes it (a date-time's time of day is dropped, as
// there). Integers print without a fraction and other numbers as the XLSX
// reader prints them (excel_values.h); a time of day stays "HH:MM:SS".
// A row's line is its sheet row number (1-based), a cell's column its
// column number; blank rows are skipped; a data row's first non-blank cell
// beyond the header is recorded in RawTable::extra_cells.
//
// libfreexl reads only from a path: the bytes are handed to it through an
// anonymous in-memory file (memfd), so that reading is the same for the
// importer's bytes and the fuzz target's.
//
// libfreexl decodes in a forked child process that hands the rows back
// through a pipe: Debian's 1.0.6 over-reads a stack buffer on some damaged
// files (tests/fuzz/regressions/xls_reader/), and such a file must cost an
// error on the file, not the import.
//
// Errors are Diagnostics on the file (one per line, as rendered):
//   members.xls: error: not an XLS file: it has no Compound File header (...)
//   members.xls: error: the XLS file is truncated or damaged: parts it refers to lie beyond its end
//   members.xls: error: the XLS file is damaged: the XLS library (libfreexl) failed on it; ...
//   members.xls: error: the XLS file is protected by a password; save it without one and import it again
//   members.xls: error: no sheet named 'X' (the workbook has: A, B)
//   members.xls: error: sheet 'A' has no rows (no header)
// and a cell libfreexl cannot decode is an error at its row and column; all
// return nullopt. Never throws; safe on arbitrary bytes. Thread-safe (no
// shared state; the child is the caller's own).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/csv/raw_table.h"
#include "adapters/csv/table_shape.h"
#include "engine/core/diagnostic.h"

namespace cadence {

// `sheet` names the sheet to read; empty means the first sheet.
std::optional<RawTable> read_xls(std::string_view bytes, const std::string& file, const std::string& sheet,
                                 const HeaderHints& hints, Diagnostics& diagnostics);

// The workbook's sheet names in order, without laying any sheet out.
std::optional<std::vector<std::string>> list_xls_sheets(std::string_view bytes, const std::string& file,
                                                        Diagnostics& diagnostics);

}  // namespace cadence

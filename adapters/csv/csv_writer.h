// Writing CSV (RFC 4180): the one place cadence quotes a CSV cell. The
// report writers (adapters/report), the importer's reject files and the
// data generator (data/generator) all quote through append_csv_cell.
//
// A cell is quoted only when it must be: when it contains a comma, a double
// quote, CR or LF, or starts or ends with a space (so a reader that trims
// keeps it). Quotes inside are doubled. Rows end with LF (contract.md:
// "UTF-8, LF"). The text is written as given (UTF-8 in, UTF-8 out).
//   csv_escape("a,b")      → "a,b" in quotes
//   csv_escape("say \"hi\"") → "say ""hi""" in quotes
//
// Formula neutralising is a separate, explicit step (CellGuard): a report
// that people open in a spreadsheet asks for kSpreadsheet; a data file that
// programs read back (contract.md's findings and data files, reject files)
// stays plain RFC 4180 with kNone. OWASP "CSV Injection": a text cell that
// starts with = + - @ TAB or CR (after any leading spaces) is a formula to
// Excel, LibreOffice and WPS, so it gets a leading apostrophe, which the
// spreadsheet shows as text:
//   csv_escape("=HYPERLINK(\"http://x\",\"点击\")", CellGuard::kSpreadsheet)
//     → "'=HYPERLINK(""http://x"",""点击"")" in quotes
// A plain decimal number ("-0.5", "+3", "12.000000") is a value, not a
// formula, and stays as it is.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace cadence {

enum class CellGuard { kNone, kSpreadsheet };

// True when a spreadsheet would evaluate `cell` as a formula (see above).
bool is_formula_like(std::string_view cell);

// `cell` with a leading apostrophe when is_formula_like(cell), else as is.
// For every text a spreadsheet cell receives (CSV and XLSX writers alike).
std::string neutralise_formula(std::string_view cell);

// Appends one cell, neutralised when `guard` asks for it, then quoted.
void append_csv_cell(std::string& out, std::string_view cell, CellGuard guard = CellGuard::kNone);

std::string csv_escape(std::string_view cell, CellGuard guard = CellGuard::kNone);

// Appends the cells, comma-separated and escaped, then "\n".
void write_csv_row(std::string& out, const std::vector<std::string>& cells, CellGuard guard = CellGuard::kNone);

}  // namespace cadence

// A table as read from a file, before typing: a header and rows of UTF-8
// strings, each row with the line number it starts on in the file (rows of a
// CSV can span lines; for XLSX the line is the sheet's row number).
//
// Readers (CSV, XLSX) produce it; the importer maps it onto a record set's
// schema, types the values and reports problems by file, line and header.
#pragma once

#include <string>
#include <vector>

#include "adapters/csv/cell_rows.h"

namespace cadence {

// A cell of a row that lies beyond the header: the row's index in
// RawTable::rows, the cell's 0-based column (an XLSX row is laid out only
// up to the header's width, so the cell need not be in the row), its text,
// and where it is in the file
// (CSV: line and column in characters; XLSX: sheet row and column number).
struct ExtraCell {
  std::size_t row = 0;
  std::size_t cell = 0;
  int line = 0;
  int column = 0;
  std::string text;  // the cell, trimmed
};

struct RawTable {
  std::string file;                            // as given by the user, for diagnostics
  std::vector<std::string> header;             // trimmed header cells
  int header_line = 0;                         // 1-based line of the header
  CellRows rows;                               // cells, UTF-8, as many as the header or fewer/more
  std::vector<int> row_lines;                  // 1-based line where each row starts
  std::string encoding;                        // "UTF-8", "UTF-8 (BOM)", "GB18030", "XLSX"
  int skipped_title_rows = 0;                  // rows above the header that were skipped
  int skipped_footer_rows = 0;                 // rows below the data that were skipped
  // The last `footer_candidates` rows look like footer rows
  // (table_shape.h); they are still in `rows`: the importer skips those
  // that do not validate against the schema and keeps the others.
  int footer_candidates = 0;
  // Per row wider than the header: its first non-empty cell beyond the
  // header, in row order (a row wider than its header is an error: its
  // extra cells would be dropped unseen).
  std::vector<ExtraCell> extra_cells;
};

}  // namespace cadence

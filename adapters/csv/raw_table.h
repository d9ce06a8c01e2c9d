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

struct RawTable {
  std::string file;                            // as given by the user, for diagnostics
  std::vector<std::string> header;             // trimmed header cells
  int header_line = 0;                         // 1-based line of the header
  CellRows rows;                               // cells, UTF-8, as many as the header or fewer/more
  std::vector<int> row_lines;                  // 1-based line where each row starts
  std::string encoding;                        // "UTF-8", "UTF-8 (BOM)", "GB18030", "XLSX"
  int skipped_title_rows = 0;                  // rows above the header that were skipped
  int skipped_footer_rows = 0;                 // rows below the data that were skipped
};

}  // namespace cadence

// Reading a CSV export into a RawTable.
//
// Format: RFC 4180 — comma-separated fields; a field in double quotes may hold
// commas, doubled quotes ("") and line breaks (CR, LF or CRLF), and its row
// then spans several lines. Line ends are CRLF, LF or a lone CR. Being
// lenient where real exports are sloppy: a quote inside an unquoted field is
// kept literally (a"b → a"b), and text after a closing quote is appended to
// the field ("a"b → ab). Every row records the line it starts on.
//
// A quoted field that runs over a line break must be plausible, or the file
// is refused at the line and column where its quote opened: one stray quote
// would otherwise swallow the rows after it into one cell (issue 29). The
// rule, from what the file's other rows say:
//  (a) the field's row has the file's usual width: the number of fields
//      most rows have (ties: the width met first, usually the header's);
//  (b) when that width is 2 or more, none of the lines the field continues
//      on reads as a row of its own: exactly that many comma-separated
//      parts and an even number of quotes (the line where a genuine field
//      closes holds its closing quote, an odd number).
// Notes and addresses over several lines pass, in any column; a field whose
// inner line holds a whole row's worth of commas (and no odd quote) does
// not — the error says so; quote such text differently or drop the commas.
//
// A row wider than the header: its first non-empty cell beyond the header
// is recorded in RawTable::extra_cells with its line and column (trailing
// empty cells, as Excel exports, are not extra); the importer rejects the
// row. Footer rows are only candidates here (table_shape.h).
//
// Encodings: UTF-8, UTF-8 with a byte-order mark (stripped) and GB18030/GBK,
// detected as text_encoding.h says, or the one `encoding` names (then also
// ISO-8859-1). Header, title rows and footer rows are
// found as table_shape.h says; fully empty rows are skipped anywhere.
//
// Errors are Diagnostics naming the file and line, e.g.
//   members.csv:5:12: error: quoted field 3 is never closed (its opening quote is here)
//   members.csv:2:8: error: quoted field 3 opened here runs over 2 line breaks to line 4, swallowing
//     line 3, which has the 7 fields of a row of its own: a stray quote? (...)
//   members.csv:2:4: error: not valid UTF-8: byte 0xE9 here is not part of a UTF-8 character (...)
//   big.csv:1: error: field 1 is longer than 1048576 bytes; stopped reading
// and the result is nullopt: nothing of a file that could not be read
// completely is returned. Limits keep memory bounded on hostile input: no
// field is copied past max_field_bytes, no row past max_cells_per_row.
// Thread-safe (no shared state).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "adapters/csv/raw_table.h"
#include "adapters/csv/table_shape.h"
#include "adapters/csv/text_encoding.h"
#include "engine/core/diagnostic.h"

namespace cadence {

struct CsvLimits {
  std::size_t max_cells_per_row = 10'000;    // header rows included
  std::size_t max_field_bytes = 1 << 20;     // 1 MiB
};

std::optional<RawTable> read_csv(std::string_view bytes, const std::string& file, const HeaderHints& hints,
                                 Diagnostics& diagnostics, const CsvLimits& limits = {},
                                 EncodingChoice encoding = EncodingChoice::kDetect);

}  // namespace cadence

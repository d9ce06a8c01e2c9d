// Reading a CSV export into a RawTable.
//
// Format: RFC 4180 — comma-separated fields; a field in double quotes may hold
// commas, doubled quotes ("") and line breaks (CR, LF or CRLF), and its row
// then spans several lines. Line ends are CRLF, LF or a lone CR. Being
// lenient where real exports are sloppy: a quote inside an unquoted field is
// kept literally (a"b → a"b), and text after a closing quote is appended to
// the field ("a"b → ab). Every row records the line it starts on.
//
// Encodings: UTF-8, UTF-8 with a byte-order mark (stripped) and GB18030/GBK,
// detected as text_encoding.h says. Header, title rows and footer rows are
// found as table_shape.h says; fully empty rows are skipped anywhere.
//
// Errors are Diagnostics naming the file and line, e.g.
//   members.csv:5:12: error: quoted field 3 is never closed (its opening quote is here)
//   members.csv:2: error: not valid UTF-8 or GB18030 text (first bad byte at line 2)
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
#include "engine/core/diagnostic.h"

namespace cadence {

struct CsvLimits {
  std::size_t max_cells_per_row = 10'000;    // header rows included
  std::size_t max_field_bytes = 1 << 20;     // 1 MiB
};

std::optional<RawTable> read_csv(std::string_view bytes, const std::string& file, const HeaderHints& hints,
                                 Diagnostics& diagnostics, const CsvLimits& limits = {});

}  // namespace cadence

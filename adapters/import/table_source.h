// What an input of `cadence import` is: a CSV file, or one sheet of a
// workbook (XLSX or XLS), and reading it into a RawTable.
//
// A file's format is its content's: a zip archive is an XLSX workbook, a
// Microsoft Compound File an XLS workbook (whatever the file's name: exports
// named .xls that are XLSX inside are common); anything else is read as its
// name says: *.xlsx and *.xls as that workbook, so that a damaged one is
// reported as such, other names as CSV text (which the CSV reader refuses
// when it is binary, and then the formats accepted are named).
//
// Every sheet of a workbook is an input of its own (issue 22: a workbook
// with one sheet per county imported the first and dropped the rest
// unsaid), mapped on its own, and named "book.xlsx[原州区]" in diagnostics
// and the summary when the workbook has more than one; `--sheet NAME`
// selects one sheet of every workbook, named so too (an unknown name is an
// error listing the sheets). A workbook of one sheet is named as the file.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/csv/raw_table.h"
#include "adapters/csv/table_shape.h"
#include "adapters/csv/text_encoding.h"
#include "engine/core/diagnostic.h"

namespace cadence {

enum class TableFormat { kCsv, kXlsx, kXls };

// Formats in words, for messages: "CSV (UTF-8 or GB18030 text), XLSX or XLS".
extern const char* const kAcceptedFormats;

// By the file's name (*.xlsx, *.xls), else by its first bytes.
TableFormat table_format(std::string_view path, std::string_view bytes);

struct TableSource {
  std::string path;   // the file
  std::string sheet;  // the sheet to read; empty: the first (or the CSV)
  std::string name;   // for diagnostics and the summary: the path, or "path[sheet]" when `sheet` is set
};

// The inputs the files are: one per CSV file; one per sheet of a workbook
// of several (a workbook of one: one input with `sheet` empty), or the
// sheet `sheet` when it is not empty. A workbook that cannot be read
// (or listed) is one input, which reading then reports.
std::vector<TableSource> table_sources(const std::vector<std::string>& paths, const std::string& sheet);

// Reads the source's table from the file's bytes. CSV files are decoded as
// `encoding` says (text_encoding.h). Problems go to `diagnostics`.
std::optional<RawTable> read_table_source(const TableSource& source, std::string_view bytes, const HeaderHints& hints,
                                          EncodingChoice encoding, Diagnostics& diagnostics);

}  // namespace cadence

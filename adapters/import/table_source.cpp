#include "adapters/import/table_source.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <system_error>

#include "adapters/csv/csv_reader.h"
#include "adapters/csv/file_bytes.h"
#if defined(CADENCE_HAVE_XLSX)
#include "adapters/xlsx/xlsx_reader.h"
#endif
#if defined(CADENCE_HAVE_XLS)
#include "adapters/xls/xls_reader.h"
#endif

namespace cadence {
namespace {

bool ends_with_ignoring_case(std::string_view text, std::string_view suffix) {
  if (text.size() < suffix.size()) return false;
  text.remove_prefix(text.size() - suffix.size());
  for (std::size_t i = 0; i < suffix.size(); ++i) {
    char c = text[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != suffix[i]) return false;
  }
  return true;
}

// ZIP local file header (APPNOTE 4.3.7) and the Compound File signature
// ([MS-CFB] 2.2).
constexpr std::string_view kZipMagic{"PK\x03\x04", 4};
constexpr std::string_view kCompoundFileMagic{"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8};

std::optional<std::vector<std::string>> sheet_names(TableFormat format, std::string_view bytes,
                                                    const std::string& path) {
  Diagnostics ignored;  // reading the sheet reports them
  switch (format) {
#if defined(CADENCE_HAVE_XLSX)
    case TableFormat::kXlsx: return list_xlsx_sheets(bytes, path, ignored);
#endif
#if defined(CADENCE_HAVE_XLS)
    case TableFormat::kXls: return list_xls_sheets(bytes, path, ignored);
#endif
    default: return std::nullopt;
  }
}

// Whether the file is named as a workbook or begins like one. Only the
// first bytes of a regular file are read: CSV exports are large, and a FIFO
// must not be read here (file_bytes.h refuses it by name later).
bool may_be_workbook(const std::string& path) {
  if (ends_with_ignoring_case(path, ".xlsx") || ends_with_ignoring_case(path, ".xls")) return true;
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) return false;
  std::ifstream stream(path, std::ios::binary);
  char first[8] = {};
  stream.read(first, sizeof first);
  const std::string_view start(first, static_cast<std::size_t>(stream.gcount()));
  return table_format("", start) != TableFormat::kCsv;
}

}  // namespace

const char* const kAcceptedFormats = "CSV (UTF-8 or GB18030 text), XLSX or XLS";

TableFormat table_format(std::string_view path, std::string_view bytes) {
  // Content first: exports named .xls that are XLSX inside (and the
  // reverse) are common.
  if (bytes.starts_with(kZipMagic)) return TableFormat::kXlsx;
  if (bytes.starts_with(kCompoundFileMagic)) return TableFormat::kXls;
  if (ends_with_ignoring_case(path, ".xlsx")) return TableFormat::kXlsx;
  if (ends_with_ignoring_case(path, ".xls")) return TableFormat::kXls;
  return TableFormat::kCsv;
}

std::vector<TableSource> table_sources(const std::vector<std::string>& paths, const std::string& sheet) {
  std::vector<TableSource> sources;
  for (const std::string& path : paths) {
    if (!may_be_workbook(path)) {
      sources.push_back({path, "", path});
      continue;
    }
    if (!sheet.empty()) {
      sources.push_back({path, sheet, path + "[" + sheet + "]"});
      continue;
    }
    Result<std::string> bytes = read_file_bytes(path);
    std::optional<std::vector<std::string>> names;
    if (bytes.is_ok()) names = sheet_names(table_format(path, *bytes), *bytes, path);
    if (!names || names->size() <= 1) {
      sources.push_back({path, sheet, path});
      continue;
    }
    for (const std::string& name : *names) sources.push_back({path, name, path + "[" + name + "]"});
  }
  return sources;
}

std::optional<RawTable> read_table_source(const TableSource& source, std::string_view bytes,
                                          const HeaderHints& hints, EncodingChoice encoding,
                                          Diagnostics& diagnostics) {
  switch (table_format(source.path, bytes)) {
    case TableFormat::kXlsx:
#if defined(CADENCE_HAVE_XLSX)
      return read_xlsx(bytes, source.name, source.sheet, hints, diagnostics);
#else
      diagnostics.error(SourceSpan{source.name, 0, 0, 1, ""}, "XLSX files are not supported by this build");
      return std::nullopt;
#endif
    case TableFormat::kXls:
#if defined(CADENCE_HAVE_XLS)
      return read_xls(bytes, source.name, source.sheet, hints, diagnostics);
#else
      diagnostics.error(SourceSpan{source.name, 0, 0, 1, ""}, "XLS files are not supported by this build");
      return std::nullopt;
#endif
    case TableFormat::kCsv: break;
  }
  std::optional<RawTable> table = read_csv(bytes, source.name, hints, diagnostics, CsvLimits{}, encoding);
  // A binary file that is no workbook either: say what would have been read.
  if (const std::size_t nul = bytes.find('\0'); !table && nul != std::string_view::npos) {
    // On the line of the reader's error, so that it follows it.
    const int line = 1 + static_cast<int>(std::count(bytes.begin(),
                                                     bytes.begin() + static_cast<std::ptrdiff_t>(nul), '\n'));
    diagnostics.note(
        SourceSpan{source.name, line, 0, 1, ""},
        std::string("this file is neither CSV text nor an XLSX or XLS workbook; cadence imports ") +
            kAcceptedFormats + " files.");
  }
  return table;
}

}  // namespace cadence

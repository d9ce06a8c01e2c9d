#include "adapters/xls/xls_reader.h"

#include <freexl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <new>
#include <utility>

#include "adapters/import/cell_parser.h"
#include "adapters/xlsx/excel_values.h"

namespace cadence {
namespace {

// BIFF8's largest sheet: 65,536 rows of 256 columns.
constexpr unsigned kMaxRows = 65'536;
constexpr unsigned kMaxColumns = 256;

SourceSpan file_span(const std::string& file) { return SourceSpan{file, 0, 0, 1, {}}; }

// What a libfreexl error code means for the user.
std::string freexl_problem(int code) {
  switch (code) {
    case FREEXL_INSUFFICIENT_MEMORY: return "out of memory while reading the workbook";
    case FREEXL_INVALID_CFBF_HEADER:
    case FREEXL_CFBF_INVALID_SIGNATURE:
      return "not an XLS file: it has no Compound File header (an XLS file is a Microsoft Compound File holding a "
             "BIFF workbook)";
    case FREEXL_BIFF_WORKBOOK_NOT_FOUND:
      return "the XLS file is damaged: it holds no workbook stream";
    case FREEXL_INVALID_CHARACTER:
    case FREEXL_UNSUPPORTED_CHARSET:
      return "the XLS file has text that is not valid in its code page";
    case FREEXL_CRAFTED_FILE:
      return "the XLS file is damaged: its structures contradict each other (truncated, or made to mislead a "
             "reader)";
    case FREEXL_CFBF_READ_ERROR:
    case FREEXL_CFBF_SEEK_ERROR:
      return "the XLS file is truncated or damaged: parts it refers to lie beyond its end";
    default:
      return "the XLS file is damaged (libfreexl error " + std::to_string(code) + ")";
  }
}

// The bytes as a file libfreexl can open, and the open workbook; both
// released on destruction.
class XlsWorkbook {
 public:
  XlsWorkbook() = default;
  XlsWorkbook(const XlsWorkbook&) = delete;
  XlsWorkbook& operator=(const XlsWorkbook&) = delete;
  ~XlsWorkbook() {
    if (handle_ != nullptr) freexl_close(handle_);
    if (fd_ >= 0) ::close(fd_);
  }

  // nullopt when open; else why not.
  std::optional<std::string> open(std::string_view bytes) {
    // [MS-CFB] 2.2: every Compound File begins with this signature.
    if (!bytes.starts_with(std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8))) {
      return freexl_problem(FREEXL_INVALID_CFBF_HEADER);
    }
    fd_ = ::memfd_create("cadence-xls", MFD_CLOEXEC);
    if (fd_ < 0) return "cannot hold the workbook in memory: " + std::string(std::strerror(errno));
    for (std::size_t written = 0; written < bytes.size();) {
      const ssize_t count = ::write(fd_, bytes.data() + written, bytes.size() - written);
      if (count < 0 && errno == EINTR) continue;
      if (count <= 0) return "cannot hold the workbook in memory: " + std::string(std::strerror(errno));
      written += static_cast<std::size_t>(count);
    }
    const std::string path = "/proc/self/fd/" + std::to_string(fd_);
    const void* handle = nullptr;
    const int code = freexl_open(path.c_str(), &handle);
    handle_ = handle;  // closed even on failure, as libfreexl asks
    if (code != FREEXL_OK) return freexl_problem(code);
    unsigned int password = 0;
    if (freexl_get_info(handle_, FREEXL_BIFF_PASSWORD, &password) == FREEXL_OK &&
        password != FREEXL_BIFF_PLAIN) {
      return "the XLS file is protected by a password; save it without one and import it again";
    }
    return std::nullopt;
  }

  const void* handle() const { return handle_; }

  std::optional<std::vector<std::string>> sheet_names(const std::string& file, Diagnostics& diagnostics) const {
    unsigned int count = 0;
    if (const int code = freexl_get_info(handle_, FREEXL_BIFF_SHEET_COUNT, &count); code != FREEXL_OK) {
      diagnostics.error(file_span(file), freexl_problem(code));
      return std::nullopt;
    }
    std::vector<std::string> names;
    for (unsigned int index = 0; index < count && index < 65'536; ++index) {
      const char* name = nullptr;
      if (const int code = freexl_get_worksheet_name(handle_, static_cast<unsigned short>(index), &name);
          code != FREEXL_OK) {
        diagnostics.error(file_span(file), freexl_problem(code));
        return std::nullopt;
      }
      names.emplace_back(name != nullptr ? name : "");
    }
    return names;
  }

 private:
  int fd_ = -1;
  const void* handle_ = nullptr;
};

// A cell as the XLSX reader would write it (see xls_reader.h).
std::string cell_text(const FreeXL_CellValue& value) {
  switch (value.type) {
    case FREEXL_CELL_INT: return std::to_string(value.value.int_value);
    case FREEXL_CELL_DOUBLE: return format_excel_number(value.value.double_value);
    case FREEXL_CELL_TEXT:
    case FREEXL_CELL_SST_TEXT:
    case FREEXL_CELL_TIME:
      return value.value.text_value != nullptr ? std::string(value.value.text_value) : std::string();
    case FREEXL_CELL_DATE:
    case FREEXL_CELL_DATETIME: {
      // "YYYY-MM-DD" or "YYYY-MM-DD HH:MM:SS": the day, as XLSX dates.
      std::string text = value.value.text_value != nullptr ? value.value.text_value : "";
      if (text.size() > 10) text.resize(10);
      return text;
    }
    default: return {};
  }
}

std::string column_letters(unsigned column) {  // 0-based → "A", "AB"
  std::string letters;
  for (unsigned n = column + 1; n > 0; n = (n - 1) / 26) letters.insert(letters.begin(), static_cast<char>('A' + (n - 1) % 26));
  return letters;
}

std::optional<RawTable> read_sheet(const XlsWorkbook& workbook, const std::string& file, const std::string& sheet,
                                   const HeaderHints& hints, Diagnostics& diagnostics) {
  std::optional<std::vector<std::string>> names = workbook.sheet_names(file, diagnostics);
  if (!names) return std::nullopt;
  if (names->empty()) {
    diagnostics.error(file_span(file), "the workbook has no sheets");
    return std::nullopt;
  }
  std::size_t chosen = 0;
  if (!sheet.empty()) {
    chosen = names->size();
    std::string listed;
    for (std::size_t index = 0; index < names->size(); ++index) {
      if ((*names)[index] == sheet && chosen == names->size()) chosen = index;
      listed += (listed.empty() ? "" : ", ") + (*names)[index];
    }
    if (chosen == names->size()) {
      diagnostics.error(file_span(file), "no sheet named '" + sheet + "' (the workbook has: " + listed + ")");
      return std::nullopt;
    }
  }
  const std::string& sheet_name = (*names)[chosen];
  if (const int code = freexl_select_active_worksheet(workbook.handle(), static_cast<unsigned short>(chosen));
      code != FREEXL_OK) {
    diagnostics.error(file_span(file), "sheet '" + sheet_name + "': " + freexl_problem(code));
    return std::nullopt;
  }
  unsigned int row_count = 0;
  unsigned short column_count = 0;
  if (const int code = freexl_worksheet_dimensions(workbook.handle(), &row_count, &column_count);
      code != FREEXL_OK) {
    diagnostics.error(file_span(file), "sheet '" + sheet_name + "': " + freexl_problem(code));
    return std::nullopt;
  }
  // libfreexl holds a sheet as rows × columns cells; BIFF8 allows no more.
  if (row_count > kMaxRows || column_count > kMaxColumns) {
    diagnostics.error(file_span(file), "sheet '" + sheet_name + "' claims " + std::to_string(row_count) + " rows and " +
                                           std::to_string(column_count) +
                                           " columns, more than an XLS sheet can hold (65536 rows, 256 columns)");
    return std::nullopt;
  }

  CellRows rows;
  std::vector<int> lines;
  std::vector<std::string> cells;
  bool failed = false;
  for (unsigned row = 0; row < row_count; ++row) {
    cells.clear();
    for (unsigned short column = 0; column < column_count; ++column) {
      FreeXL_CellValue value{};
      if (const int code = freexl_get_cell_value(workbook.handle(), row, column, &value); code != FREEXL_OK) {
        diagnostics.error(SourceSpan{file, static_cast<int>(row) + 1, static_cast<int>(column) + 1, 1, {}},
                          "cell " + column_letters(column) + std::to_string(row + 1) +
                              " cannot be read: " + freexl_problem(code));
        failed = true;
        cells.emplace_back();
        continue;
      }
      cells.push_back(cell_text(value));
    }
    while (!cells.empty() && trim_spaces(cells.back()).empty()) cells.pop_back();
    if (is_blank_row(cells)) continue;
    rows.push_back(cells);
    lines.push_back(static_cast<int>(row) + 1);
  }
  if (failed) return std::nullopt;
  if (rows.empty()) {
    diagnostics.error(file_span(file), "sheet '" + sheet_name + "' has no rows (no header)");
    return std::nullopt;
  }
  RawTable table;
  table.file = file;
  table.encoding = "XLS";
  shape_table(std::move(rows), std::move(lines), hints, table);
  const std::size_t width = table.header.size();
  for (std::size_t row = 0; row < table.rows.size(); ++row) {
    const CellRows::Row row_cells = table.rows[row];
    for (std::size_t cell = width; cell < row_cells.size(); ++cell) {
      const std::string_view text = trim_spaces(row_cells[cell]);
      if (text.empty()) continue;
      table.extra_cells.push_back(
          {row, cell, table.row_lines[row], static_cast<int>(cell) + 1, std::string(text)});
      break;
    }
  }
  return table;
}

}  // namespace

std::optional<RawTable> read_xls(std::string_view bytes, const std::string& file, const std::string& sheet,
                                 const HeaderHints& hints, Diagnostics& diagnostics) {
  try {
    XlsWorkbook workbook;
    if (std::optional<std::string> problem = workbook.open(bytes)) {
      diagnostics.error(file_span(file), *problem);
      return std::nullopt;
    }
    return read_sheet(workbook, file, sheet, hints, diagnostics);
  } catch (const std::bad_alloc&) {
    diagnostics.error(file_span(file), "out of memory while reading the workbook");
    return std::nullopt;
  }
}

std::optional<std::vector<std::string>> list_xls_sheets(std::string_view bytes, const std::string& file,
                                                        Diagnostics& diagnostics) {
  try {
    XlsWorkbook workbook;
    if (std::optional<std::string> problem = workbook.open(bytes)) {
      diagnostics.error(file_span(file), *problem);
      return std::nullopt;
    }
    return workbook.sheet_names(file, diagnostics);
  } catch (const std::bad_alloc&) {
    diagnostics.error(file_span(file), "out of memory while reading the workbook");
    return std::nullopt;
  }
}

}  // namespace cadence

#include "adapters/xls/xls_reader.h"

#include <fcntl.h>
#include <freexl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
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

SourceSpan file_span(const std::string& file) {
  return SourceSpan{file, 0, 0, 1, {}};
}

// What a libfreexl error code means for the user.
std::string freexl_problem(int code) {
  switch (code) {
    case FREEXL_INSUFFICIENT_MEMORY: return "out of memory while reading the workbook";
    case FREEXL_INVALID_CFBF_HEADER:
    case FREEXL_CFBF_INVALID_SIGNATURE:
      return "not an XLS file: it has no Compound File header (an XLS file is a Microsoft Compound File "
             "holding a "
             "BIFF workbook)";
    case FREEXL_BIFF_WORKBOOK_NOT_FOUND: return "the XLS file is damaged: it holds no workbook stream";
    case FREEXL_INVALID_CHARACTER:
    case FREEXL_UNSUPPORTED_CHARSET: return "the XLS file has text that is not valid in its code page";
    case FREEXL_CRAFTED_FILE:
      return "the XLS file is damaged: its structures contradict each other (truncated, or made to mislead a "
             "reader)";
    case FREEXL_CFBF_READ_ERROR:
    case FREEXL_CFBF_SEEK_ERROR:
      return "the XLS file is truncated or damaged: parts it refers to lie beyond its end";
    default: return "the XLS file is damaged (libfreexl error " + std::to_string(code) + ")";
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

  // The sheet names; nullopt and `problem` set when they cannot be read.
  std::optional<std::vector<std::string>> sheet_names(std::string& problem) const {
    unsigned int count = 0;
    if (const int code = freexl_get_info(handle_, FREEXL_BIFF_SHEET_COUNT, &count); code != FREEXL_OK) {
      problem = freexl_problem(code);
      return std::nullopt;
    }
    std::vector<std::string> names;
    for (unsigned int index = 0; index < count && index < 65'536; ++index) {
      const char* name = nullptr;
      if (const int code = freexl_get_worksheet_name(handle_, static_cast<unsigned short>(index), &name);
          code != FREEXL_OK) {
        problem = freexl_problem(code);
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
  for (unsigned n = column + 1; n > 0; n = (n - 1) / 26)
    letters.insert(letters.begin(), static_cast<char>('A' + (n - 1) % 26));
  return letters;
}

// What libfreexl made of the file, before any cadence layout: the chosen
// sheet's non-blank rows (or the sheet names) and the problems found. It
// crosses a pipe from the reading child process (see read_isolated).
struct Decoded {
  bool ok = false;
  std::vector<std::string> sheet_names;
  std::vector<std::vector<std::string>> rows;
  std::vector<int> lines;
  struct Problem {
    int line = 0;
    int column = 0;
    std::string message;
  };
  std::vector<Problem> problems;
};

enum class Want { kSheetNames, kSheet };

Decoded decode(std::string_view bytes, const std::string& sheet, Want want) {
  Decoded out;
  auto fail = [&](std::string message, int line = 0, int column = 0) {
    out.problems.push_back({line, column, std::move(message)});
  };
  XlsWorkbook workbook;
  if (std::optional<std::string> problem = workbook.open(bytes)) {
    fail(*problem);
    return out;
  }
  std::string names_problem;
  std::optional<std::vector<std::string>> names = workbook.sheet_names(names_problem);
  if (!names) {
    fail(names_problem);
    return out;
  }
  out.sheet_names = *names;
  if (want == Want::kSheetNames) {
    out.ok = true;
    return out;
  }
  if (names->empty()) {
    fail("the workbook has no sheets");
    return out;
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
      fail("no sheet named '" + sheet + "' (the workbook has: " + listed + ")");
      return out;
    }
  }
  const std::string& sheet_name = (*names)[chosen];
  if (const int code = freexl_select_active_worksheet(workbook.handle(), static_cast<unsigned short>(chosen));
      code != FREEXL_OK) {
    fail("sheet '" + sheet_name + "': " + freexl_problem(code));
    return out;
  }
  unsigned int row_count = 0;
  unsigned short column_count = 0;
  if (const int code = freexl_worksheet_dimensions(workbook.handle(), &row_count, &column_count);
      code != FREEXL_OK) {
    fail("sheet '" + sheet_name + "': " + freexl_problem(code));
    return out;
  }
  // libfreexl holds a sheet as rows × columns cells; BIFF8 allows no more.
  if (row_count > kMaxRows || column_count > kMaxColumns) {
    fail("sheet '" + sheet_name + "' claims " + std::to_string(row_count) + " rows and " +
         std::to_string(column_count) +
         " columns, more than an XLS sheet can hold (65536 rows, 256 columns)");
    return out;
  }
  std::vector<std::string> cells;
  bool failed = false;
  for (unsigned row = 0; row < row_count; ++row) {
    cells.clear();
    for (unsigned short column = 0; column < column_count; ++column) {
      FreeXL_CellValue value{};
      if (const int code = freexl_get_cell_value(workbook.handle(), row, column, &value); code != FREEXL_OK) {
        fail("cell " + column_letters(column) + std::to_string(row + 1) +
                 " cannot be read: " + freexl_problem(code),
             static_cast<int>(row) + 1, static_cast<int>(column) + 1);
        failed = true;
        cells.emplace_back();
        continue;
      }
      cells.push_back(cell_text(value));
    }
    while (!cells.empty() && trim_spaces(cells.back()).empty()) cells.pop_back();
    if (is_blank_row(cells)) continue;
    out.rows.push_back(cells);
    out.lines.push_back(static_cast<int>(row) + 1);
  }
  if (failed) return out;
  if (out.rows.empty()) {
    fail("sheet '" + sheet_name + "' has no rows (no header)");
    return out;
  }
  out.ok = true;
  return out;
}

// Length-prefixed fields, so that any bytes survive the pipe.
void put(std::string& out, std::string_view field) {
  const uint64_t size = field.size();
  out.append(reinterpret_cast<const char*>(&size), sizeof size);
  out.append(field);
}
void put(std::string& out, uint64_t number) {
  out.append(reinterpret_cast<const char*>(&number), sizeof number);
}

std::string serialize(const Decoded& decoded) {
  std::string out;
  put(out, uint64_t{decoded.ok});
  put(out, decoded.sheet_names.size());
  for (const std::string& name : decoded.sheet_names) put(out, name);
  put(out, decoded.rows.size());
  for (std::size_t row = 0; row < decoded.rows.size(); ++row) {
    put(out, static_cast<uint64_t>(decoded.lines[row]));
    put(out, decoded.rows[row].size());
    for (const std::string& cell : decoded.rows[row]) put(out, cell);
  }
  put(out, decoded.problems.size());
  for (const Decoded::Problem& problem : decoded.problems) {
    put(out, static_cast<uint64_t>(problem.line));
    put(out, static_cast<uint64_t>(problem.column));
    put(out, problem.message);
  }
  return out;
}

class Reader {
 public:
  explicit Reader(std::string_view data) : data_(data) {}
  bool number(uint64_t& value) {
    if (data_.size() - at_ < sizeof value) return false;
    std::memcpy(&value, data_.data() + at_, sizeof value);
    at_ += sizeof value;
    return true;
  }
  bool text(std::string& value) {
    uint64_t size = 0;
    if (!number(size) || size > data_.size() - at_) return false;
    value.assign(data_.data() + at_, size);
    at_ += size;
    return true;
  }
  bool done() const { return at_ == data_.size(); }

 private:
  std::string_view data_;
  std::size_t at_ = 0;
};

std::optional<Decoded> deserialize(std::string_view data) {
  Reader in(data);
  Decoded out;
  uint64_t ok = 0, count = 0;
  if (!in.number(ok) || !in.number(count)) return std::nullopt;
  out.ok = ok != 0;
  for (uint64_t i = 0; i < count; ++i) {
    if (!in.text(out.sheet_names.emplace_back())) return std::nullopt;
  }
  if (!in.number(count)) return std::nullopt;
  for (uint64_t i = 0; i < count; ++i) {
    uint64_t line = 0, cells = 0;
    if (!in.number(line) || !in.number(cells)) return std::nullopt;
    out.lines.push_back(static_cast<int>(line));
    std::vector<std::string>& row = out.rows.emplace_back();
    for (uint64_t c = 0; c < cells; ++c) {
      if (!in.text(row.emplace_back())) return std::nullopt;
    }
  }
  if (!in.number(count)) return std::nullopt;
  for (uint64_t i = 0; i < count; ++i) {
    Decoded::Problem problem;
    uint64_t line = 0, column = 0;
    if (!in.number(line) || !in.number(column) || !in.text(problem.message)) return std::nullopt;
    problem.line = static_cast<int>(line);
    problem.column = static_cast<int>(column);
    out.problems.push_back(std::move(problem));
  }
  if (!in.done()) return std::nullopt;
  return out;
}

// libfreexl runs in a child process: Debian's 1.0.6 over-reads a stack
// buffer on some damaged files (found by tests/fuzz/xls_reader_fuzz.cpp,
// the input is tests/fuzz/regressions/xls_reader/), so a file made to
// crash it may take down only the child, and the import reports the file as
// damaged. The child only decodes and writes its result to a pipe, then
// _exits; glibc's fork leaves malloc usable in the child.
std::optional<Decoded> decode_isolated(std::string_view bytes, const std::string& sheet, Want want) {
  int pipe_ends[2];
  if (::pipe2(pipe_ends, O_CLOEXEC) != 0) return std::nullopt;
  const pid_t child = ::fork();
  if (child < 0) {
    ::close(pipe_ends[0]);
    ::close(pipe_ends[1]);
    return std::nullopt;
  }
  if (child == 0) {
    ::close(pipe_ends[0]);
    const std::string out = serialize(decode(bytes, sheet, want));
    for (std::size_t written = 0; written < out.size();) {
      const ssize_t count = ::write(pipe_ends[1], out.data() + written, out.size() - written);
      if (count < 0 && errno == EINTR) continue;
      if (count <= 0) ::_exit(1);
      written += static_cast<std::size_t>(count);
    }
    ::_exit(0);
  }
  ::close(pipe_ends[1]);
  std::string received;
  char buffer[65536];
  for (;;) {
    const ssize_t count = ::read(pipe_ends[0], buffer, sizeof buffer);
    if (count < 0 && errno == EINTR) continue;
    if (count <= 0) break;
    received.append(buffer, static_cast<std::size_t>(count));
  }
  ::close(pipe_ends[0]);
  int status = 0;
  while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return std::nullopt;
  return deserialize(received);
}

// The decoded file, or the error that it could not be decoded at all.
std::optional<Decoded> decode_reporting(std::string_view bytes, const std::string& file,
                                        const std::string& sheet, Want want, Diagnostics& diagnostics) {
  std::optional<Decoded> decoded = decode_isolated(bytes, sheet, want);
  if (!decoded) {
    diagnostics.error(
        file_span(file),
        "the XLS file is damaged: the XLS library (libfreexl) failed on it; open it in a spreadsheet "
        "program and save it again");
    return std::nullopt;
  }
  for (const Decoded::Problem& problem : decoded->problems) {
    diagnostics.error(SourceSpan{file, problem.line, problem.column, 1, {}}, problem.message);
  }
  if (!decoded->ok) return std::nullopt;
  return decoded;
}

}  // namespace

std::optional<RawTable> read_xls(std::string_view bytes, const std::string& file, const std::string& sheet,
                                 const HeaderHints& hints, Diagnostics& diagnostics) {
  try {
    std::optional<Decoded> decoded = decode_reporting(bytes, file, sheet, Want::kSheet, diagnostics);
    if (!decoded) return std::nullopt;
    RawTable table;
    table.file = file;
    table.encoding = "XLS";
    shape_table(decoded->rows, std::move(decoded->lines), hints, table);
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
  } catch (const std::bad_alloc&) {
    diagnostics.error(file_span(file), "out of memory while reading the workbook");
    return std::nullopt;
  }
}

std::optional<std::vector<std::string>> list_xls_sheets(std::string_view bytes, const std::string& file,
                                                        Diagnostics& diagnostics) {
  try {
    std::optional<Decoded> decoded = decode_reporting(bytes, file, "", Want::kSheetNames, diagnostics);
    if (!decoded) return std::nullopt;
    return std::move(decoded->sheet_names);
  } catch (const std::bad_alloc&) {
    diagnostics.error(file_span(file), "out of memory while reading the workbook");
    return std::nullopt;
  }
}

}  // namespace cadence

#include "adapters/csv/csv_reader.h"

#include <algorithm>
#include <array>
#include <utility>
#include <vector>

#include "adapters/csv/text_encoding.h"
#include "adapters/import/cell_parser.h"
#include "engine/core/utf8.h"

namespace cadence {
namespace {

// The bytes that end an unquoted field: the delimiter and line ends.
constexpr std::array<bool, 256> kEndsField = [] {
  std::array<bool, 256> ends{};
  ends[static_cast<unsigned char>(',')] = true;
  ends[static_cast<unsigned char>('\n')] = true;
  ends[static_cast<unsigned char>('\r')] = true;
  return ends;
}();

// One pass over UTF-8 text, producing non-blank rows with their start lines.
class CsvParser {
 public:
  CsvParser(std::string_view text, const std::string& file, const CsvLimits& limits, Diagnostics& diagnostics)
      : text_(text), file_(file), limits_(limits), diagnostics_(diagnostics) {}

  // Cells go straight into `rows`, one copy of their bytes; a row whose
  // cells are all blank is dropped again.
  bool parse(CellRows& rows, std::vector<int>& lines) {
    // A CSV cell is rarely shorter than 5 bytes with its comma: reserving
    // for that avoids most regrowth without overshooting much.
    rows.reserve(text_.size(), text_.size() / 5);
    while (at_ < text_.size()) {
      int row_line = line_;
      if (!parse_row(rows)) return false;
      if (open_row_is_blank(rows)) {
        rows.cancel_row();
      } else {
        rows.end_row();
        lines.push_back(row_line);
      }
    }
    return true;
  }

 private:
  static bool open_row_is_blank(const CellRows& rows) {
    for (std::size_t index = 0; index < rows.open_row_cells(); ++index) {
      if (!trim_spaces(rows.open_row_cell(index)).empty()) return false;
    }
    return true;
  }

  // Parses one row up to and including its line end.
  bool parse_row(CellRows& rows) {
    std::size_t cells = 0;
    while (true) {
      if (cells >= limits_.max_cells_per_row) {
        diagnostics_.error({file_, line_, 0, 1, {}},
                           "a row has more than " + std::to_string(limits_.max_cells_per_row) +
                               " cells; stopped reading");
        return false;
      }
      ++cells;
      if (at_ < text_.size() && text_[at_] == '"') {
        if (!parse_quoted(rows, cells)) return false;
      }
      // Unquoted text (or text after a closing quote) up to the delimiter.
      std::size_t start = at_;
      // Scan no further than one byte past the field limit: a 100 MB line
      // without a delimiter costs 1 MiB, not 100 MB.
      const std::size_t size_so_far = rows.open_cell_size();
      std::size_t room = limits_.max_field_bytes - std::min(size_so_far, limits_.max_field_bytes);
      std::size_t limit = std::min(text_.size(), at_ + room + 1);
      while (at_ < limit && !kEndsField[static_cast<unsigned char>(text_[at_])]) ++at_;
      if (size_so_far + (at_ - start) > limits_.max_field_bytes) return field_too_long(cells);
      rows.append(text_.substr(start, at_ - start));
      rows.end_cell();
      if (at_ >= text_.size()) return true;
      char c = text_[at_];
      if (c == ',') {
        ++at_;
        if (at_ >= text_.size()) {  // "a," at the very end: one more empty cell
          rows.end_cell();
          return true;
        }
        continue;
      }
      skip_line_end();
      return true;
    }
  }

  // At an opening quote: reads through the closing quote into the open cell.
  bool parse_quoted(CellRows& rows, std::size_t field_number) {
    int open_line = line_;
    int open_column = 1 + code_point_count(text_.substr(line_start_, at_ - line_start_));
    ++at_;
    while (true) {
      std::size_t quote = text_.find('"', at_);
      if (quote == std::string_view::npos) {
        diagnostics_.error({file_, open_line, open_column, 1, {}},
                           "quoted field " + std::to_string(field_number) +
                               " is never closed (its opening quote is here)");
        return false;
      }
      std::string_view segment = text_.substr(at_, quote - at_);
      count_lines(segment, at_);
      if (rows.open_cell_size() + segment.size() > limits_.max_field_bytes) return field_too_long(field_number);
      rows.append(segment);
      at_ = quote + 1;
      if (at_ < text_.size() && text_[at_] == '"') {  // "" is a literal quote
        rows.append('"');
        ++at_;
        continue;
      }
      return true;
    }
  }

  bool field_too_long(std::size_t field_number) {
    diagnostics_.error({file_, line_, 0, 1, {}},
                       "field " + std::to_string(field_number) + " is longer than " +
                           std::to_string(limits_.max_field_bytes) + " bytes; stopped reading");
    return false;
  }

  // Line breaks inside a quoted segment starting at text_[offset].
  void count_lines(std::string_view segment, std::size_t offset) {
    for (std::size_t k = 0; k < segment.size(); ++k) {
      char c = segment[k];
      if (c == '\n' || (c == '\r' && (offset + k + 1 >= text_.size() || text_[offset + k + 1] != '\n'))) {
        ++line_;
        line_start_ = offset + k + 1;
      }
    }
  }

  void skip_line_end() {
    // CRLF, LF or a lone CR ends the line.
    if (text_[at_] == '\r' && at_ + 1 < text_.size() && text_[at_ + 1] == '\n') ++at_;
    ++at_;
    ++line_;
    line_start_ = at_;
  }

  std::string_view text_;
  const std::string& file_;
  const CsvLimits& limits_;
  Diagnostics& diagnostics_;
  std::size_t at_ = 0;
  std::size_t line_start_ = 0;
  int line_ = 1;
};

}  // namespace

std::optional<RawTable> read_csv(std::string_view bytes, const std::string& file, const HeaderHints& hints,
                                 Diagnostics& diagnostics, const CsvLimits& limits) {
  DecodedText decoded;
  if (!decode_text(bytes, file, decoded, diagnostics)) return std::nullopt;
  CellRows rows;
  std::vector<int> lines;
  CsvParser parser(decoded.text, file, limits, diagnostics);
  if (!parser.parse(rows, lines)) return std::nullopt;
  if (rows.empty()) {
    diagnostics.error({file, 0, 0, 1, {}}, "the file has no rows (no header)");
    return std::nullopt;
  }
  RawTable table;
  table.file = file;
  table.encoding = std::string(to_string(decoded.encoding));
  shape_table(std::move(rows), std::move(lines), hints, table);
  return table;
}

}  // namespace cadence

#include "adapters/csv/csv_reader.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "adapters/csv/text_encoding.h"
#include "engine/core/utf8.h"

namespace cadence {
namespace {

// One pass over UTF-8 text, producing non-blank rows with their start lines.
class CsvParser {
 public:
  CsvParser(std::string_view text, const std::string& file, const CsvLimits& limits, Diagnostics& diagnostics)
      : text_(text), file_(file), limits_(limits), diagnostics_(diagnostics) {}

  bool parse(std::vector<std::vector<std::string>>& rows, std::vector<int>& lines) {
    std::vector<std::string> cells;
    std::size_t width = 8;  // the previous row's width: rows of a table agree
    while (at_ < text_.size()) {
      int row_line = line_;
      cells.clear();
      cells.reserve(width);
      if (!parse_row(cells)) return false;
      width = cells.size();
      if (!is_blank_row(cells)) {
        rows.push_back(std::move(cells));
        lines.push_back(row_line);
        cells = {};
      }
    }
    return true;
  }

 private:
  // Parses one row up to and including its line end.
  bool parse_row(std::vector<std::string>& cells) {
    while (true) {
      if (cells.size() >= limits_.max_cells_per_row) {
        diagnostics_.error({file_, line_, 0, 1, {}},
                           "a row has more than " + std::to_string(limits_.max_cells_per_row) +
                               " cells; stopped reading");
        return false;
      }
      std::string& cell = cells.emplace_back();
      if (at_ < text_.size() && text_[at_] == '"') {
        if (!parse_quoted(cell, cells.size())) return false;
      }
      // Unquoted text (or text after a closing quote) up to the delimiter.
      std::size_t start = at_;
      // Scan no further than one byte past the field limit: a 100 MB line
      // without a delimiter costs 1 MiB, not 100 MB.
      std::size_t room = limits_.max_field_bytes - std::min(cell.size(), limits_.max_field_bytes);
      std::size_t limit = std::min(text_.size(), at_ + room + 1);
      while (at_ < limit) {
        char c = text_[at_];
        if (c == ',' || c == '\n' || c == '\r') break;
        ++at_;
      }
      cell.append(text_.data() + start, at_ - start);
      if (cell.size() > limits_.max_field_bytes) return field_too_long(cells.size());
      if (at_ >= text_.size()) return true;
      char c = text_[at_];
      if (c == ',') {
        ++at_;
        if (at_ >= text_.size()) {  // "a," at the very end: one more empty cell
          cells.emplace_back();
          return true;
        }
        continue;
      }
      skip_line_end();
      return true;
    }
  }

  // At an opening quote: reads through the closing quote.
  bool parse_quoted(std::string& cell, std::size_t field_number) {
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
      if (cell.size() + segment.size() > limits_.max_field_bytes) return field_too_long(field_number);
      cell.append(segment);
      at_ = quote + 1;
      if (at_ < text_.size() && text_[at_] == '"') {  // "" is a literal quote
        cell.push_back('"');
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
  std::vector<std::vector<std::string>> rows;
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

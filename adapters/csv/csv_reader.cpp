#include "adapters/csv/csv_reader.h"

#include <algorithm>
#include <array>
#include <map>
#include <utility>
#include <vector>

#include "adapters/csv/text_encoding.h"
#include "adapters/import/cell_parser.h"
#include "engine/core/csv_tokenizer.h"
#include "engine/core/utf8.h"

namespace cadence {
namespace {

// A quoted field that ran over a line break, for the plausibility rule.
struct MultiLineField {
  std::size_t row_fields;  // fields of its row
  std::size_t field;       // 1-based field number
  int open_line;
  int open_column;
  int close_line;
  std::vector<std::pair<int, std::size_t>> continuation_lines;  // (line, row_parts) when 2 or more
};

// One pass over UTF-8 text, producing non-blank rows with their start lines.
class CsvParser {
 public:
  CsvParser(std::string_view text, const std::string& file, const CsvLimits& limits, Diagnostics& diagnostics)
      : text_(text), tokens_(text), file_(file), limits_(limits), diagnostics_(diagnostics), seek_(text) {}

  // Cells go straight into `rows`, one copy of their bytes; a row whose
  // cells are all blank is dropped again.
  bool parse(CellRows& rows, std::vector<int>& lines) {
    // A CSV cell is rarely shorter than 5 bytes with its comma: reserving
    // for that avoids most regrowth without overshooting much.
    rows.reserve(text_.size(), text_.size() / 5);
    while (!tokens_.at_end()) {
      int row_line = tokens_.line();
      const std::size_t fields_before = multi_line_fields_.size();
      if (!parse_row(rows)) return false;
      if (open_row_is_blank(rows)) {
        rows.cancel_row();
        multi_line_fields_.resize(fields_before);
      } else {
        for (std::size_t k = fields_before; k < multi_line_fields_.size(); ++k) {
          multi_line_fields_[k].row_fields = rows.open_row_cells();
        }
        rows.end_row();
        lines.push_back(row_line);
      }
    }
    return multi_line_fields_are_plausible(rows);
  }

  // Where the cell `cell` (0-based) of the row starting on line `row_line`
  // begins: its line and column. Rows must be asked for in file order (the
  // search goes on from the previous answer).
  std::pair<int, int> cell_position(int row_line, std::size_t cell) {
    while (seek_.line() < row_line && !seek_.at_end()) seek_.skip_line();
    // Skips fields as parse_row reads them: a quote opens a field only as
    // its first byte, and text after the closing quote belongs to the field.
    CsvTokenizer at = seek_;
    for (std::size_t index = 0; index < cell && !at.at_end(); ++index) {
      if (at.peek() == '"') at.read_quoted([](std::string_view) { return true; }, [] {});
      at.read_unquoted();
      if (!at.at_end() && at.peek() == ',') at.read_delimiter();
    }
    return {at.line(), at.column()};
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
        diagnostics_.error({file_, tokens_.line(), 0, 1, {}},
                           "a row has more than " + std::to_string(limits_.max_cells_per_row) +
                               " cells; stopped reading");
        return false;
      }
      ++cells;
      if (!tokens_.at_end() && tokens_.peek() == '"') {
        if (!parse_quoted(rows, cells)) return false;
      }
      // Unquoted text (or text after a closing quote) up to the delimiter.
      // Scan no further than one byte past the field limit: a 100 MB line
      // without a delimiter costs 1 MiB, not 100 MB.
      const std::size_t size_so_far = rows.open_cell_size();
      const std::string_view text =
          tokens_.read_unquoted(limits_.max_field_bytes - std::min(size_so_far, limits_.max_field_bytes));
      if (size_so_far + text.size() > limits_.max_field_bytes) return field_too_long(cells);
      rows.append(text);
      rows.end_cell();
      switch (tokens_.read_delimiter()) {
        case CsvTokenizer::Delimiter::kComma:
          if (tokens_.at_end()) {  // "a," at the very end: one more empty cell
            rows.end_cell();
            return true;
          }
          continue;
        case CsvTokenizer::Delimiter::kLineEnd:
        case CsvTokenizer::Delimiter::kEnd:
          return true;
      }
    }
  }

  // At an opening quote: reads through the closing quote into the open cell.
  bool parse_quoted(CellRows& rows, std::size_t field_number) {
    const int open_line = tokens_.line();
    const int open_column = tokens_.column();
    const std::size_t recorded = multi_line_fields_.size();
    multi_line_fields_.push_back({0, field_number, open_line, open_column, 0, {}});
    const CsvTokenizer::Quoted end = tokens_.read_quoted(
        [&](std::string_view piece) {
          if (rows.open_cell_size() + piece.size() > limits_.max_field_bytes) return false;
          rows.append(piece);
          return true;
        },
        [&] {
          // Each line the field continues on is measured for the
          // plausibility rule.
          const std::size_t parts = row_parts(tokens_.line_start());
          if (parts >= 2) multi_line_fields_.back().continuation_lines.emplace_back(tokens_.line(), parts);
        });
    switch (end) {
      case CsvTokenizer::Quoted::kUnclosed:
        diagnostics_.error({file_, open_line, open_column, 1, {}},
                           "quoted field " + std::to_string(field_number) +
                               " is never closed (its opening quote is here)");
        return false;
      case CsvTokenizer::Quoted::kStopped:
        return field_too_long(field_number);
      case CsvTokenizer::Quoted::kClosed:
        break;
    }
    if (tokens_.line() == open_line) {
      multi_line_fields_.resize(recorded);  // one line: nothing to judge
    } else {
      multi_line_fields_.back().close_line = tokens_.line();
    }
    return true;
  }

  // The plausibility rule of csv_reader.h for every quoted field that ran
  // over a line break; errors for the implausible ones.
  bool multi_line_fields_are_plausible(const CellRows& rows) {
    if (multi_line_fields_.empty()) return true;
    // The file's usual row width: the most frequent one, ties going to the
    // width met first (the header's, usually).
    std::map<std::size_t, std::pair<std::size_t, std::size_t>> widths;  // width → (rows, first row)
    for (std::size_t row = 0; row < rows.size(); ++row) {
      auto [it, added] = widths.try_emplace(rows[row].size(), 0, row);
      ++it->second.first;
    }
    std::size_t usual = 0;
    std::pair<std::size_t, std::size_t> best{0, 0};
    for (const auto& [width, seen] : widths) {
      if (seen.first > best.first || (seen.first == best.first && seen.second < best.second)) {
        best = seen;
        usual = width;
      }
    }
    bool plausible = true;
    for (const MultiLineField& field : multi_line_fields_) {
      const std::string opened = "quoted field " + std::to_string(field.field) + " opened here runs over " +
                                 std::to_string(field.close_line - field.open_line) + " line break" +
                                 (field.close_line - field.open_line == 1 ? "" : "s") + " to line " +
                                 std::to_string(field.close_line);
      std::string problem;
      if (field.row_fields != usual) {
        problem = opened + ", and its row then has " + std::to_string(field.row_fields) +
                  " fields where the file's rows have " + std::to_string(usual);
      } else if (usual >= 2) {
        for (const auto& [line, parts] : field.continuation_lines) {
          if (parts != usual) continue;
          problem = opened + ", swallowing line " + std::to_string(line) + ", which has the " + std::to_string(usual) +
                    " fields of a row of its own";
          break;
        }
      }
      if (problem.empty()) continue;
      diagnostics_.error({file_, field.open_line, field.open_column, 1, {}},
                         problem + ": a stray quote? (a quote that opens a field must close it; write a quote "
                                   "inside a quoted field as \"\")");
      plausible = false;
    }
    return plausible;
  }

  bool field_too_long(std::size_t field_number) {
    diagnostics_.error({file_, tokens_.line(), 0, 1, {}},
                       "field " + std::to_string(field_number) + " is longer than " +
                           std::to_string(limits_.max_field_bytes) + " bytes; stopped reading");
    return false;
  }

  // How many comma-separated parts the physical line starting at `start`
  // has when it reads as a row of its own: 1 + its commas when it holds an
  // even number of quotes, else 0. (The line where a genuine multi-line
  // field closes holds that closing quote, an odd count: it reads as the
  // end of a field, not as a row.)
  std::size_t row_parts(std::size_t start) const {
    std::size_t parts = 1;
    std::size_t quotes = 0;
    for (std::size_t at = start; at < text_.size() && text_[at] != '\n' && text_[at] != '\r'; ++at) {
      parts += text_[at] == ',' ? 1 : 0;
      quotes += text_[at] == '"' ? 1 : 0;
    }
    return quotes % 2 == 0 ? parts : 0;
  }

  std::string_view text_;
  CsvTokenizer tokens_;
  const std::string& file_;
  const CsvLimits& limits_;
  Diagnostics& diagnostics_;
  std::vector<MultiLineField> multi_line_fields_;
  // cell_position's search: at the start of the row asked for last.
  CsvTokenizer seek_;
};

// The first non-empty cell of each row beyond the header (csv_reader.h).
void find_extra_cells(RawTable& table, CsvParser& parser) {
  const std::size_t width = table.header.size();
  for (std::size_t row = 0; row < table.rows.size(); ++row) {
    const CellRows::Row cells = table.rows[row];
    for (std::size_t cell = width; cell < cells.size(); ++cell) {
      if (trim_spaces(cells[cell]).empty()) continue;
      const auto [line, column] = parser.cell_position(table.row_lines[row], cell);
      table.extra_cells.push_back({row, cell, line, column, std::string(trim_spaces(cells[cell]))});
      break;
    }
  }
}

}  // namespace

std::optional<RawTable> read_csv(std::string_view bytes, const std::string& file, const HeaderHints& hints,
                                 Diagnostics& diagnostics, const CsvLimits& limits, EncodingChoice encoding) {
  DecodedText decoded;
  if (!decode_text(bytes, file, encoding, decoded, diagnostics)) return std::nullopt;
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
  find_extra_cells(table, parser);
  return table;
}

}  // namespace cadence

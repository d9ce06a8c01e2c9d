#include "adapters/xlsx/xlsx_reader.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <memory>
#include <new>
#include <utility>
#include <vector>

#include "adapters/import/cell_parser.h"
#include "adapters/xlsx/excel_values.h"
#include "adapters/xlsx/xml_stream.h"
#include "engine/core/status.h"

namespace cadence {
namespace {

constexpr int kMaxSheetRow = 1'048'576;  // Excel's last row

int parse_int(std::string_view text, int fallback) {
  int value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc() && end == text.data() + text.size() ? value : fallback;
}

// "C7" → column 3, row 7; false for anything else.
bool parse_cell_reference(std::string_view reference, int& column, int& row) {
  std::size_t at = 0;
  column = 0;
  while (at < reference.size() && reference[at] >= 'A' && reference[at] <= 'Z') {
    column = column * 26 + (reference[at] - 'A' + 1);
    if (column > 16384) return false;  // beyond XFD
    ++at;
  }
  if (at == 0 || at == reference.size()) return false;
  row = parse_int(reference.substr(at), 0);
  return row >= 1 && row <= kMaxSheetRow;
}

std::string column_letters(int column) {
  std::string letters;
  while (column > 0) {
    letters.insert(letters.begin(), static_cast<char>('A' + (column - 1) % 26));
    column = (column - 1) / 26;
  }
  return letters;
}

// Reads and parses one part; all failures become diagnostics.
class PartReader {
 public:
  PartReader(const ZipArchive& archive, const std::string& file, const XlsxLimits& limits, Diagnostics& diagnostics)
      : archive_(archive), file_(file), limits_(limits), diagnostics_(diagnostics) {}

  // kMissing is not reported: the caller knows whether the part is optional.
  ZipReadResult parse(const std::string& part, XmlHandler& handler) {
    XmlStream stream(handler);
    stream_ = &stream;
    std::string error;
    bool xml_ok = true;
    ZipReadResult result = archive_.read(part, limits_.zip, [&](std::string_view chunk) {
      xml_ok = stream.feed(chunk);
      return xml_ok;
    }, error);
    if (result == ZipReadResult::kOk) xml_ok = stream.finish();
    stream_ = nullptr;
    switch (result) {
      case ZipReadResult::kMissing: return result;
      case ZipReadResult::kTooLarge:
        diagnostics_.error({file_, 0, 0, 1, {}}, "zip entry '" + part + "' inflates beyond " +
                                                     std::to_string(limits_.zip.max_entry_bytes) +
                                                     " bytes (a zip bomb?); refused");
        return result;
      case ZipReadResult::kTooCompressed:
        diagnostics_.error({file_, 0, 0, 1, {}}, "zip entry '" + part + "' inflates more than " +
                                                     std::to_string(limits_.zip.max_ratio) +
                                                     " times its compressed size (a zip bomb?); refused");
        return result;
      case ZipReadResult::kDamaged:
        diagnostics_.error({file_, 0, 0, 1, {}}, "zip entry '" + part + "' is damaged: " + error);
        return result;
      case ZipReadResult::kStopped:
      case ZipReadResult::kOk: break;
    }
    if (xml_ok) return ZipReadResult::kOk;
    if (stream.refused_doctype()) {
      diagnostics_.error({file_, 0, 0, 1, {}},
                         part + ": XML with a DOCTYPE or entity declarations is refused (entity expansion?)");
    } else if (!stream.stopped()) {
      diagnostics_.error({file_, 0, 0, 1, {}}, part + ": malformed XML: " + stream.error());
    }  // a stopped stream was stopped by a handler, which reported why
    return ZipReadResult::kDamaged;
  }

  void stop() {
    if (stream_ != nullptr) stream_->stop();
  }

 private:
  const ZipArchive& archive_;
  const std::string& file_;
  const XlsxLimits& limits_;
  Diagnostics& diagnostics_;
  XmlStream* stream_ = nullptr;
};

struct SheetEntry {
  std::string name;
  std::string relationship_id;
};

struct WorkbookHandler : XmlHandler {
  std::vector<SheetEntry> sheets;
  DateSystem date_system = DateSystem::k1900;
  void start(std::string_view name, const char** attributes) override {
    if (name == "sheet") {
      const char* sheet_name = find_attribute(attributes, "name");
      const char* id = find_attribute(attributes, "id");
      sheets.push_back({sheet_name != nullptr ? sheet_name : "", id != nullptr ? id : ""});
    } else if (name == "workbookPr") {
      const char* flag = find_attribute(attributes, "date1904");
      if (flag != nullptr && (std::string_view(flag) == "1" || std::string_view(flag) == "true")) {
        date_system = DateSystem::k1904;
      }
    }
  }
  void end(std::string_view) override {}
  void text(std::string_view) override {}
};

struct RelationshipsHandler : XmlHandler {
  std::map<std::string, std::string> targets;  // Id → part name
  std::string shared_strings;
  std::string styles;
  void start(std::string_view name, const char** attributes) override {
    if (name != "Relationship") return;
    const char* id = find_attribute(attributes, "Id");
    const char* target = find_attribute(attributes, "Target");
    const char* type = find_attribute(attributes, "Type");
    if (id == nullptr || target == nullptr) return;
    // Targets are relative to xl/ unless absolute within the package.
    std::string part = target[0] == '/' ? std::string(target + 1) : "xl/" + std::string(target);
    targets[id] = part;
    std::string_view kind = type != nullptr ? std::string_view(type) : std::string_view();
    if (kind.ends_with("/sharedStrings")) shared_strings = part;
    if (kind.ends_with("/styles")) styles = part;
  }
  void end(std::string_view) override {}
  void text(std::string_view) override {}
};

// <si> items: text of <t> elements, including rich-text runs <r><t>, but not
// the phonetic guide runs <rPh><t>.
struct SharedStringsHandler : XmlHandler {
  std::vector<std::string> strings;
  std::string current;
  int phonetic_depth = 0;
  bool in_text = false;
  void start(std::string_view name, const char**) override {
    if (name == "si") {
      current.clear();
    } else if (name == "rPh") {
      ++phonetic_depth;
    } else if (name == "t") {
      in_text = phonetic_depth == 0;
    }
  }
  void end(std::string_view name) override {
    if (name == "si") {
      strings.push_back(std::move(current));
      current.clear();
    } else if (name == "rPh") {
      --phonetic_depth;
    } else if (name == "t") {
      in_text = false;
    }
  }
  void text(std::string_view text) override {
    if (in_text) current.append(text);
  }
};

struct StylesHandler : XmlHandler {
  std::map<int, std::string> custom_formats;  // numFmtId → formatCode
  std::vector<int> cell_formats;              // cellXfs index → numFmtId
  bool in_cell_xfs = false;
  void start(std::string_view name, const char** attributes) override {
    if (name == "numFmt") {
      const char* id = find_attribute(attributes, "numFmtId");
      const char* code = find_attribute(attributes, "formatCode");
      if (id != nullptr && code != nullptr) custom_formats[parse_int(id, -1)] = code;
    } else if (name == "cellXfs") {
      in_cell_xfs = true;
    } else if (name == "xf" && in_cell_xfs) {
      const char* id = find_attribute(attributes, "numFmtId");
      cell_formats.push_back(id != nullptr ? parse_int(id, 0) : 0);
    }
  }
  void end(std::string_view name) override {
    if (name == "cellXfs") in_cell_xfs = false;
  }
  void text(std::string_view) override {}

  std::vector<bool> date_styles() const {
    std::vector<bool> dates;
    dates.reserve(cell_formats.size());
    for (int id : cell_formats) {
      auto custom = custom_formats.find(id);
      dates.push_back(custom != custom_formats.end() ? is_date_format_code(custom->second) : is_builtin_date_format(id));
    }
    return dates;
  }
};

class SheetHandler : public XmlHandler {
 public:
  SheetHandler(const std::string& file, const std::vector<std::string>& shared, const std::vector<bool>& date_styles,
               DateSystem date_system, const XlsxLimits& limits, Diagnostics& diagnostics, PartReader& reader)
      : file_(file), shared_(shared), date_styles_(date_styles), date_system_(date_system), limits_(limits),
        diagnostics_(diagnostics), reader_(reader) {}

  // The non-blank cells as the sheet has them, row after row: memory in
  // proportion to the cells present, wherever they sit.
  struct SparseCell {
    int column;
    std::string text;
  };
  struct SparseRow {
    int line;
    std::size_t first_cell;  // into cells
  };
  std::vector<SparseCell> cells;
  std::vector<SparseRow> rows;

  void start(std::string_view name, const char** attributes) override {
    if (stopped_) return;
    if (name == "row") {
      const char* number = find_attribute(attributes, "r");
      row_ = number != nullptr ? parse_int(number, row_ + 1) : row_ + 1;
      if (row_ < 1 || row_ > kMaxSheetRow) {
        diagnostics_.error({file_, 0, 0, 1, {}}, "row number " + std::string(number != nullptr ? number : "?") +
                                                     " is outside the sheet's rows 1-" + std::to_string(kMaxSheetRow) +
                                                     "; stopped reading");
        stop();
        return;
      }
      column_ = 0;
      rows.push_back({row_, cells.size()});
    } else if (name == "c") {
      const char* reference = find_attribute(attributes, "r");
      int column = 0;
      int row = 0;
      if (reference == nullptr) {
        ++column_;  // r is optional: the next cell of the row
      } else if (parse_cell_reference(reference, column, row)) {
        column_ = column;
      } else {
        // Not a cell of any sheet (beyond XFD or 1,048,576, or no reference
        // at all): placing it anywhere would move a value to another column.
        diagnostics_.error({file_, row_, 0, 1, {}},
                           "a cell has the reference '" + std::string(reference) +
                               "', which is not a cell of a sheet (columns A-XFD, rows 1-1048576); stopped reading");
        stop();
        return;
      }
      const char* type = find_attribute(attributes, "t");
      type_ = type != nullptr ? type : "n";
      const char* style = find_attribute(attributes, "s");
      style_ = style != nullptr ? parse_int(style, 0) : 0;
      value_.clear();
      inline_text_.clear();
    } else if (name == "v") {
      collecting_ = Collecting::kValue;
    } else if (name == "rPh") {
      ++phonetic_depth_;
    } else if (name == "t" && phonetic_depth_ == 0) {
      collecting_ = Collecting::kInline;
    }
  }

  void end(std::string_view name) override {
    if (stopped_) return;
    if (name == "v" || name == "t") {
      collecting_ = Collecting::kNone;
    } else if (name == "rPh") {
      --phonetic_depth_;
    } else if (name == "c") {
      finish_cell();
    } else if (name == "row") {
      if (!rows.empty() && rows.back().first_cell == cells.size()) rows.pop_back();  // blank
    }
  }

  void text(std::string_view text) override {
    if (collecting_ == Collecting::kValue) value_.append(text);
    else if (collecting_ == Collecting::kInline) inline_text_.append(text);
  }

 private:
  enum class Collecting { kNone, kValue, kInline };

  void cell_error(const std::string& message) {
    diagnostics_.error({file_, row_, column_, 1, {}}, "cell " + column_letters(column_) + std::to_string(row_) + " " + message);
  }

  void stop() {
    stopped_ = true;
    failed_ = true;
    reader_.stop();
  }

  void finish_cell() {
    if (column_ < 1) return;
    if (static_cast<std::size_t>(column_) > limits_.max_columns) {
      diagnostics_.error({file_, row_, column_, 1, {}},
                         "cell " + column_letters(column_) + std::to_string(row_) + " is beyond column " +
                             column_letters(static_cast<int>(limits_.max_columns)) + " (" +
                             std::to_string(limits_.max_columns) + ", the most a sheet may use); stopped reading");
      stop();
      return;
    }
    if (rows.empty() || rows.back().line != row_) rows.push_back({row_, cells.size()});  // a cell outside <row>
    std::string text;
    if (type_ == "s") {
      int index = parse_int(value_, -1);
      if (index >= 0 && static_cast<std::size_t>(index) < shared_.size()) {
        text = shared_[static_cast<std::size_t>(index)];
      } else {
        cell_error("refers to shared string '" + value_ + "' but the workbook has " + std::to_string(shared_.size()));
      }
    } else if (type_ == "inlineStr") {
      text = std::move(inline_text_);
    } else if (type_ == "str") {
      text = std::move(value_);
    } else if (type_ == "b") {
      text = value_ == "1" ? "true" : value_ == "0" ? "false" : value_;
    } else if (type_ == "e") {
      cell_error("holds the Excel error " + value_);
      text = std::move(value_);
    } else if (type_ == "d") {  // ISO 8601 date-time (strict OOXML)
      text = iso_date_cell_text();
    } else {
      text = number_text();
    }
    if (trim_spaces(text).empty()) return;  // blank cells take no room
    if (++cell_count_ > limits_.max_cells) {
      diagnostics_.error({file_, row_, column_, 1, {}},
                         "the sheet has more than " + std::to_string(limits_.max_cells) + " cells; stopped reading");
      stop();
      return;
    }
    cells.push_back({column_, std::move(text)});
  }

  // A t="d" cell: "2023-01-05" or "2023-01-05T08:30:00[.fff][Z]" becomes
  // its date. The time is checked, not cut off: "2023-01-05T25:99:99" is a
  // cell error, and its text stays whole so that typing refuses it too.
  std::string iso_date_cell_text() {
    std::string_view value = value_;
    if (value.size() > 10 && value[10] == 'T') {
      std::string_view time = value.substr(11);
      if (time.ends_with('Z')) time.remove_suffix(1);
      if (is_time_of_day(time)) return std::string(value.substr(0, 10));
      cell_error("holds the date-time '" + value_ + "', whose time of day does not exist");
      return value_;
    }
    return value_;
  }

  std::string number_text() {
    if (value_.empty()) return {};
    double number = 0;
    auto [end, error] = std::from_chars(value_.data(), value_.data() + value_.size(), number);
    if (error != std::errc() || end != value_.data() + value_.size()) return value_;
    bool is_date = style_ >= 0 && static_cast<std::size_t>(style_) < date_styles_.size() &&
                   date_styles_[static_cast<std::size_t>(style_)];
    if (!is_date) return format_excel_number(number);
    if (std::optional<std::string> date = excel_serial_to_iso_date(number, date_system_)) return *date;
    if (date_system_ == DateSystem::k1900 && number >= 60 && number < 61) {
      cell_error("holds the date serial 60, Excel's non-existent 1900-02-29");
    } else if (number >= 1) {
      cell_error("holds the date serial " + format_excel_number(number) + ", which is not a date");
    }
    return format_excel_number(number);  // below 1: a time of day, kept as a number
  }

  const std::string& file_;
  const std::vector<std::string>& shared_;
  const std::vector<bool>& date_styles_;
  DateSystem date_system_;
  const XlsxLimits& limits_;
  Diagnostics& diagnostics_;
  PartReader& reader_;
  std::size_t cell_count_ = 0;
  std::string value_;
  std::string inline_text_;
  std::string type_;
  int style_ = 0;
  int row_ = 0;
  int column_ = 0;
  int phonetic_depth_ = 0;
  Collecting collecting_ = Collecting::kNone;
  bool stopped_ = false;

 public:
  bool failed_ = false;
};

// The sparse rows as a RawTable, in memory proportional to the cells
// present (xlsx_reader.h): the rows that may hold the header are laid out
// whole to find it; every other row only up to the header's width, its first
// non-blank cell beyond that recorded as an extra cell.
std::optional<RawTable> lay_out(SheetHandler& sheet, const std::string& file, const HeaderHints& hints,
                                const XlsxLimits& limits, Diagnostics& diagnostics) {
  using SparseCell = SheetHandler::SparseCell;
  const std::size_t row_total = sheet.rows.size();
  auto row_cells = [&](std::size_t row) {
    const std::size_t first = sheet.rows[row].first_cell;
    const std::size_t end = row + 1 < row_total ? sheet.rows[row + 1].first_cell : sheet.cells.size();
    return std::make_pair(sheet.cells.begin() + static_cast<std::ptrdiff_t>(first),
                          sheet.cells.begin() + static_cast<std::ptrdiff_t>(end));
  };
  auto by_column = [](const SparseCell& a, const SparseCell& b) { return a.column < b.column; };
  // Cells come in column order; if not, they are sorted (a later duplicate
  // of a cell wins).
  for (std::size_t row = 0; row < row_total; ++row) {
    const auto [first, end] = row_cells(row);
    if (!std::is_sorted(first, end, by_column)) std::stable_sort(first, end, by_column);
  }
  // Lays out `row` up to column `width` into `out`: its cells in place,
  // empty cells in the gaps, nothing after its last cell.
  auto lay_row = [&](std::size_t row, std::size_t width, CellRows& out) {
    const auto [first, end] = row_cells(row);
    std::size_t column = 0;
    for (auto at = first; at != end && static_cast<std::size_t>(at->column) <= width; ++at) {
      if (at + 1 != end && (at + 1)->column == at->column) continue;  // the later one wins
      for (++column; column < static_cast<std::size_t>(at->column); ++column) out.end_cell();
      out.append(at->text);
      out.end_cell();
    }
    out.end_row();
  };

  // The header is among the first rows (table_shape.h).
  const std::size_t searched = std::min(row_total, kHeaderSearchRows);
  RawTable probe;
  {
    CellRows first_rows;
    std::vector<int> first_lines;
    for (std::size_t row = 0; row < searched; ++row) {
      lay_row(row, limits.max_columns, first_rows);
      first_lines.push_back(sheet.rows[row].line);
    }
    shape_table(std::move(first_rows), std::move(first_lines), hints, probe);
  }
  const std::size_t header_index = static_cast<std::size_t>(probe.skipped_title_rows);
  const std::size_t width = probe.header.size();

  // Every row: the header and the rows above it whole, data rows up to the
  // header's width. A sheet that would take far more cells laid out than it
  // holds is refused: that is the amplification of issue 29 (cells at column
  // 9,999 under a wide, mostly empty header).
  const std::size_t slot_budget = std::max(limits.min_layout_cells, limits.max_layout_ratio * sheet.cells.size());
  CellRows rows;
  std::vector<int> lines;
  std::vector<ExtraCell> extra_cells;
  std::size_t slots = 0;
  // Data rows are laid out at least 2 cells wide: the header search asks
  // for 2 matching cells when any of its rows has 2 cells or more
  // (table_shape.h), so the search over these rows finds the probe's header.
  const std::size_t data_width = std::max<std::size_t>(width, 2);
  for (std::size_t row = 0; row < row_total; ++row) {
    lay_row(row, row <= header_index ? limits.max_columns : data_width, rows);
    slots += rows[rows.size() - 1].size();
    if (slots > slot_budget) {
      diagnostics.error({file, 0, 0, 1, {}},
                        "the sheet is too sparse: its " + std::to_string(sheet.cells.size()) +
                            " filled cells would take more than " + std::to_string(slot_budget) +
                            " cells laid out under its header of " + std::to_string(width) + " columns; refused");
      return std::nullopt;
    }
    lines.push_back(sheet.rows[row].line);
    if (row <= header_index) continue;
    const auto [first, end] = row_cells(row);
    const auto beyond = std::partition_point(
        first, end, [&](const SparseCell& cell) { return static_cast<std::size_t>(cell.column) <= width; });
    if (beyond != end) {
      extra_cells.push_back({row - header_index - 1, static_cast<std::size_t>(beyond->column - 1),
                             sheet.rows[row].line, beyond->column, std::string(trim_spaces(beyond->text))});
    }
  }
  sheet.cells = {};

  RawTable table;
  table.file = file;
  table.encoding = "XLSX";
  shape_table(std::move(rows), std::move(lines), hints, table);
  CADENCE_ASSERT(table.header_line == probe.header_line);
  table.extra_cells = std::move(extra_cells);
  return table;
}

// An XLSX file's archive and its workbook part (the sheets, in order).
struct OpenWorkbook {
  std::unique_ptr<ZipArchive> archive;
  WorkbookHandler workbook;
};

// Opens the zip and reads xl/workbook.xml; nullptr, with the error
// reported, when the bytes are no XLSX workbook.
std::unique_ptr<OpenWorkbook> open_workbook(std::string_view bytes, const std::string& file,
                                            Diagnostics& diagnostics, const XlsxLimits& limits) {
  auto opened = std::make_unique<OpenWorkbook>();
  std::string zip_error;
  opened->archive = ZipArchive::open(bytes, zip_error);
  if (!opened->archive) {
    diagnostics.error({file, 0, 0, 1, {}}, "not an XLSX (zip) file (" + zip_error + ")");
    return nullptr;
  }
  PartReader reader(*opened->archive, file, limits, diagnostics);
  const ZipReadResult result = reader.parse("xl/workbook.xml", opened->workbook);
  if (result == ZipReadResult::kMissing) {
    diagnostics.error({file, 0, 0, 1, {}}, "not an XLSX workbook: the zip file has no xl/workbook.xml");
  }
  if (result != ZipReadResult::kOk) return nullptr;
  return opened;
}

std::optional<RawTable> read_workbook(std::string_view bytes, const std::string& file, const std::string& sheet,
                                      const HeaderHints& hints, Diagnostics& diagnostics, const XlsxLimits& limits) {
  const std::unique_ptr<OpenWorkbook> opened = open_workbook(bytes, file, diagnostics, limits);
  if (!opened) return std::nullopt;
  PartReader reader(*opened->archive, file, limits, diagnostics);
  const WorkbookHandler& workbook = opened->workbook;
  if (workbook.sheets.empty()) {
    diagnostics.error({file, 0, 0, 1, {}}, "the workbook has no sheets");
    return std::nullopt;
  }

  RelationshipsHandler relationships;
  ZipReadResult result = reader.parse("xl/_rels/workbook.xml.rels", relationships);
  if (result != ZipReadResult::kOk && result != ZipReadResult::kMissing) return std::nullopt;

  const SheetEntry* chosen = &workbook.sheets.front();
  if (!sheet.empty()) {
    chosen = nullptr;
    std::string names;
    for (const SheetEntry& entry : workbook.sheets) {
      if (entry.name == sheet) chosen = &entry;
      names += (names.empty() ? "" : ", ") + entry.name;
    }
    if (chosen == nullptr) {
      diagnostics.error({file, 0, 0, 1, {}}, "no sheet named '" + sheet + "' (the workbook has: " + names + ")");
      return std::nullopt;
    }
  }
  std::string sheet_part;
  if (auto target = relationships.targets.find(chosen->relationship_id); target != relationships.targets.end()) {
    sheet_part = target->second;
  } else {
    // No relationships part: fall back on the conventional name.
    std::size_t position = static_cast<std::size_t>(chosen - workbook.sheets.data()) + 1;
    sheet_part = "xl/worksheets/sheet" + std::to_string(position) + ".xml";
  }

  SharedStringsHandler shared;
  result = reader.parse(relationships.shared_strings.empty() ? "xl/sharedStrings.xml" : relationships.shared_strings,
                        shared);
  if (result != ZipReadResult::kOk && result != ZipReadResult::kMissing) return std::nullopt;

  StylesHandler styles;
  result = reader.parse(relationships.styles.empty() ? "xl/styles.xml" : relationships.styles, styles);
  if (result != ZipReadResult::kOk && result != ZipReadResult::kMissing) return std::nullopt;
  std::vector<bool> date_styles = styles.date_styles();

  SheetHandler sheet_handler(file, shared.strings, date_styles, workbook.date_system, limits, diagnostics, reader);
  result = reader.parse(sheet_part, sheet_handler);
  if (result == ZipReadResult::kMissing) {
    diagnostics.error({file, 0, 0, 1, {}}, "sheet '" + chosen->name + "' is missing from the file (" + sheet_part + ")");
  }
  if (result != ZipReadResult::kOk || sheet_handler.failed_) return std::nullopt;
  if (sheet_handler.rows.empty()) {
    diagnostics.error({file, 0, 0, 1, {}}, "sheet '" + chosen->name + "' has no rows (no header)");
    return std::nullopt;
  }

  return lay_out(sheet_handler, file, hints, limits, diagnostics);
}

std::optional<std::vector<std::string>> workbook_sheets(std::string_view bytes, const std::string& file,
                                                        Diagnostics& diagnostics, const XlsxLimits& limits) {
  const std::unique_ptr<OpenWorkbook> opened = open_workbook(bytes, file, diagnostics, limits);
  if (!opened) return std::nullopt;
  std::vector<std::string> names;
  for (const SheetEntry& entry : opened->workbook.sheets) names.push_back(entry.name);
  return names;
}

}  // namespace

std::optional<std::vector<std::string>> list_xlsx_sheets(std::string_view bytes, const std::string& file,
                                                         Diagnostics& diagnostics, const XlsxLimits& limits) {
  try {
    return workbook_sheets(bytes, file, diagnostics, limits);
  } catch (const std::bad_alloc&) {
    diagnostics.error({file, 0, 0, 1, {}}, "out of memory while reading the workbook");
    return std::nullopt;
  }
}

std::optional<RawTable> read_xlsx(std::string_view bytes, const std::string& file, const std::string& sheet,
                                  const HeaderHints& hints, Diagnostics& diagnostics, const XlsxLimits& limits) {
  // No exception may escape: libzip and expat are C, but std::bad_alloc on a
  // hostile file is still possible.
  try {
    return read_workbook(bytes, file, sheet, hints, diagnostics, limits);
  } catch (const std::bad_alloc&) {
    diagnostics.error({file, 0, 0, 1, {}}, "out of memory while reading the workbook");
    return std::nullopt;
  }
}

}  // namespace cadence

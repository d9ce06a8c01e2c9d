#include "engine/calendar/calendar_table.h"

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <utility>

#include "engine/core/csv_tokenizer.h"
#include "engine/core/utf8.h"

namespace cadence {
namespace {

constexpr std::array<std::string_view, 5> kColumns = {"date", "region", "kind", "name", "source"};
enum Column : std::size_t { kDate, kRegion, kKind, kName, kSource };

// One field of a record, with where it starts so that a diagnostic can point
// at it.
struct Field {
  std::string value;
  int line = 0;
  int column = 0;  // code points, 1-based
  int length = 1;  // code points of the raw field, quotes included
};

struct Record {
  int line = 0;  // where the record starts
  std::vector<Field> fields;
  bool malformed = false;  // a quoting error was already reported
};

std::string_view trim(std::string_view text) {
  while (!text.empty() && CsvTokenizer::is_blank(text.front())) text.remove_prefix(1);
  while (!text.empty() && (CsvTokenizer::is_blank(text.back()) || text.back() == '\r')) text.remove_suffix(1);
  return text;
}

// Strict UTF-8 check (no overlongs, no surrogates). Calendar files exported
// by Excel on Chinese Windows arrive as GBK; say so instead of storing mojibake.
bool is_valid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto byte = static_cast<unsigned char>(text[i]);
    std::size_t length = 0;
    char32_t code_point = 0;
    if (byte < 0x80) {
      ++i;
      continue;
    } else if ((byte & 0xE0) == 0xC0) {
      length = 2;
      code_point = byte & 0x1Fu;
    } else if ((byte & 0xF0) == 0xE0) {
      length = 3;
      code_point = byte & 0x0Fu;
    } else if ((byte & 0xF8) == 0xF0) {
      length = 4;
      code_point = byte & 0x07u;
    } else {
      return false;
    }
    if (i + length > text.size()) return false;
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      code_point = (code_point << 6) | (next & 0x3Fu);
    }
    constexpr std::array<char32_t, 5> kMinimum = {0, 0, 0x80, 0x800, 0x10000};
    if (code_point < kMinimum[length] || code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF)) {
      return false;
    }
    i += length;
  }
  return true;
}

bool is_region_name(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) return false;
  }
  return true;
}

// Splits CSV text into records with engine/core's RFC 4180 tokenizer.
// Skips comment and blank lines. The calendar's own dialect, stricter than
// an export's: blanks around a field are trimmed (a quote may open after
// them, as Excel does), and text after a closing quote is an error.
class RecordReader {
 public:
  RecordReader(std::string_view text, const std::string& file, Diagnostics& diagnostics)
      : tokens_(without_byte_order_mark(text)), file_(file), diagnostics_(diagnostics) {}

  std::optional<Record> next() {
    skip_comments_and_blank_lines();
    if (tokens_.at_end()) return std::nullopt;
    Record record;
    record.line = tokens_.line();
    do {
      record.fields.push_back(read_field(record));
    } while (tokens_.read_delimiter() == CsvTokenizer::Delimiter::kComma);
    return record;
  }

 private:
  static std::string_view without_byte_order_mark(std::string_view text) {
    // Notepad and Excel prepend a UTF-8 byte-order mark.
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    return text;
  }

  void skip_comments_and_blank_lines() {
    while (!tokens_.at_end()) {
      const std::string_view line = tokens_.rest_of_line();
      if (!line.empty() && line.front() != '#' && !trim(line).empty()) return;
      tokens_.skip_line();
    }
  }

  // Reads one field up to (not including) its delimiter.
  Field read_field(Record& record) {
    Field field;
    field.line = tokens_.line();
    const std::size_t start = tokens_.offset();
    field.column = tokens_.column_of(start);
    // Leading blanks before an opening quote are tolerated, as Excel does.
    tokens_.skip_blanks();
    if (!tokens_.at_end() && tokens_.peek() == '"') {
      read_quoted(field, record);
    } else {
      tokens_.read_unquoted();
      field.value = std::string(trim(tokens_.text().substr(start, tokens_.offset() - start)));
    }
    if (field.line == tokens_.line()) {
      field.length = std::max(1, code_point_count(tokens_.text().substr(start, tokens_.offset() - start)));
    }
    return field;
  }

  void read_quoted(Field& field, Record& record) {
    const CsvTokenizer::Quoted end = tokens_.read_quoted(
        [&](std::string_view piece) {
          field.value += piece;
          return true;
        },
        [] {});
    if (end == CsvTokenizer::Quoted::kUnclosed) {
      report(record, field, "the quoted field is not closed before the end of the file");
      return;
    }
    // After the closing quote only blanks, then ',' or the end of the line.
    tokens_.skip_blanks();
    if (!tokens_.at_end() && !CsvTokenizer::ends_field(tokens_.peek())) {
      report(record, field, "unexpected text after the closing quote");
      tokens_.read_unquoted();
    }
  }

  void report(Record& record, const Field& field, std::string message) {
    record.malformed = true;
    diagnostics_.error({file_, field.line, field.column, field.length, ""}, std::move(message));
  }

  CsvTokenizer tokens_;
  const std::string& file_;
  Diagnostics& diagnostics_;
};

std::optional<DayKind> parse_day_kind(std::string_view text) {
  if (text == "holiday") return DayKind::kHoliday;
  if (text == "makeup_workday") return DayKind::kMakeupWorkday;
  return std::nullopt;
}

}  // namespace

std::string_view to_string(DayKind kind) {
  return kind == DayKind::kHoliday ? "holiday" : "makeup_workday";
}

std::vector<CalendarEntry> parse_calendar_csv(std::string_view text, const std::string& file,
                                              Diagnostics& diagnostics) {
  std::vector<CalendarEntry> entries;
  RecordReader reader(text, file, diagnostics);

  const std::optional<Record> header = reader.next();
  if (!header) {
    diagnostics.error({file, 0, 0, 1, ""}, "no header row; expected '" + std::string(kCalendarCsvHeader) + "'");
    return entries;
  }
  if (header->malformed) return entries;
  bool header_ok = header->fields.size() == kColumns.size();
  for (std::size_t i = 0; header_ok && i < kColumns.size(); ++i) header_ok = header->fields[i].value == kColumns[i];
  if (!header_ok) {
    std::string found;
    for (const Field& field : header->fields) found += (found.empty() ? "" : ",") + field.value;
    diagnostics.error({file, header->line, 1, 1, ""},
                      "expected the header row '" + std::string(kCalendarCsvHeader) + "', found '" + found + "'");
    return entries;
  }

  // (region, date) → line of its first row, to report duplicates.
  std::map<std::pair<std::string, Date>, int> first_line;
  while (std::optional<Record> record = reader.next()) {
    if (record->malformed) continue;
    if (record->fields.size() != kColumns.size()) {
      diagnostics.error({file, record->line, 1, 1, ""}, "expected 5 fields (" + std::string(kCalendarCsvHeader) +
                                                            "), found " + std::to_string(record->fields.size()));
      continue;
    }
    const std::vector<Field>& fields = record->fields;
    auto error = [&](Column column, std::string message) {
      const Field& field = fields[column];
      diagnostics.error({file, field.line, field.column, field.length, std::string(kColumns[column])},
                        std::move(message));
    };
    bool ok = true;

    const std::optional<Date> date = Date::parse(fields[kDate].value);
    if (!date) {
      error(kDate, "'" + fields[kDate].value + "' " +
                       (Date::is_out_of_range_text(fields[kDate].value)
                            ? "is outside the supported dates " + std::string(kSupportedDates)
                            : std::string("is not a date of the form YYYY-MM-DD")));
      ok = false;
    }
    if (!is_region_name(fields[kRegion].value)) {
      error(kRegion, "'" + fields[kRegion].value +
                         "' is not a region name (lowercase letters, digits, '-' or '_', e.g. national, ningxia)");
      ok = false;
    }
    const std::optional<DayKind> kind = parse_day_kind(fields[kKind].value);
    if (!kind) {
      error(kKind, "'" + fields[kKind].value + "' is not a day kind; expected holiday or makeup_workday");
      ok = false;
    }
    for (Column column : {kName, kSource}) {
      if (fields[column].value.empty()) {
        error(column, "must not be empty");
        ok = false;
      } else if (!is_valid_utf8(fields[column].value)) {
        error(column, "is not valid UTF-8 (a GBK file? save it as UTF-8)");
        ok = false;
      }
    }
    if (!ok) continue;

    const auto [it, inserted] = first_line.emplace(std::pair(fields[kRegion].value, *date), record->line);
    if (!inserted) {
      error(kDate, date->to_string() + " is already listed for region '" + fields[kRegion].value + "' on line " +
                       std::to_string(it->second));
      continue;
    }
    if (*kind == DayKind::kMakeupWorkday && date->weekday() <= Weekday::kFriday) {
      const Field& field = fields[kKind];
      diagnostics.warning({file, field.line, field.column, field.length, std::string(kColumns[kKind])},
                          date->to_string() + " is a Monday to Friday, already a working day; "
                                              "a make-up workday there changes nothing");
    }
    entries.push_back(CalendarEntry{*date, *kind, fields[kRegion].value, fields[kName].value, fields[kSource].value});
  }
  return entries;
}

}  // namespace cadence

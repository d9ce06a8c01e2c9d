// Reading a working-day calendar table (rules/calendars/*.csv) from text.
//
// Format: UTF-8 CSV (RFC 4180 quoting, LF or CRLF, an optional BOM), a header
// row, then one row per day:
//
//   # 国务院办公厅关于2023年部分节假日安排的通知
//   date,region,kind,name,source
//   2023-01-28,national,makeup_workday,春节,国办发明电〔2022〕16号
//
// - date: strict YYYY-MM-DD; region: lowercase ASCII letters, digits, '-' or
//   '_' ("national", "ningxia"); kind: holiday | makeup_workday; name and
//   source: non-empty text (the festival, and the notice that sets the day).
// - Lines whose first character is '#' are comments; blank lines are skipped.
//
// Every bad row becomes an error Diagnostic naming the file, the row's line,
// the column of the offending field and its header name, and the row is
// dropped; all rows are checked, not only up to the first problem. A second
// row for the same (date, region) is an error. A make-up workday on a Monday
// to Friday changes nothing and gets a warning (the row is kept). A wrong
// header row is one error and no entries.
//
// The engine does no file I/O: the caller (adapters/pack, tests) reads the
// file and passes its text. Pure function, safe to call from any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/calendar/working_calendar.h"
#include "engine/core/diagnostic.h"

namespace cadence {

// The header row the format requires, in this order.
inline constexpr std::string_view kCalendarCsvHeader = "date,region,kind,name,source";

std::string_view to_string(DayKind kind);  // "holiday", "makeup_workday"

// The rows of a calendar table in file order. Problems go to `diagnostics`
// with SourceSpan::file = `file`.
std::vector<CalendarEntry> parse_calendar_csv(std::string_view text, const std::string& file,
                                              Diagnostics& diagnostics);

}  // namespace cadence

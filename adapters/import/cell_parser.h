// Lenient parsing of single cell values as they appear in real exports, for
// the importer. Every function trims first (ASCII whitespace and the
// full-width space U+3000, which Chinese IMEs insert) and returns nullopt for
// anything it does not accept: the caller turns that into a Diagnostic naming
// the file, line and column. Nothing here throws or allocates on the hot path
// except the Period/Date values returned. Thread-safe (no state).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "engine/calendar/date.h"
#include "engine/calendar/period.h"

namespace cadence {

// `text` without leading and trailing ASCII whitespace (space, \t, \r, \n,
// \v, \f) and U+3000 IDEOGRAPHIC SPACE.
std::string_view trim_spaces(std::string_view text);

// Dates as exports write them (contract.md, "Real exports"):
//   2023-03-01, 2023-3-1, 2023/3/1, 2023/03/01, 2023.03.01, 2023.3.1,
//   2023年3月1日 (the 日 may be missing), 20230301.
// The year has 4 digits, month and day 1 or 2 digits (8 digits in a row for
// the compact form); one separator kind per date. A trailing time-of-day
// ("2023-03-01 00:00:00", as Excel-made CSV writes; after a space or a T) is
// accepted and ignored when it is a time that exists (is_time_of_day).
// Impossible dates (2023-02-30, month 13) and impossible times
// (2023-1-5 25:99:99) are rejected, in every form above.
std::optional<Date> parse_date_lenient(std::string_view text);

// A time of day as exports write it: H:MM or HH:MM, optionally :SS and then
// a fraction (.250); hour 0-23, minutes and seconds 00-59. Nothing else
// (no zone, no 24:00, no leap second).
bool is_time_of_day(std::string_view text);

// Months: 2023-03, 2023-3, 2023/3, 2023.3, 2023年3月, 202303, and any date
// parse_date_lenient accepts (its month). 入团年月 is exported as yyyy-MM.
std::optional<Period> parse_month_lenient(std::string_view text);

// ISO weeks: 2023-W10, 2023W10, 2023-W1 (one digit accepted), 2023-w10
// (lower case w accepted). A week the ISO year does not have (2023-W53) and
// week 0 are rejected. A date is NOT accepted as a week: which week a date
// means is the caller's decision.
std::optional<Period> parse_week_lenient(std::string_view text);

// Integers: optional sign, ASCII digits. Thousands separators are accepted
// only in the strict form Excel writes ("1,234", "-12,345,678": groups of
// exactly 3 digits after the first); "1,23" is rejected. "12abc", "", "1.5"
// and values outside int64 are rejected. "12.0" is accepted as 12 (XLSX
// numbers and CSV saved from Excel write integral values that way).
std::optional<int64_t> parse_integer(std::string_view text);

// Numbers: what parse_integer accepts, plus decimals "1.5", "-0.25", ".5",
// exponents "1e3", and a trailing percent sign "85%" (= 0.85). NaN and
// infinities are rejected.
std::optional<double> parse_number(std::string_view text);

// Booleans: true/false, yes/no, y/n, 1/0 (ASCII case-insensitive), 是/否,
// 对/错.
std::optional<bool> parse_bool(std::string_view text);

}  // namespace cadence

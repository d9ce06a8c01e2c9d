// How Excel stores numbers and dates, turned into the text a CSV export of
// the same sheet would hold.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace cadence {

// Integral values print without a fraction ("12", not "12.0"); others as the
// shortest text that reads back as the same double ("0.1", "1e+20").
std::string format_excel_number(double value);

// Whether a number format shows a date. Built-in ids 14–22 and 45–47
// (ECMA-376 §18.8.30), and 27–36 and 50–58, the ids zh-CN Excel uses for its
// built-in Chinese date formats such as yyyy"年"m"月"d"日". A custom format
// code is a date format when, outside quoted text, [brackets] and \escapes,
// it contains y or d, or contains m without h or s (m next to h or s means
// minutes, as in "h:mm").
bool is_builtin_date_format(int number_format_id);
bool is_date_format_code(std::string_view format_code);

enum class DateSystem { k1900, k1904 };

// The serial's date as "YYYY-MM-DD"; a time of day (the fraction) is dropped.
// The 1900 system keeps Lotus 1-2-3's bug: serial 1 is 1900-01-01 and serial
// 60 is the non-existent 1900-02-29, so serials above 60 are one day ahead of
// a plain day count. Serial 60 (and anything below 1, and beyond
// 9999-12-31) returns nullopt. The 1904 system counts days from 1904-01-01
// (serial 0).
std::optional<std::string> excel_serial_to_iso_date(double serial, DateSystem system);

}  // namespace cadence

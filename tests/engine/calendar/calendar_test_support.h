// Test support for the calendar tests: doctest printers for Date and Period,
// and the shipped calendar tables under rules/calendars, read from the source
// tree (tests may read files; the engine may not).
#pragma once

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "engine/calendar/calendar_table.h"
#include "engine/calendar/period.h"

namespace doctest {
template <>
struct StringMaker<cadence::Date> {
  static String convert(const cadence::Date& date) { return date.to_string().c_str(); }
};
template <>
struct StringMaker<cadence::Period> {
  static String convert(const cadence::Period& period) { return period.to_string().c_str(); }
};
}  // namespace doctest

namespace cadence::testing {

inline std::string read_source_file(const std::string& relative_path) {
  std::ifstream in(std::string(CADENCE_SOURCE_DIR) + "/" + relative_path, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "cannot open " << relative_path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The rows of a shipped calendar table; the table must read without any
// diagnostic, warnings included.
inline std::vector<CalendarEntry> shipped_calendar(const std::string& relative_path) {
  Diagnostics diagnostics;
  std::vector<CalendarEntry> entries =
      parse_calendar_csv(read_source_file(relative_path), relative_path, diagnostics);
  CHECK_MESSAGE(diagnostics.empty(), render_all(diagnostics));
  return entries;
}

// national.csv followed by ningxia-2023.csv.
inline std::vector<CalendarEntry> shipped_national_and_ningxia() {
  std::vector<CalendarEntry> entries = shipped_calendar("rules/calendars/national.csv");
  for (CalendarEntry& entry : shipped_calendar("rules/calendars/ningxia-2023.csv")) entries.push_back(std::move(entry));
  return entries;
}

}  // namespace cadence::testing

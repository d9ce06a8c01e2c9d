// Fuzz target: the calendar's parsers and arithmetic (engine/calendar) on
// arbitrary input. Input: a text line (a date or period as a user would
// write it), then up to 16 bytes read as two int64 counts, then bytes that
// pick a few holiday and make-up days near the date. Whatever they hold,
// nothing may abort (every year, every count), and the round trips hold:
// parse ∘ to_string is the identity, shifting by n and back returns the
// start, a working-day step of n covers exactly n working days (checked
// against a day-by-day count for small n), and no checked result leaves the
// supported range.
#include <cstddef>
#include <cstdint>
#include <algorithm>
#include <cstring>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/calendar/period.h"
#include "engine/calendar/working_calendar.h"
#include "tests/engine/calendar/naive_working_days.h"

namespace {

using cadence::Date;
using cadence::Period;
using cadence::PeriodKind;
using cadence::testing::naive_working_days_after;

void require(bool condition) {
  if (!condition) __builtin_trap();
}

int64_t read_int64(std::string_view& bytes) {
  int64_t value = 0;
  const std::size_t take = std::min<std::size_t>(bytes.size(), sizeof value);
  if (take == 0) return 0;
  std::memcpy(&value, bytes.data(), take);
  bytes.remove_prefix(take);
  return value;
}

// Small counts are kept small often, so that the day-by-day check runs.
int64_t shaped(int64_t raw) {
  switch (static_cast<uint64_t>(raw) % 4) {
    case 0: return raw % 64;
    case 1: return raw % 4000;
    case 2: return raw % 200000;
    default: return raw;
  }
}


void check_date(Date date, int64_t count, std::string_view table) {
  require(date.is_supported());
  require(Date::parse(date.to_string()) == date);
  for (PeriodKind kind : {PeriodKind::kWeek, PeriodKind::kMonth, PeriodKind::kQuarter, PeriodKind::kYear}) {
    const Period period = Period::containing(kind, date);
    require(period.contains(date));
    (void)period.to_string();
  }
  if (std::optional<Date> later = date.plus_days(count)) {
    require(later->is_supported());
    require(int64_t{*later - date} == count);
    require(later->plus_days(-count) == date);
  }
  // A calendar of a few table days near the date, from the remaining bytes.
  std::vector<cadence::CalendarEntry> entries;
  for (std::size_t i = 0; i + 1 < table.size() && entries.size() < 24; i += 2) {
    cadence::CalendarEntry entry;
    const int offset = static_cast<int8_t>(table[i]);
    entry.date = date + offset;
    if (!entry.date.is_supported()) continue;
    entry.kind = (table[i + 1] & 1) != 0 ? cadence::DayKind::kHoliday : cadence::DayKind::kMakeupWorkday;
    entry.region = (table[i + 1] & 2) != 0 ? "national" : "ningxia";
    entries.push_back(entry);
  }
  const cadence::WorkingCalendar calendar(entries, {"national", "ningxia"});
  (void)calendar.roll_forward(date);
  const std::optional<Date> stepped = calendar.working_days_after(date, count);
  if (stepped) {
    require(stepped->is_supported());
    if (count != 0) require(calendar.is_working_day(*stepped));
    if (count > 0) {
      require(*stepped > date);
      require(calendar.working_days_before(*stepped + 1) - calendar.working_days_before(date + 1) == count);
    } else if (count < 0) {
      require(*stepped < date);
      require(calendar.working_days_before(date) - calendar.working_days_before(*stepped) == -count);
    } else {
      require(*stepped == date);
    }
  }
  if (count > -300 && count < 300) require(stepped == naive_working_days_after(calendar, date, count));
}

void check_period(const Period& period, int64_t count) {
  require(period.is_supported());
  require(Period::parse(period.to_string()) == period);
  require(period.first_day().is_supported() || period.kind() == PeriodKind::kWeek);
  require(Period::containing(period.kind(), period.first_day()) == period);
  require(Period::from_ordinal_checked(period.kind(), period.ordinal()) == period);
  if (std::optional<Period> shifted = period.shifted(count)) {
    require(shifted->is_supported());
    require(shifted->kind() == period.kind());
    require(int64_t{*shifted - period} == count);
    require(shifted->shifted(-count) == period);
    require(Period::parse(shifted->to_string()) == *shifted);
  } else {
    // Out of range: the count must indeed leave the supported ordinals.
    const int64_t ordinal = period.ordinal();
    require(count > Period::last_supported_ordinal(period.kind()) - ordinal ||
            count < Period::first_supported_ordinal(period.kind()) - ordinal);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t newline = input.find('\n');
  const std::string_view text = input.substr(0, newline);
  std::string_view rest = newline == std::string_view::npos ? std::string_view() : input.substr(newline + 1);
  const int64_t raw_first = read_int64(rest);
  const int64_t raw_second = read_int64(rest);
  const std::optional<Date> date = Date::parse(text);
  const std::optional<Period> period = Period::parse(text);
  // What parse() rejected for the range, it must not have accepted.
  require(!(date && Date::is_out_of_range_text(text)));
  require(!(period && Period::is_out_of_range_text(text)));
  for (int64_t count : {shaped(raw_first), raw_first, shaped(raw_second), std::numeric_limits<int64_t>::min()}) {
    if (date) check_date(*date, count, rest);
    if (period) check_period(*period, count);
  }
  // A period's edge dates through the date checks too.
  if (period) check_date(period->first_day(), shaped(raw_second), rest);
  return 0;
}

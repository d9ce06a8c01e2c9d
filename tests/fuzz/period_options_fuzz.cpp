// Fuzz target: the command-line period options (adapters/cli/period_selection.h).
// Input: lines "OPTION VALUE" (week, month, quarter, year, from, to, as-of,
// today, allow-future), as a user or a script might pass them. Whatever they
// hold, select_periods and the option parsers must not abort; an accepted
// selection holds at most kMaxPeriodsPerAudit supported periods, sorted and
// unique, and an as-of that is supported and, without --allow-future, not
// after today; a refusal names an option.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "adapters/cli/period_selection.h"

namespace {

void require(bool condition) {
  if (!condition) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  cadence::PeriodOptions options;
  std::size_t lines = 0;
  while (!input.empty() && lines++ < 16) {
    const std::size_t newline = input.find('\n');
    const std::string_view line = input.substr(0, newline);
    input = newline == std::string_view::npos ? std::string_view() : input.substr(newline + 1);
    const std::size_t space = line.find(' ');
    const std::string_view option = line.substr(0, space);
    const std::string value(space == std::string_view::npos ? std::string_view() : line.substr(space + 1));
    if (option == "week") options.weeks.push_back(value);
    if (option == "month") options.months.push_back(value);
    if (option == "quarter") options.quarters.push_back(value);
    if (option == "year") options.years.push_back(value);
    if (option == "from") options.from = value;
    if (option == "to") options.to = value;
    if (option == "as-of") options.as_of = value;
    if (option == "allow-future") options.allow_future = true;
    if (option == "today") {
      if (auto today = cadence::parse_date_option("today", value); today.is_ok()) options.today = *today;
    }
    // Each parser alone: a value, or a message naming the option.
    auto date = cadence::parse_date_option("--x", value);
    require(date.is_ok() ? date->is_supported() && date->to_string() == value
                         : date.status().message().starts_with("--x '"));
    auto period = cadence::parse_period_option("--x", value, std::nullopt);
    require(period.is_ok() ? period->is_supported() && period->to_string() == value
                           : period.status().message().starts_with("--x '"));
  }
  auto selection = cadence::select_periods(options);
  if (!selection.is_ok()) {
    require(!selection.status().message().empty());
    return 0;
  }
  require(!selection->periods.empty());
  require(selection->periods.size() <= cadence::kMaxPeriodsPerAudit);
  require(std::is_sorted(selection->periods.begin(), selection->periods.end()));
  require(std::adjacent_find(selection->periods.begin(), selection->periods.end()) == selection->periods.end());
  for (const auto& period : selection->periods) require(period.is_supported());
  if (selection->as_of) {
    require(selection->as_of->is_supported());
    if (options.today && !options.allow_future) require(*selection->as_of <= *options.today);
  }
  require(!selection->description.empty());
  return 0;
}

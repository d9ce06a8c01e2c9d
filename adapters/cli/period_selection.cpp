#include "adapters/cli/period_selection.h"

#include <algorithm>
#include <cstdlib>
#include <ctime>

#include "adapters/i18n/translate.h"

namespace cadence {
namespace {

std::string_view example_of(PeriodKind kind) {
  switch (kind) {
    case PeriodKind::kWeek: return "2023-W10";
    case PeriodKind::kMonth: return "2023-03";
    case PeriodKind::kQuarter: return "2023-Q1";
    case PeriodKind::kYear: return "2023";
  }
  return "2023";
}

std::string_view option_of(PeriodKind kind) {
  switch (kind) {
    case PeriodKind::kWeek: return "--week";
    case PeriodKind::kMonth: return "--month";
    case PeriodKind::kQuarter: return "--quarter";
    case PeriodKind::kYear: return "--year";
  }
  return "--year";
}

std::string kind_for_people(PeriodKind kind) {
  switch (kind) {
    case PeriodKind::kWeek: return tr("a week");
    case PeriodKind::kMonth: return tr("a month");
    case PeriodKind::kQuarter: return tr("a quarter");
    case PeriodKind::kYear: return tr("a year");
  }
  return tr("a year");
}

std::string quoted(std::string_view option, std::string_view text) {
  return std::string(option) + " '" + std::string(text) + "'";
}

Status out_of_range(std::string_view option, std::string_view text) {
  return Status::invalid_input(
      fill(tr("{1} is outside the supported dates {2}"), {quoted(option, text), kSupportedDates}));
}

// Every period of each kind lying wholly in [from, to]. Counted first, so that
// a range of centuries is refused before it is built.
Status add_range(std::vector<Period>& periods, Date from, Date to) {
  std::size_t count = 0;
  for (PeriodKind kind : {PeriodKind::kWeek, PeriodKind::kMonth, PeriodKind::kQuarter, PeriodKind::kYear}) {
    const Period first = Period::containing(kind, from);
    const Period last = Period::containing(kind, to);
    count += static_cast<std::size_t>(last - first + 1);
  }
  if (periods.size() + count > kMaxPeriodsPerAudit + 8) {  // + the part periods at the ends
    return Status::invalid_input(
        fill(tr("the range {1}..{2} holds about {3} periods; an audit evaluates at most {4} (audit a shorter range)"),
             {from.to_string(), to.to_string(), std::to_string(periods.size() + count),
              std::to_string(kMaxPeriodsPerAudit)}));
  }
  for (PeriodKind kind : {PeriodKind::kWeek, PeriodKind::kMonth, PeriodKind::kQuarter, PeriodKind::kYear}) {
    for (const Period& period : Period::covering(kind, from, to)) {
      if (from <= period.first_day() && period.last_day() <= to) periods.push_back(period);
    }
  }
  return Status::ok();
}

}  // namespace

Result<Date> parse_date_option(std::string_view option, std::string_view text) {
  if (auto date = Date::parse(text)) return *date;
  if (Date::is_out_of_range_text(text)) return out_of_range(option, text);
  return Status::invalid_input(fill(tr("{1} is not a date (YYYY-MM-DD, e.g. 2023-03-13)"), {quoted(option, text)}));
}

Result<Period> parse_period_option(std::string_view option, std::string_view text,
                                   std::optional<PeriodKind> kind) {
  auto period = Period::parse(text);
  if (period && (!kind || period->kind() == *kind)) return *period;
  if (Period::is_out_of_range_text(text)) return out_of_range(option, text);
  if (!kind) {
    return Status::invalid_input(
        fill(tr("{1} is not a period (e.g. 2023-W10, 2023-03, 2023-Q1, 2023)"), {quoted(option, text)}));
  }
  // A period of another kind (--week 2023-10 is a month): say which option
  // takes it.
  if (period) {
    return Status::invalid_input(fill(tr("{1} is {2}, not {3}: did you mean {4} {5}?"),
                                      {quoted(option, text), kind_for_people(period->kind()), kind_for_people(*kind),
                                       option_of(period->kind()), text}));
  }
  return Status::invalid_input(
      fill(tr("{1} is not {2} (e.g. {3})"), {quoted(option, text), kind_for_people(*kind), example_of(*kind)}));
}

Status check_not_future(std::string_view option, Date as_of, std::optional<Date> today, bool allow_future) {
  if (!today || allow_future || as_of <= *today) return Status::ok();
  return Status::invalid_input(
      fill(tr("{1} {2} is after today ({3}); if that is meant, add --allow-future (such a run never counts as grading)"),
           {option, as_of.to_string(), today->to_string()}));
}

Result<Date> today() {
  if (const char* injected = std::getenv("CADENCE_TODAY"); injected != nullptr && *injected != '\0') {
    auto date = parse_date_option("$CADENCE_TODAY", injected);
    if (!date.is_ok()) return date.status();
    return *date;
  }
  std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  if (!Date::valid_ymd(local.tm_year + 1900, local.tm_mon + 1, local.tm_mday)) {
    return Status::invalid_input(fill(tr("the system clock's date is outside the supported dates {1}"), {kSupportedDates}));
  }
  return Date::from_ymd(local.tm_year + 1900, local.tm_mon + 1, local.tm_mday);
}

std::string now_utc() {
  std::time_t now = std::time(nullptr);
  if (const char* injected = std::getenv("CADENCE_TODAY"); injected != nullptr && *injected != '\0') {
    if (auto date = Date::parse(injected)) {
      std::tm noon{};
      noon.tm_year = date->year() - 1900;
      noon.tm_mon = date->month() - 1;
      noon.tm_mday = date->day();
      noon.tm_hour = 12;
      noon.tm_isdst = -1;
      now = std::mktime(&noon);
    }
  }
  std::tm parts{};
  gmtime_r(&now, &parts);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return buffer;
}

std::optional<Date> local_date_of(std::string_view utc) {
  std::tm parts{};
  const std::string text(utc);
  const char* end = strptime(text.c_str(), "%Y-%m-%dT%H:%M:%SZ", &parts);
  if (end == nullptr || *end != '\0') return std::nullopt;
  const std::time_t moment = timegm(&parts);
  std::tm local{};
  if (localtime_r(&moment, &local) == nullptr) return std::nullopt;
  if (!Date::valid_ymd(local.tm_year + 1900, local.tm_mon + 1, local.tm_mday)) return std::nullopt;
  return Date::from_ymd(local.tm_year + 1900, local.tm_mon + 1, local.tm_mday);
}

Result<PeriodSelection> select_periods(const PeriodOptions& options) {
  PeriodSelection selection;
  if (!options.as_of.empty()) {
    auto date = parse_date_option("--as-of", options.as_of);
    if (!date.is_ok()) return date.status();
    Status future = check_not_future("--as-of", *date, options.today, options.allow_future);
    if (!future.is_ok()) return future;
    selection.as_of = *date;
  }
  std::vector<Period> explicit_periods;
  auto add_explicit = [&](const std::vector<std::string>& texts, PeriodKind kind, const char* option) -> Status {
    for (const auto& text : texts) {
      auto period = parse_period_option(option, text, kind);
      if (!period.is_ok()) return period.status();
      explicit_periods.push_back(*period);
    }
    return Status::ok();
  };
  for (Status status : {add_explicit(options.weeks, PeriodKind::kWeek, "--week"),
                        add_explicit(options.months, PeriodKind::kMonth, "--month"),
                        add_explicit(options.quarters, PeriodKind::kQuarter, "--quarter")}) {
    if (!status.is_ok()) return status;
  }
  // --year is a range: every period lying in the year.
  for (const auto& text : options.years) {
    auto period = parse_period_option("--year", text, PeriodKind::kYear);
    if (!period.is_ok()) return period.status();
    Status added = add_range(selection.periods, period->first_day(), period->last_day());
    if (!added.is_ok()) return added;
  }
  if (!options.from.empty() || !options.to.empty()) {
    if (options.from.empty() || options.to.empty()) {
      return Status::invalid_input(tr("--from and --to take dates (YYYY-MM-DD), both"));
    }
    auto from = parse_date_option("--from", options.from);
    if (!from.is_ok()) return from.status();
    auto to = parse_date_option("--to", options.to);
    if (!to.is_ok()) return to.status();
    if (*to < *from) return Status::invalid_input(tr("--to is before --from"));
    Status added = add_range(selection.periods, *from, *to);
    if (!added.is_ok()) return added;
  }
  selection.periods.insert(selection.periods.end(), explicit_periods.begin(), explicit_periods.end());

  bool week_alone = options.weeks.size() == 1 && options.months.empty() && options.quarters.empty() &&
                    options.years.empty() && options.from.empty() && options.to.empty();
  if (week_alone) {
    const Period& week = explicit_periods.front();
    if (!selection.as_of) {
      // The day after the week; the week before 2200-W01 ends on 2199-12-29.
      selection.as_of = week.last_day() + 1;
      Status future = check_not_future("--week " + week.to_string() + " is audited as of its next day,",
                                       *selection.as_of, options.today, options.allow_future);
      if (!future.is_ok()) return future;
    } else if (*selection.as_of - week.last_day() > kMaxWeeklyAsOfDays) {
      return Status::invalid_input(
          fill(tr("--as-of {1} is more than a year after --week {2} (which ends {3}): the weekly audit grades what is "
                  "due by its as-of date; check the year"),
               {selection.as_of->to_string(), week.to_string(), week.last_day().to_string()}));
    }
    selection.weekly_audit = week;
  }
  if (selection.periods.empty()) {
    return Status::invalid_input(tr("say which periods to audit: --week, --month, --quarter, --year or --from/--to"));
  }
  std::sort(selection.periods.begin(), selection.periods.end());
  selection.periods.erase(std::unique(selection.periods.begin(), selection.periods.end()), selection.periods.end());
  if (selection.periods.size() > kMaxPeriodsPerAudit) {
    return Status::invalid_input(
        fill(tr("the options ask for {1} periods; an audit evaluates at most {2} (audit a shorter range)"),
             {std::to_string(selection.periods.size()), std::to_string(kMaxPeriodsPerAudit)}));
  }
  selection.description = describe_periods(selection.periods);
  if (week_alone) selection.description += " (as of " + selection.as_of->to_string() + ")";
  return selection;
}

std::string describe_periods(const std::vector<Period>& periods) {
  std::string description;
  for (PeriodKind kind : {PeriodKind::kWeek, PeriodKind::kMonth, PeriodKind::kQuarter, PeriodKind::kYear}) {
    std::vector<Period> of_kind;
    for (const auto& period : periods) {
      if (period.kind() == kind) of_kind.push_back(period);
    }
    if (of_kind.empty()) continue;
    if (!description.empty()) description += "; ";
    if (of_kind.size() == 1) {
      description += of_kind.front().to_string();
    } else {
      description += std::to_string(of_kind.size()) + " " + std::string(to_string(kind)) + "s " +
                     of_kind.front().to_string() + ".." + of_kind.back().to_string();
    }
  }
  return description;
}

}  // namespace cadence

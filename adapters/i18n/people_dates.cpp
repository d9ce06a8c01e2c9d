#include "adapters/i18n/people_dates.h"

#include <array>

#include "adapters/i18n/translate.h"

namespace cadence {
namespace {

std::string chinese_date(Date date, bool with_year) {
  std::string out;
  if (with_year) out += std::to_string(date.year()) + "年";
  return out + std::to_string(date.month()) + "月" + std::to_string(date.day()) + "日";
}

std::string two_digits(int64_t value) { return (value < 10 ? "0" : "") + std::to_string(value); }

}  // namespace

std::string period_for_people(const Period& period) {
  if (current_language() == Language::kEnglish) return period.to_string();
  const std::string year = std::to_string(period.year()) + "年";
  switch (period.kind()) {
    case PeriodKind::kWeek: {
      const Date first = period.first_day();
      const Date last = period.last_day();
      return year + "第" + std::to_string(period.index()) + "周（" + chinese_date(first, first.year() != period.year()) +
             "—" + chinese_date(last, last.year() != period.year()) + "）";
    }
    case PeriodKind::kMonth: return year + std::to_string(period.index()) + "月";
    case PeriodKind::kQuarter: {
      static constexpr std::array<const char*, 4> kNumerals{"一", "二", "三", "四"};
      return year + "第" + kNumerals[static_cast<std::size_t>(period.index() - 1)] + "季度";
    }
    case PeriodKind::kYear: return year;
  }
  return period.to_string();
}

std::string date_for_people(Date date) {
  if (current_language() == Language::kEnglish) return date.to_string();
  return chinese_date(date, true);
}

std::string time_for_people(int64_t unix_seconds) {
  constexpr int64_t kChinaOffset = 8 * 3600;
  const int64_t local = unix_seconds + kChinaOffset;
  int64_t days = local / 86400;
  int64_t seconds = local % 86400;
  if (seconds < 0) {
    seconds += 86400;
    --days;
  }
  const Date date = Date::from_days(static_cast<int32_t>(days));
  const std::string clock = two_digits(seconds / 3600) + ":" + two_digits(seconds % 3600 / 60);
  if (current_language() == Language::kEnglish) return date.to_string() + " " + clock + " CST";
  return chinese_date(date, true) + " " + clock;
}

std::string stored_time_for_people(const std::string& utc_timestamp) {
  if (current_language() == Language::kEnglish) return utc_timestamp;
  // YYYY-MM-DDTHH:MM:SSZ, exactly.
  if (utc_timestamp.size() != 20 || utc_timestamp[10] != 'T' || utc_timestamp[13] != ':' || utc_timestamp[16] != ':' ||
      utc_timestamp[19] != 'Z') {
    return utc_timestamp;
  }
  std::optional<Date> date = Date::parse(std::string_view(utc_timestamp).substr(0, 10));
  int64_t clock = 0;
  for (std::size_t at : {std::size_t{11}, std::size_t{14}, std::size_t{17}}) {
    const char high = utc_timestamp[at];
    const char low = utc_timestamp[at + 1];
    if (high < '0' || high > '9' || low < '0' || low > '9') return utc_timestamp;
    clock = clock * 60 + (high - '0') * 10 + (low - '0');
  }
  if (!date) return utc_timestamp;
  return time_for_people(int64_t{date->days()} * 86400 + clock);
}

}  // namespace cadence

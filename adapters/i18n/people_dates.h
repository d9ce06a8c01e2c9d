// Periods, dates and times as people write them, in the current language
// (translate.h). Chinese:
//   2023-W10   → 2023年第10周（3月6日—3月12日）
//   2020-W53   → 2020年第53周（12月28日—2021年1月3日）   (a day outside the ISO year names its year)
//   2023-03    → 2023年3月
//   2023-Q1    → 2023年第一季度
//   2023       → 2023年
//   2023-04-05 → 2023年4月5日
// English keeps the ISO forms people type on the command line (2023-W10,
// 2023-03, 2023-Q1, 2023-04-05). Machine-readable outputs (the contract
// CSV, JSON) never use these.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "engine/calendar/date.h"
#include "engine/calendar/period.h"

namespace cadence {

std::string period_for_people(const Period& period);
std::string date_for_people(Date date);
// A UTC instant (seconds since 1970) as a date and time in China Standard
// Time (UTC+8, no daylight saving since 1991): "2023年4月5日 14:30";
// English "2023-04-05 14:30 CST".
std::string time_for_people(int64_t unix_seconds);
// A stored UTC timestamp "2026-12-07T22:40:22Z" as time_for_people writes
// it in Chinese; in English, or when it is not such a timestamp, as stored.
std::string stored_time_for_people(const std::string& utc_timestamp);

}  // namespace cadence

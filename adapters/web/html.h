// Building the server-rendered pages: escaping, the common layout (title,
// navigation, the logout form with its CSRF token), and the small pieces
// every page formats the same way (figures, periods, pagers). Every text
// that came from data or from the request goes through escape().
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace cadence::web {

struct PageContext;

// & < > " ' escaped: safe in element text and in quoted attribute values.
std::string escape(std::string_view text);

// The whole document: <head> with the stylesheet (and the chart script when
// `charts`), the navigation for the signed-in user, then `body`.
enum class Charts : unsigned char { kNo, kYes };
std::string layout(const PageContext& context, std::string_view title, std::string_view body, Charts charts = Charts::kNo);
// The layout for pages before login (no navigation).
std::string bare_layout(std::string_view title, std::string_view body);

// <input type=hidden name=csrf value=...>
std::string csrf_field(const PageContext& context);

// "12.5%" from per mille; "—" when there is nothing to divide.
std::string per_mille_percent(int64_t per_mille);
// A recorded value in micros as people read it: "0.583333" → "0.583333"
// trimmed of trailing zeros ("2", "0.5").
std::string micros_text(int64_t micros);
// "2023-W10" → "2023年第10周", "2023-03" → "2023年3月", "2023-Q1" → "2023年第1季度",
// "2023" → "2023年"; anything else as it is.
std::string period_label(std::string_view period);

// "上一页 第 2 / 7 页 下一页" with links keeping `base` ("/rule/B1?org=O1&" —
// must end in '?' or '&').
std::string pager(std::string_view base, int64_t page, int64_t pages);

// A chart placeholder read by charts.js; the page shows `fallback` (a table)
// with or without it.
std::string chart(std::string_view kind, std::string_view data_url, std::string_view label);

}  // namespace cadence::web

#include "adapters/web/html.h"

#include <charconv>

#include "adapters/web/page_context.h"
#include "adapters/web/request_target.h"

namespace cadence::web {
namespace {

// The layout's texts, in one place for the message catalog.
namespace text {
constexpr std::string_view kProduct = "cadence 团建督查";
constexpr std::string_view kOverview = "概览";
constexpr std::string_view kOrgs = "组织";
constexpr std::string_view kRules = "规则";
constexpr std::string_view kLedger = "软弱涣散与整改台账";
constexpr std::string_view kSearch = "搜索";
constexpr std::string_view kSearchPlaceholder = "按名称搜索组织";
constexpr std::string_view kLogout = "退出";
constexpr std::string_view kPrevious = "上一页";
constexpr std::string_view kNext = "下一页";
constexpr std::string_view kRoleViewer = "只读";
constexpr std::string_view kRoleEditor = "可编辑";
constexpr std::string_view kRoleAdmin = "管理员";
}  // namespace text

std::string_view role_label(Role role) {
  switch (role) {
    case Role::kViewer: return text::kRoleViewer;
    case Role::kEditor: return text::kRoleEditor;
    case Role::kAdmin: return text::kRoleAdmin;
  }
  return text::kRoleViewer;
}

std::string head(std::string_view title, Charts charts) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                    "<title>" + escape(title) + " · " + std::string(text::kProduct) + "</title>"
                    "<link rel=\"stylesheet\" href=\"/static/cadence.css\">";
  if (charts == Charts::kYes) {
    out += "<script src=\"/static/echarts.min.js\" defer></script><script src=\"/static/charts.js\" defer></script>";
  }
  return out + "</head><body>";
}

}  // namespace

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

std::string csrf_field(const PageContext& context) {
  return "<input type=\"hidden\" name=\"csrf\" value=\"" + escape(context.session.csrf_token) + "\">";
}

std::string layout(const PageContext& context, std::string_view title, std::string_view body, Charts charts) {
  const Workspace& w = context.workspace;
  std::string out = head(title, charts);
  out += "<header><nav><a class=\"brand\" href=\"/\">" + std::string(text::kProduct) + "</a> ";
  out += "<a href=\"/\">" + std::string(text::kOverview) + "</a> ";
  out += "<a href=\"/org/" + url_encode(w.tree().id(context.scope)) + "\">" + std::string(text::kOrgs) + "</a> ";
  out += "<a href=\"/rules\">" + std::string(text::kRules) + "</a> ";
  out += "<a href=\"/ledger\">" + std::string(text::kLedger) + "</a>";
  out += "<form class=\"search\" method=\"get\" action=\"/search\"><input type=\"search\" name=\"q\" placeholder=\"" +
         std::string(text::kSearchPlaceholder) + "\" aria-label=\"" + std::string(text::kSearch) + "\"><button>" +
         std::string(text::kSearch) + "</button></form>";
  out += "<span class=\"user\">" + escape(context.session.user.name) + " · " + escape(w.name(context.scope)) + " · " +
         std::string(role_label(context.session.user.role)) + "</span>";
  out += "<form class=\"logout\" method=\"post\" action=\"/logout\">" + csrf_field(context) + "<button>" +
         std::string(text::kLogout) + "</button></form></nav></header><main>";
  out += "<h1>" + escape(title) + "</h1>";
  out += body;
  return out + "</main></body></html>\n";
}

std::string bare_layout(std::string_view title, std::string_view body) {
  return head(title, Charts::kNo) + "<main class=\"narrow\"><h1>" + escape(title) + "</h1>" + std::string(body) +
         "</main></body></html>\n";
}

std::string per_mille_percent(int64_t per_mille) {
  return std::to_string(per_mille / 10) + "." + std::to_string(per_mille % 10) + "%";
}

std::string micros_text(int64_t micros) {
  const bool negative = micros < 0;
  const uint64_t units = negative ? 0 - static_cast<uint64_t>(micros) : static_cast<uint64_t>(micros);
  std::string out = std::to_string(units / 1000000);
  std::string fraction = std::to_string(units % 1000000);
  fraction = std::string(6 - fraction.size(), '0') + fraction;
  while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
  if (!fraction.empty()) out += "." + fraction;
  return (negative ? "-" : "") + out;
}

std::string period_label(std::string_view period) {
  auto number = [](std::string_view digits) {
    int value = 0;
    auto [end, code] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    return code == std::errc() && end == digits.data() + digits.size() ? value : -1;
  };
  if (period.size() < 4 || number(period.substr(0, 4)) < 0) return std::string(period);
  const std::string year = std::string(period.substr(0, 4)) + "年";
  if (period.size() == 4) return year;
  if (period.size() >= 7 && period.substr(4, 2) == "-W" && number(period.substr(6)) > 0) {
    return year + "第" + std::to_string(number(period.substr(6))) + "周";
  }
  if (period.size() >= 7 && period.substr(4, 2) == "-Q" && number(period.substr(6)) > 0) {
    return year + "第" + std::to_string(number(period.substr(6))) + "季度";
  }
  if (period.size() == 7 && period[4] == '-' && number(period.substr(5)) > 0) {
    return year + std::to_string(number(period.substr(5))) + "月";
  }
  return std::string(period);
}

std::string pager(std::string_view base, int64_t page, int64_t pages) {
  if (pages <= 1) return "";
  std::string out = "<nav class=\"pager\">";
  if (page > 1) out += "<a href=\"" + escape(base) + "page=" + std::to_string(page - 1) + "\">" + std::string(text::kPrevious) + "</a> ";
  out += "第 " + std::to_string(page) + " / " + std::to_string(pages) + " 页";
  if (page < pages) out += " <a href=\"" + escape(base) + "page=" + std::to_string(page + 1) + "\">" + std::string(text::kNext) + "</a>";
  return out + "</nav>";
}

std::string chart(std::string_view kind, std::string_view data_url, std::string_view label) {
  return "<div class=\"chart\" data-chart=\"" + escape(kind) + "\" data-src=\"" + escape(data_url) +
         "\" role=\"img\" aria-label=\"" + escape(label) + "\"></div>";
}

std::optional<std::string> not_found() { return std::nullopt; }

int64_t page_parameter(const Parameters& query, std::string_view name, int64_t fallback) {
  auto found = query.find(name);
  if (found == query.end()) return fallback;
  int64_t value = 0;
  const std::string& text = found->second;
  auto [end, code] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (code != std::errc() || end != text.data() + text.size() || value < 1 || value > 1000000) return fallback;
  return value;
}

}  // namespace cadence::web

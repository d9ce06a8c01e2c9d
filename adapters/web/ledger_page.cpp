// Weak branches and the rectification ledger (/ledger): the cases of the
// scope's branches, filtered by state (?status=open|plan_filed|rechecked|
// closed|overdue), paged; each links to its branch page, where editors file
// the next step.
#include "adapters/store/ledger.h"
#include <algorithm>

#include "adapters/web/html.h"
#include "adapters/web/pages.h"

namespace cadence::web {
namespace {

namespace text {
constexpr std::string_view kTitle = "软弱涣散与整改台账";
constexpr std::string_view kBranch = "支部";
constexpr std::string_view kCounty = "所属县区";
constexpr std::string_view kState = "状态";
constexpr std::string_view kFlaggedOn = "列入日期";
constexpr std::string_view kPlanDue = "整改方案截止";
constexpr std::string_view kReasons = "原因";
constexpr std::string_view kOverdue = "已逾期";
constexpr std::string_view kAll = "全部";
constexpr std::string_view kHandle = "处理";
constexpr std::string_view kNone = "范围内没有整改台账记录。";
constexpr std::string_view kUnavailable = "台账暂时无法读取。";
}  // namespace text

}  // namespace

std::optional<std::string> ledger_page(const PageContext& context) {
  const Workspace& w = context.workspace;
  auto found = context.query.find("status");
  const std::string filter = found == context.query.end() ? "" : found->second;
  std::string body = "<nav class=\"filter\"><a href=\"/ledger\">" + std::string(text::kAll) + "</a>";
  for (std::string_view state : {"open", "plan_filed", "rechecked", "closed"}) {
    body += " · <a href=\"/ledger?status=" + std::string(state) + "\">" + std::string(status_label(state)) + "</a>";
  }
  body += " · <a href=\"/ledger?status=overdue\">" + std::string(text::kOverdue) + "</a></nav>";
  auto ledger = Ledger::open(context.db_path, StoreAccess::kReadOnly);
  if (!ledger.is_ok()) return layout(context, text::kTitle, body + "<p>" + std::string(text::kUnavailable) + "</p>");
  auto cases = ledger->list(filter == "overdue" ? Ledger::Filter::kOverdue : Ledger::Filter::kAll, context.today);
  if (!cases.is_ok()) return layout(context, text::kTitle, body + "<p>" + std::string(text::kUnavailable) + "</p>");
  std::vector<std::pair<OrgIndex, const Rectification*>> shown;
  for (const Rectification& item : *cases) {
    auto org = context.org_in_scope(item.org_id);
    if (!org) continue;
    if (!filter.empty() && filter != "overdue" && to_string(item.status) != filter) continue;
    shown.emplace_back(*org, &item);
  }
  if (shown.empty()) return layout(context, text::kTitle, body + "<p>" + std::string(text::kNone) + "</p>");
  const auto size = static_cast<int64_t>(shown.size());
  const int64_t pages = (size + kPageSize - 1) / kPageSize;
  const int64_t page = std::clamp<int64_t>(page_parameter(context.query, "page"), 1, pages);
  body += "<table class=\"ledger\"><thead><tr><th>" + std::string(text::kBranch) + "</th><th>" +
          std::string(text::kCounty) + "</th><th>" + std::string(text::kState) + "</th><th>" +
          std::string(text::kFlaggedOn) + "</th><th>" + std::string(text::kPlanDue) + "</th><th>" +
          std::string(text::kReasons) + "</th><th></th></tr></thead><tbody>";
  for (int64_t i = (page - 1) * kPageSize; i < std::min(size, page * kPageSize); ++i) {
    const auto& [org, item] = shown[static_cast<std::size_t>(i)];
    const std::string link = "/branch/" + url_encode(item->org_id);
    body += "<tr><td><a href=\"" + link + "\">" + escape(w.name(org)) + "</a></td><td>" + escape(w.county(org)) +
            "</td><td>" + std::string(status_label(to_string(item->status))) +
            (item->overdue(context.today) ? "（" + std::string(text::kOverdue) + "）" : "") + "</td><td>" +
            item->flagged_on.to_string() + "</td><td>" + item->plan_due.to_string() + "</td><td>" +
            escape(short_reasons(item->reasons)) + "</td><td><a href=\"" + link + "#case\">" + std::string(text::kHandle) +
            "</a></td></tr>";
  }
  body += "</tbody></table>" + pager(filter.empty() ? "/ledger?" : "/ledger?status=" + filter + "&", page, pages);
  return layout(context, text::kTitle, body);
}

}  // namespace cadence::web

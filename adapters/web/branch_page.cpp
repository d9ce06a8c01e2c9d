// The branch page (/branch/ID): every rule's verdict over the run's periods
// (a grid, and a chart of the score by period), the open findings with a
// link to their explanation, and the rectification case with its history
// and, for editors, the next steps as forms.
#include <map>

#include "adapters/store/ledger.h"
#include "adapters/web/action_log.h"
#include "adapters/web/html.h"
#include "adapters/web/pages.h"

namespace cadence::web {
namespace {

namespace text {
constexpr std::string_view kGrid = "各规则各周期结论";
constexpr std::string_view kRule = "规则";
constexpr std::string_view kFail = "未达标";
constexpr std::string_view kWarn = "预警";
constexpr std::string_view kNoFinding = "—";
constexpr std::string_view kGridNote = "“—”表示本次检查未发现问题或不适用。";
constexpr std::string_view kFindings = "未解决的问题";
constexpr std::string_view kCase = "整改台账";
constexpr std::string_view kNoCase = "该支部未列入软弱涣散整改台账。";
constexpr std::string_view kState = "状态";
constexpr std::string_view kFlaggedOn = "列入日期";
constexpr std::string_view kReasons = "原因";
constexpr std::string_view kPlanDue = "整改方案截止";
constexpr std::string_view kOverdue = "（已逾期）";
constexpr std::string_view kStep = "步骤";
constexpr std::string_view kDate = "日期";
constexpr std::string_view kNote = "备注";
constexpr std::string_view kNextStep = "登记下一步";
constexpr std::string_view kViewerNote = "只读账号不能更改台账。";
constexpr std::string_view kChartLabel = "各周期扣分";
constexpr std::string_view kLedgerUnavailable = "台账暂时无法读取。";
constexpr std::string_view kWhoDid = "操作记录";
constexpr std::string_view kTime = "时间";
constexpr std::string_view kUser = "操作人";
constexpr std::string_view kAction = "操作";
}  // namespace text

// The steps the ledger allows from a state (ledger.h).
std::vector<std::string_view> next_steps(RectificationStatus status) {
  switch (status) {
    case RectificationStatus::kOpen: return {"plan"};
    case RectificationStatus::kPlanFiled: return {"recheck", "close", "reopen"};
    case RectificationStatus::kRechecked: return {"close", "reopen"};
    case RectificationStatus::kClosed: return {"reopen"};
  }
  return {};
}

std::string case_section(const PageContext& context, OrgIndex org) {
  const std::string org_id = context.workspace.tree().id(org);
  std::string out = "<section id=\"case\"><h2>" + std::string(text::kCase) + "</h2>";
  auto ledger = Ledger::open(context.db_path, StoreAccess::kReadOnly);
  if (!ledger.is_ok()) return out + "<p>" + std::string(text::kLedgerUnavailable) + "</p></section>";
  auto found = ledger->find(org_id);
  if (!found.is_ok()) return out + "<p>" + std::string(text::kLedgerUnavailable) + "</p></section>";
  if (!found->has_value()) return out + "<p>" + std::string(text::kNoCase) + "</p></section>";
  const Rectification& item = **found;
  out += "<dl class=\"case\"><dt>" + std::string(text::kState) + "</dt><dd class=\"state\">" +
         std::string(status_label(to_string(item.status))) + "</dd><dt>" + std::string(text::kFlaggedOn) +
         "</dt><dd>" + item.flagged_on.to_string() + "</dd><dt>" + std::string(text::kReasons) + "</dt><dd>" +
         escape(short_reasons(item.reasons)) + "</dd><dt>" + std::string(text::kPlanDue) + "</dt><dd>" + item.plan_due.to_string() +
         (item.overdue(context.today) ? std::string(text::kOverdue) : "") + "</dd></dl>";
  out += "<table class=\"history\"><thead><tr><th>" + std::string(text::kDate) + "</th><th>" +
         std::string(text::kStep) + "</th><th>" + std::string(text::kState) + "</th><th>" + std::string(text::kNote) +
         "</th></tr></thead><tbody>";
  for (const RectificationStep& step : item.history) {
    out += "<tr><td>" + step.on.to_string() + "</td><td>" + std::string(step_label(step.step)) + "</td><td>" +
           std::string(status_label(to_string(step.status))) + "</td><td>" + escape(short_reasons(step.note)) + "</td></tr>";
  }
  out += "</tbody></table>";
  // Who moved the case, and when: the audit log's entries for this org.
  auto actions = org_actions(context.db, org_id, 20);
  if (actions.is_ok() && !actions->empty()) {
    out += "<h3>" + std::string(text::kWhoDid) + "</h3><table class=\"actions\"><thead><tr><th>" +
           std::string(text::kTime) + "</th><th>" + std::string(text::kUser) + "</th><th>" + std::string(text::kAction) +
           "</th><th>" + std::string(text::kNote) + "</th></tr></thead><tbody>";
    for (const Action& action : *actions) {
      const std::string_view step = std::string_view(action.action).substr(action.action.rfind(' ') + 1);
      out += "<tr><td>" + escape(action.at) + "</td><td>" + escape(action.user_name) + "</td><td>" +
             std::string(step_label(step)) + "</td><td>" + escape(action.detail) + "</td></tr>";
    }
    out += "</tbody></table>";
  }
  if (!context.can_edit()) return out + "<p>" + std::string(text::kViewerNote) + "</p></section>";
  out += "<form class=\"step\" method=\"post\" action=\"/ledger/" + url_encode(org_id) + "\"><h3>" +
         std::string(text::kNextStep) + "</h3>" + csrf_field(context) + "<label>" + std::string(text::kNote) +
         " <textarea name=\"note\" rows=\"3\" maxlength=\"2000\"></textarea></label><div>";
  for (std::string_view step : next_steps(item.status)) {
    out += "<button name=\"step\" value=\"" + std::string(step) + "\">" + std::string(step_label(step)) + "</button> ";
  }
  return out + "</div></form></section>";
}

}  // namespace

std::optional<std::string> branch_page(const PageContext& context, std::string_view org_id) {
  auto org = context.org_in_scope(org_id);
  if (!org) return not_found();
  const Workspace& w = context.workspace;
  std::string body = org_breadcrumb(context, *org);
  auto own = w.own_findings(*org);
  if (w.run()) {
    const auto periods = run_period_names(*w.run());
    std::map<std::pair<std::string_view, std::string_view>, std::string_view> cells;
    for (uint32_t index : own) {
      const StoredFinding& finding = w.findings()[index];
      cells[{finding.rule, finding.period}] = finding.status;
    }
    body += "<section><h2>" + std::string(text::kGrid) + "</h2>";
    body += chart("bar", "/api/branch/" + url_encode(org_id), text::kChartLabel);
    body += "<table class=\"grid\"><thead><tr><th>" + std::string(text::kRule) + "</th>";
    for (const auto& period : periods) body += "<th>" + escape(period_label(period)) + "</th>";
    body += "</tr></thead><tbody>";
    for (const RuleSpec& rule : context.pack.rules) {
      body += "<tr><td><a href=\"/rule/" + url_encode(rule.id) + "\">" + escape(rule.id) + "</a> " + escape(rule.title) + "</td>";
      for (const auto& period : periods) {
        auto cell = cells.find({std::string_view(rule.id), std::string_view(period)});
        if (cell == cells.end()) {
          body += "<td>" + std::string(text::kNoFinding) + "</td>";
        } else {
          const bool failed = cell->second == "fail";
          body += "<td class=\"" + std::string(failed ? "fail" : "warn") + "\"><a href=\"/explain/" + url_encode(org_id) +
                  "/" + url_encode(rule.id) + "/" + url_encode(period) + "\">" +
                  std::string(failed ? text::kFail : text::kWarn) + "</a></td>";
        }
      }
      body += "</tr>";
    }
    body += "</tbody></table><p class=\"note\">" + std::string(text::kGridNote) + "</p></section>";
  }
  int64_t page = page_parameter(context.query, "page");
  int64_t pages = 1;
  body += "<section><h2>" + std::string(text::kFindings) + "</h2>" + findings_table(context, page_of(own, page, pages)) +
          pager("/branch/" + url_encode(org_id) + "?", page, pages) + "</section>";
  body += case_section(context, *org);
  return layout(context, w.name(*org), body, Charts::kYes);
}

}  // namespace cadence::web

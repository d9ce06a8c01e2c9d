// The overview (/): the latest recorded run for the user's scope — the
// committees under the scope ranked by their share of failing branches, and
// for each rule how many of the scope's orgs fail it (branches, or the
// committees for roll-up rules).
#include <algorithm>

#include "adapters/web/html.h"
#include "adapters/web/pages.h"

namespace cadence::web {
namespace {

namespace text {
constexpr std::string_view kTitle = "概览";
constexpr std::string_view kNoRun = "库中还没有已记录的检查。请先运行 cadence audit。";
constexpr std::string_view kRun = "最近一次检查";
constexpr std::string_view kPeriods = "检查周期";
constexpr std::string_view kRecordedAt = "记录时间";
constexpr std::string_view kScope = "范围";
constexpr std::string_view kChildren = "下级组织排名（按未达标支部占比）";
constexpr std::string_view kRules = "各规则未达标组织数";
constexpr std::string_view kFailingOrgs = "未达标组织";
constexpr std::string_view kRule = "规则";
constexpr std::string_view kTitleColumn = "名称";
constexpr std::string_view kFailing = "未达标支部";
constexpr std::string_view kChartLabel = "下级组织未达标支部占比";
constexpr std::string_view kTotals = "合计";
}  // namespace text

}  // namespace

std::optional<std::string> overview_page(const PageContext& context) {
  const Workspace& w = context.workspace;
  std::string body;
  if (!w.run()) {
    body = "<p>" + std::string(text::kNoRun) + "</p>";
    return layout(context, text::kTitle, body);
  }
  const AuditRun& run = *w.run();
  std::string periods;
  for (const auto& period : run_period_names(run)) periods += (periods.empty() ? "" : "、") + period_label(period);
  const OrgFigures total = w.figures(context.scope);
  body += "<section class=\"run\"><p>" + std::string(text::kRun) + " #" + std::to_string(run.id) + " · " +
          std::string(text::kPeriods) + "：" + escape(periods) + " · " + std::string(text::kRecordedAt) + "：" +
          escape(run.started_at) + "</p><p>" + std::string(text::kScope) + "：<a href=\"/org/" +
          url_encode(w.tree().id(context.scope)) + "\">" + escape(w.name(context.scope)) + "</a> · " +
          std::string(text::kTotals) + "：" + std::to_string(total.failing_branches) + " / " +
          std::to_string(total.branches) + " " + std::string(text::kFailing) + "（" +
          per_mille_percent(total.failing_per_mille()) + "）</p></section>";
  body += "<section><h2>" + std::string(text::kChildren) + "</h2>";
  body += chart("bar", "/api/overview", text::kChartLabel);
  body += figures_table(context, children_worst_first(w, context.scope)) + "</section>";

  std::vector<std::pair<int64_t, const RuleSpec*>> rules;
  for (const RuleSpec& rule : context.pack.rules) rules.emplace_back(w.failing_orgs(rule.id, context.scope), &rule);
  std::stable_sort(rules.begin(), rules.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  body += "<section><h2>" + std::string(text::kRules) + "</h2><table class=\"rules\"><thead><tr><th>" +
          std::string(text::kRule) + "</th><th>" + std::string(text::kTitleColumn) + "</th><th>" +
          std::string(text::kFailingOrgs) + "</th></tr></thead><tbody>";
  for (const auto& [count, rule] : rules) {
    body += "<tr><td><a href=\"/rule/" + url_encode(rule->id) + "\">" + escape(rule->id) + "</a></td><td>" +
            escape(rule->title) + "</td><td>" + std::to_string(count) + "</td></tr>";
  }
  body += "</tbody></table></section>";
  return layout(context, text::kTitle, body, Charts::kYes);
}

}  // namespace cadence::web

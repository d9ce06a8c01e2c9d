// The rules (/rules) and one rule (/rule/ID): its clause and expressions,
// how many of the scope's branches fail it, the distribution of its values
// (chart), and the findings of the scope, worst first, paged — optionally
// filtered by status (?status=fail|warn).
#include <algorithm>

#include "adapters/web/html.h"
#include "adapters/web/pages.h"

namespace cadence::web {
namespace {

namespace text {
constexpr std::string_view kRulesTitle = "规则";
constexpr std::string_view kRule = "规则";
constexpr std::string_view kName = "名称";
constexpr std::string_view kCadence = "周期";
constexpr std::string_view kWeight = "权重";
constexpr std::string_view kFailing = "未达标组织";
constexpr std::string_view kSource = "依据";
constexpr std::string_view kValue = "计算";
constexpr std::string_view kFailsWhen = "未达标条件";
constexpr std::string_view kFindings = "检查结果（扣分高者在前）";
constexpr std::string_view kAll = "全部";
constexpr std::string_view kFail = "未达标";
constexpr std::string_view kWarn = "预警";
constexpr std::string_view kChartLabel = "数值分布";
}  // namespace text

std::string_view cadence_label(PeriodKind kind) {
  switch (kind) {
    case PeriodKind::kWeek: return "每周";
    case PeriodKind::kMonth: return "每月";
    case PeriodKind::kQuarter: return "每季度";
    case PeriodKind::kYear: return "每年";
  }
  return "";
}

}  // namespace

// The scope's findings of one rule, in the workspace's order (org, score);
// `status` "" for both kinds.
std::vector<uint32_t> rule_findings(const PageContext& context, std::string_view rule, std::string_view status) {
  std::vector<uint32_t> out;
  const Workspace& w = context.workspace;
  for (uint32_t index : w.subtree_findings(context.scope)) {
    const StoredFinding& finding = w.findings()[index];
    if (finding.rule == rule && (status.empty() || finding.status == status)) out.push_back(index);
  }
  return out;
}

std::optional<std::string> rules_page(const PageContext& context) {
  std::string body = "<table class=\"rules\"><thead><tr><th>" + std::string(text::kRule) + "</th><th>" +
                     std::string(text::kName) + "</th><th>" + std::string(text::kCadence) + "</th><th>" +
                     std::string(text::kWeight) + "</th><th>" + std::string(text::kFailing) + "</th></tr></thead><tbody>";
  for (const RuleSpec& rule : context.pack.rules) {
    body += "<tr><td><a href=\"/rule/" + url_encode(rule.id) + "\">" + escape(rule.id) + "</a></td><td>" +
            escape(rule.title) + "</td><td>" + std::string(cadence_label(rule.cadence)) + "</td><td>" +
            escape(micros_text(static_cast<int64_t>(rule.weight * 1e6))) + "</td><td>" +
            std::to_string(context.workspace.failing_orgs(rule.id, context.scope)) + "</td></tr>";
  }
  return layout(context, text::kRulesTitle, body + "</tbody></table>");
}

std::optional<std::string> rule_page(const PageContext& context, std::string_view rule_id) {
  const RuleSpec* rule = find_rule(context.pack, rule_id);
  if (rule == nullptr) return not_found();
  auto found = context.query.find("status");
  std::string status = found == context.query.end() ? "" : found->second;
  if (status != "fail" && status != "warn") status.clear();
  const std::string id = url_encode(rule->id);
  std::string body = "<dl class=\"rule\"><dt>" + std::string(text::kSource) + "</dt><dd>" + escape(rule->source) +
                     "</dd><dt>" + std::string(text::kCadence) + "</dt><dd>" +
                     std::string(cadence_label(rule->cadence)) + "</dd><dt>" + std::string(text::kValue) +
                     "</dt><dd><code>" + escape(rule->value.text) + "</code></dd><dt>" +
                     std::string(text::kFailsWhen) + "</dt><dd><code>" + escape(rule->fail.text) + "</code></dd><dt>" +
                     std::string(text::kFailing) + "</dt><dd>" +
                     std::to_string(context.workspace.failing_orgs(rule->id, context.scope)) + "</dd></dl>";
  body += chart("histogram", "/api/rule/" + id, text::kChartLabel);
  body += "<section><h2>" + std::string(text::kFindings) + "</h2><nav class=\"filter\">";
  body += "<a href=\"/rule/" + id + "\">" + std::string(text::kAll) + "</a> · <a href=\"/rule/" + id +
          "?status=fail\">" + std::string(text::kFail) + "</a> · <a href=\"/rule/" + id + "?status=warn\">" +
          std::string(text::kWarn) + "</a></nav>";
  std::vector<uint32_t> all = rule_findings(context, rule->id, status);
  const auto& findings = context.workspace.findings();
  std::stable_sort(all.begin(), all.end(), [&](uint32_t a, uint32_t b) {
    return findings[a].score_micros > findings[b].score_micros;
  });
  int64_t page = page_parameter(context.query, "page");
  int64_t pages = 1;
  body += findings_table(context, page_of(all, page, pages));
  body += pager("/rule/" + id + "?" + (status.empty() ? "" : "status=" + status + "&"), page, pages) + "</section>";
  return layout(context, rule->id + " " + rule->title, body, Charts::kYes);
}

}  // namespace cadence::web

// Pieces several pages share: rule lookup, children ranked worst first, the
// figures table and the findings table.
#include <algorithm>

#include "adapters/web/html.h"
#include "adapters/web/pages.h"

namespace cadence::web {
namespace {

namespace text {
constexpr std::string_view kOrg = "组织";
constexpr std::string_view kCounty = "所属县区";
constexpr std::string_view kBranches = "支部数";
constexpr std::string_view kFailingBranches = "未达标支部";
constexpr std::string_view kShare = "未达标占比";
constexpr std::string_view kFails = "未达标项";
constexpr std::string_view kWarns = "预警项";
constexpr std::string_view kScore = "扣分合计";
constexpr std::string_view kRule = "规则";
constexpr std::string_view kPeriod = "周期";
constexpr std::string_view kStatus = "结论";
constexpr std::string_view kValue = "数值";
constexpr std::string_view kGap = "差距";
constexpr std::string_view kMessage = "说明";
constexpr std::string_view kExplain = "详解";
constexpr std::string_view kFail = "未达标";
constexpr std::string_view kWarn = "预警";
constexpr std::string_view kNone = "无";
}  // namespace text

}  // namespace

const RuleSpec* find_rule(const Pack& pack, std::string_view id) {
  for (const RuleSpec& rule : pack.rules) {
    if (rule.id == id) return &rule;
  }
  return nullptr;
}

std::vector<OrgIndex> children_worst_first(const Workspace& workspace, OrgIndex org) {
  std::vector<std::pair<OrgFigures, OrgIndex>> ranked;
  for (OrgIndex child : workspace.tree().children(org)) ranked.emplace_back(workspace.figures(child), child);
  std::sort(ranked.begin(), ranked.end(), [&](const auto& a, const auto& b) {
    const OrgFigures& x = a.first;
    const OrgFigures& y = b.first;
    if (x.failing_per_mille() != y.failing_per_mille()) return x.failing_per_mille() > y.failing_per_mille();
    if (x.score_micros != y.score_micros) return x.score_micros > y.score_micros;
    return workspace.tree().id(a.second) < workspace.tree().id(b.second);
  });
  std::vector<OrgIndex> out;
  out.reserve(ranked.size());
  for (const auto& [figures, child] : ranked) out.push_back(child);
  return out;
}

std::string figures_table(const PageContext& context, const std::vector<OrgIndex>& orgs) {
  if (orgs.empty()) return "<p>" + std::string(text::kNone) + "</p>";
  const Workspace& w = context.workspace;
  std::string out = "<table class=\"figures\"><thead><tr><th>" + std::string(text::kOrg) + "</th><th>" +
                    std::string(text::kCounty) + "</th><th>" + std::string(text::kBranches) + "</th><th>" +
                    std::string(text::kFailingBranches) + "</th><th>" + std::string(text::kShare) + "</th><th>" +
                    std::string(text::kFails) + "</th><th>" + std::string(text::kWarns) + "</th><th>" +
                    std::string(text::kScore) + "</th></tr></thead><tbody>";
  for (OrgIndex org : orgs) {
    const OrgFigures f = w.figures(org);
    const std::string target = (w.is_branch(org) ? "/branch/" : "/org/") + url_encode(w.tree().id(org));
    out += "<tr><td><a href=\"" + target + "\">" + escape(w.name(org)) + "</a></td><td>" + escape(w.county(org)) +
           "</td><td>" + std::to_string(f.branches) + "</td><td>" + std::to_string(f.failing_branches) + "</td><td>" +
           per_mille_percent(f.failing_per_mille()) + "</td><td>" + std::to_string(f.fails) + "</td><td>" +
           std::to_string(f.warns) + "</td><td>" + micros_text(f.score_micros) + "</td></tr>";
  }
  return out + "</tbody></table>";
}

std::string findings_table(const PageContext& context, const std::vector<uint32_t>& findings) {
  if (findings.empty()) return "<p>" + std::string(text::kNone) + "</p>";
  const Workspace& w = context.workspace;
  std::string out = "<table class=\"findings\"><thead><tr><th>" + std::string(text::kOrg) + "</th><th>" +
                    std::string(text::kRule) + "</th><th>" + std::string(text::kPeriod) + "</th><th>" +
                    std::string(text::kStatus) + "</th><th>" + std::string(text::kValue) + "</th><th>" +
                    std::string(text::kGap) + "</th><th>" + std::string(text::kScore) + "</th><th>" +
                    std::string(text::kMessage) + "</th><th></th></tr></thead><tbody>";
  for (uint32_t index : findings) {
    const StoredFinding& finding = w.findings()[index];
    const OrgIndex org = w.finding_org(index);
    const std::string org_id = url_encode(w.tree().id(org));
    std::string value = micros_text(finding.value_micros);
    if (finding.numerator && finding.denominator) {
      value += " (" + std::to_string(*finding.numerator) + "/" + std::to_string(*finding.denominator) + ")";
    }
    out += "<tr class=\"" + escape(finding.status) + "\"><td><a href=\"" +
           std::string(w.is_branch(org) ? "/branch/" : "/org/") + org_id + "\">" + escape(w.name(org)) +
           "</a></td><td><a href=\"/rule/" + url_encode(finding.rule) + "\">" + escape(finding.rule) + "</a></td><td>" +
           escape(period_label(finding.period)) + "</td><td>" +
           std::string(finding.status == "fail" ? text::kFail : text::kWarn) + "</td><td>" + escape(value) +
           "</td><td>" + escape(finding.gap) + "</td><td>" + micros_text(finding.score_micros) + "</td><td>" +
           escape(finding.message) + "</td><td><a href=\"/explain/" + org_id + "/" + url_encode(finding.rule) + "/" +
           url_encode(finding.period) + "\">" + std::string(text::kExplain) + "</a></td></tr>";
  }
  return out + "</tbody></table>";
}

std::vector<uint32_t> page_of(std::span<const uint32_t> all, int64_t& page, int64_t& pages) {
  const auto size = static_cast<int64_t>(all.size());
  pages = std::max<int64_t>(1, (size + kPageSize - 1) / kPageSize);
  page = std::clamp<int64_t>(page, 1, pages);
  const int64_t begin = std::min(size, (page - 1) * kPageSize);
  const int64_t end = std::min(size, page * kPageSize);
  return std::vector<uint32_t>(all.begin() + begin, all.begin() + end);
}

std::string short_reasons(const std::string& reasons) {
  constexpr std::size_t kShown = 3;
  std::vector<std::size_t> separators;
  for (std::size_t at = reasons.find("; "); at != std::string::npos; at = reasons.find("; ", at + 2)) {
    separators.push_back(at);
  }
  if (separators.size() < kShown) return reasons;
  return reasons.substr(0, separators[kShown - 1]) + " 等共 " + std::to_string(separators.size() + 1) + " 项";
}

std::string_view status_label(std::string_view status) {
  if (status == "open") return "待整改";
  if (status == "plan_filed") return "已报整改方案";
  if (status == "rechecked") return "已复查";
  if (status == "closed") return "已销号";
  return status;
}

std::string_view step_label(std::string_view step) {
  if (step == "flagged") return "列为软弱涣散";
  if (step == "plan") return "报送整改方案";
  if (step == "recheck") return "复查";
  if (step == "close") return "整改销号";
  if (step == "reopen") return "重新整改";
  if (step == "reflagged") return "再次列入";
  return step;
}

}  // namespace cadence::web

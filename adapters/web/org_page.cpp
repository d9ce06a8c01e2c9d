// The org drill-down (/org/ID): an org's pooled figures, its children worst
// first, its worst branches, and its own findings (paged); and the name
// search (/search?q=), each hit with its county since names repeat.
#include <algorithm>

#include "adapters/web/html.h"
#include "adapters/web/pages.h"

namespace cadence::web {
namespace {

namespace text {
constexpr std::string_view kChildren = "下级组织（最差在前）";
constexpr std::string_view kWorstBranches = "问题最多的支部";
constexpr std::string_view kOwnFindings = "本级检查结果";
constexpr std::string_view kFigures = "汇总";
constexpr std::string_view kBranches = "支部";
constexpr std::string_view kFailing = "未达标";
constexpr std::string_view kFails = "未达标项";
constexpr std::string_view kWarns = "预警项";
constexpr std::string_view kSearchTitle = "搜索组织";
constexpr std::string_view kNoHits = "没有找到名称包含该文字的组织。";
constexpr std::string_view kAskText = "请输入组织名称中的文字。";
constexpr std::string_view kKind = "类型";
constexpr std::string_view kChartLabel = "下级组织未达标支部占比";
constexpr std::size_t kWorstShown = 10;
constexpr std::size_t kSearchLimit = 50;
}  // namespace text

// Ancestors from the scope down to the org, linked: never above the scope.
std::string breadcrumb(const PageContext& context, OrgIndex org) {
  const Workspace& w = context.workspace;
  std::vector<OrgIndex> chain;
  // Callers pass orgs of the scope's subtree; the root check only keeps a
  // broken caller from walking off the tree.
  for (OrgIndex at = org; at != context.scope && at != kNoOrg; at = w.tree().parent(at)) chain.push_back(at);
  if (chain.empty() || chain.back() != context.scope) chain.push_back(context.scope);
  std::reverse(chain.begin(), chain.end());
  std::string out = "<nav class=\"breadcrumb\">";
  for (std::size_t i = 0; i < chain.size(); ++i) {
    if (i > 0) out += " › ";
    out += "<a href=\"/org/" + url_encode(w.tree().id(chain[i])) + "\">" + escape(w.name(chain[i])) + "</a>";
  }
  return out + "</nav>";
}

}  // namespace

std::string org_breadcrumb(const PageContext& context, OrgIndex org) { return breadcrumb(context, org); }

std::optional<std::string> org_page(const PageContext& context, std::string_view org_id) {
  auto org = context.org_in_scope(org_id);
  if (!org) return not_found();
  const Workspace& w = context.workspace;
  const OrgFigures f = w.figures(*org);
  std::string body = breadcrumb(context, *org);
  body += "<p class=\"figures\">" + std::string(text::kFigures) + "：" + std::string(text::kBranches) + " " +
          std::to_string(f.branches) + " · " + std::string(text::kFailing) + " " + std::to_string(f.failing_branches) +
          "（" + per_mille_percent(f.failing_per_mille()) + "）· " + std::string(text::kFails) + " " +
          std::to_string(f.fails) + " · " + std::string(text::kWarns) + " " + std::to_string(f.warns) + "</p>";
  const std::string id = url_encode(w.tree().id(*org));
  if (!w.tree().children(*org).empty()) {
    body += "<section><h2>" + std::string(text::kChildren) + "</h2>";
    body += chart("bar", "/api/org/" + id, text::kChartLabel);
    body += figures_table(context, children_worst_first(w, *org)) + "</section>";
    // The branches of the subtree with the highest total score.
    std::vector<std::pair<int64_t, OrgIndex>> branches;
    for (OrgIndex at = *org; at < w.tree().subtree_end(*org); ++at) {
      if (!w.is_branch(at)) continue;
      const OrgFigures figures = w.figures(at);
      if (figures.fails + figures.warns > 0) branches.emplace_back(figures.score_micros, at);
    }
    std::sort(branches.begin(), branches.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    if (branches.size() > text::kWorstShown) branches.resize(text::kWorstShown);
    std::vector<OrgIndex> worst;
    for (const auto& [score, at] : branches) worst.push_back(at);
    body += "<section><h2>" + std::string(text::kWorstBranches) + "</h2>" + figures_table(context, worst) + "</section>";
  }
  int64_t page = page_parameter(context.query, "page");
  int64_t pages = 1;
  const std::vector<uint32_t> shown = page_of(w.own_findings(*org), page, pages);
  body += "<section><h2>" + std::string(text::kOwnFindings) + "</h2>" + findings_table(context, shown) +
          pager("/org/" + id + "?", page, pages) + "</section>";
  return layout(context, w.name(*org), body, Charts::kYes);
}

std::optional<std::string> search_page(const PageContext& context) {
  const Workspace& w = context.workspace;
  auto found = context.query.find("q");
  const std::string query = found == context.query.end() ? "" : found->second;
  std::string body = "<form method=\"get\" action=\"/search\"><input type=\"search\" name=\"q\" value=\"" +
                     escape(query) + "\"><button>搜索</button></form>";
  if (query.empty()) return layout(context, text::kSearchTitle, body + "<p>" + std::string(text::kAskText) + "</p>");
  auto hits = w.search(query, context.scope, text::kSearchLimit);
  if (hits.empty()) return layout(context, text::kSearchTitle, body + "<p>" + std::string(text::kNoHits) + "</p>");
  body += "<table class=\"search\"><thead><tr><th>组织</th><th>所属县区</th><th>" + std::string(text::kKind) +
          "</th></tr></thead><tbody>";
  for (OrgIndex hit : hits) {
    body += "<tr><td><a href=\"" + std::string(w.is_branch(hit) ? "/branch/" : "/org/") + url_encode(w.tree().id(hit)) +
            "\">" + escape(w.name(hit)) + "</a></td><td>" + escape(w.county(hit)) + "</td><td>" + escape(w.kind(hit)) +
            "</td></tr>";
  }
  body += "</tbody></table>";
  return layout(context, text::kSearchTitle, body);
}

}  // namespace cadence::web

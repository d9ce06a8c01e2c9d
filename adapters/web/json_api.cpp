// The JSON endpoints (/api/...) the charts read. The same scope rule as the
// pages: an org outside the user's subtree is not found. Only what a chart
// draws is sent — at most one entry per child, per period or per bucket.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>

#include "adapters/web/html.h"
#include "adapters/web/pages.h"

namespace cadence::web {
namespace {

using nlohmann::json;

json children_json(const Workspace& w, OrgIndex org) {
  json children = json::array();
  for (OrgIndex child : children_worst_first(w, org)) {
    const OrgFigures f = w.figures(child);
    children.push_back({{"id", w.tree().id(child)},
                        {"name", w.name(child)},
                        {"branches", f.branches},
                        {"failing_branches", f.failing_branches},
                        {"failing_share", static_cast<double>(f.failing_per_mille()) / 10.0},
                        {"fails", f.fails},
                        {"warns", f.warns}});
  }
  return children;
}

}  // namespace

std::optional<std::string> overview_json(const PageContext& context) {
  const Workspace& w = context.workspace;
  json out;
  out["run"] = w.run() ? json(w.run()->id) : json(nullptr);
  out["scope"] = w.tree().id(context.scope);
  out["title"] = "下级组织未达标支部占比（%）";
  out["children"] = children_json(w, context.scope);
  json rules = json::array();
  for (const RuleSpec& rule : context.pack.rules) {
    rules.push_back({{"id", rule.id}, {"title", rule.title}, {"failing_orgs", w.failing_orgs(rule.id, context.scope)}});
  }
  out["rules"] = std::move(rules);
  return out.dump();
}

std::optional<std::string> org_json(const PageContext& context, std::string_view org_id) {
  auto org = context.org_in_scope(org_id);
  if (!org) return not_found();
  const Workspace& w = context.workspace;
  const OrgFigures f = w.figures(*org);
  json out{{"id", w.tree().id(*org)},
           {"name", w.name(*org)},
           {"title", "下级组织未达标支部占比（%）"},
           {"branches", f.branches},
           {"failing_branches", f.failing_branches},
           {"children", children_json(w, *org)}};
  return out.dump();
}

std::optional<std::string> branch_json(const PageContext& context, std::string_view org_id) {
  auto org = context.org_in_scope(org_id);
  if (!org) return not_found();
  const Workspace& w = context.workspace;
  json out{{"id", w.tree().id(*org)}, {"name", w.name(*org)}, {"title", "各周期扣分"}};
  // The run's periods in the run's order, each with the branch's total score.
  std::vector<std::string> names;
  if (w.run()) names = run_period_names(*w.run());
  std::map<std::string, int64_t> score_by_period;
  json findings = json::array();
  for (uint32_t index : w.own_findings(*org)) {
    const StoredFinding& finding = w.findings()[index];
    score_by_period[finding.period] += finding.score_micros;
    findings.push_back({{"rule", finding.rule},
                        {"period", finding.period},
                        {"status", finding.status},
                        {"value", micros_text(finding.value_micros)},
                        {"score", micros_text(finding.score_micros)}});
  }
  json periods = json::array();
  for (const auto& period : names) {
    periods.push_back(
        {{"period", period}, {"label", period_label(period)}, {"score", static_cast<double>(score_by_period[period]) / 1e6}});
  }
  out["periods"] = std::move(periods);
  out["findings"] = std::move(findings);
  return out.dump();
}

std::optional<std::string> rule_json(const PageContext& context, std::string_view rule_id) {
  const RuleSpec* rule = find_rule(context.pack, rule_id);
  if (rule == nullptr) return not_found();
  const auto& findings = context.workspace.findings();
  // Ten equal buckets between the smallest and the largest recorded value.
  std::vector<uint32_t> all = rule_findings(context, rule->id, "");
  json out{{"rule", rule->id}, {"title", "数值分布（条）"}, {"count", all.size()}};
  json buckets = json::array();
  if (!all.empty()) {
    int64_t low = findings[all.front()].value_micros;
    int64_t high = low;
    for (uint32_t index : all) {
      low = std::min(low, findings[index].value_micros);
      high = std::max(high, findings[index].value_micros);
    }
    constexpr int kBuckets = 10;
    const double width = std::max(1.0, static_cast<double>(high - low) / kBuckets);
    std::vector<int64_t> counts(kBuckets, 0);
    for (uint32_t index : all) {
      auto at = static_cast<int>(static_cast<double>(findings[index].value_micros - low) / width);
      ++counts[static_cast<std::size_t>(std::clamp(at, 0, kBuckets - 1))];
    }
    for (int i = 0; i < kBuckets; ++i) {
      const double from = (static_cast<double>(low) + width * i) / 1e6;
      buckets.push_back({{"from", from}, {"count", counts[static_cast<std::size_t>(i)]}});
    }
  }
  out["buckets"] = std::move(buckets);
  return out.dump();
}

}  // namespace cadence::web

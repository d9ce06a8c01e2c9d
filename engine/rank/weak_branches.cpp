#include "engine/rank/weak_branches.h"

#include <algorithm>
#include <charconv>
#include <regex>

#include "engine/eval/requirement.h"
#include "engine/rank/bulletin.h"

namespace cadence {
namespace {

// The first day of the month `months` before the month containing `date`;
// nullopt before the supported dates (engine/calendar/date.h).
std::optional<Date> months_back(Date date, int months) {
  std::optional<Period> month = Period::containing(PeriodKind::kMonth, date).shifted(-months);
  if (!month) return std::nullopt;
  return month->first_day();
}

std::string scope_kind(const ExprText& scope) {
  static const std::regex kSimple(R"(^\s*org\.kind\s*==\s*["']([a-z_]+)["']\s*$)");
  std::smatch match;
  if (scope.present() && std::regex_match(scope.text, match, kSimple)) return match[1].str();
  return "branch";
}

std::string org_kind(const Dataset& dataset, OrgIndex org) {
  const RecordSet& orgs = dataset.orgs();
  int column = orgs.schema().column_index("kind");
  if (column < 0) return "";
  const Column& kinds = orgs.column(static_cast<std::size_t>(column));
  auto row = static_cast<std::size_t>(org);
  return kinds.is_null(row) ? "" : kinds.text(row);
}

}  // namespace

Result<WeakWindow> weak_window(std::string_view window, Date as_of) {
  int count = 0;
  const char* begin = window.data();
  const char* end = window.data() + window.size();
  auto [rest, error] = std::from_chars(begin, end, count);
  if (error != std::errc() || rest + 1 != end || count <= 0 || count > 1200) {
    return Status::invalid_input("window '" + std::string(window) + "' is not a count and a unit (3m, 12w, 90d, 1y)");
  }
  WeakWindow result;
  result.end = as_of;
  std::optional<Date> start;
  switch (*rest) {
    case 'd': start = as_of.plus_days(-(count - 1)); break;
    case 'w': start = as_of.plus_days(-(int64_t{7} * count - 1)); break;
    case 'm': start = months_back(as_of + 1, count); break;
    case 'q': start = months_back(as_of + 1, 3 * count); break;
    case 'y': start = months_back(as_of + 1, 12 * count); break;
    default:
      return Status::invalid_input("window '" + std::string(window) + "': unit must be d, w, m, q or y");
  }
  if (!start) {
    return Status::invalid_input("window '" + std::string(window) + "' before " + as_of.to_string() +
                                 " starts before the supported dates " + std::string(kSupportedDates));
  }
  result.start = *start;
  for (PeriodKind kind : {PeriodKind::kWeek, PeriodKind::kMonth, PeriodKind::kQuarter, PeriodKind::kYear}) {
    for (const Period& period : Period::covering(kind, result.start, result.end)) {
      if (result.start <= period.first_day() && period.last_day() <= result.end) result.periods.push_back(period);
    }
  }
  std::sort(result.periods.begin(), result.periods.end());
  return result;
}

Result<WeakClassification> classify_weak_branches(const Plan& plan, const Dataset& dataset,
                                                  const Calendars& calendars, Date as_of,
                                                  std::string_view window_override) {
  const WeakPolicy& policy = plan.pack->weak;
  if (!policy.present) return Status::invalid_input("the pack has no weak_branches policy");
  auto window = weak_window(window_override.empty() ? std::string_view(policy.window) : window_override, as_of);
  if (!window.is_ok()) return window.status();

  WeakClassification result;
  result.window = *window;
  EvaluationRequest request;
  request.periods = result.window.periods;
  request.as_of = as_of;
  // The window ends on as_of, which counts whole: a period ending that day
  // is graded (a deadline after it is not).
  request.graded_on = as_of.plus_days(1);
  request.threads = 2;
  Outcome outcome = evaluate(plan, dataset, calendars, request);

  const OrgTree& tree = dataset.tree();
  const std::string kind = scope_kind(policy.scope);
  std::vector<int> veto_rules;
  for (const std::string& id : policy.veto_rules) {
    int index = plan.find_rule(id);
    if (index >= 0) veto_rules.push_back(index);
  }
  const Rational threshold = from_double(policy.score_threshold);
  const int64_t threshold_micros = to_micros(threshold);

  std::vector<WeakBranch> candidates(static_cast<std::size_t>(tree.size()));
  for (const Finding& finding : outcome.findings) {
    if (org_kind(dataset, finding.org) != kind) continue;
    WeakBranch& branch = candidates[static_cast<std::size_t>(finding.org)];
    const CompiledRule& rule = plan.rules[static_cast<std::size_t>(finding.rule)];
    WeakReason reason;
    reason.finding = finding;
    reason.veto = finding.status == Verdict::kFail &&
                  std::find(veto_rules.begin(), veto_rules.end(), finding.rule) != veto_rules.end();
    reason.rule_id = rule.spec->id;
    reason.rule_title = rule.spec->title.empty() ? rule.spec->id : rule.spec->title;
    const Requirement requirement = requirement_of(rule, finding);
    if (requirement.has_gap) {
      reason.gap = format_count(requirement.gap);
      reason.gap_unit = rule.spec->unit;
    }
    branch.vetoed = branch.vetoed || reason.veto;
    branch.total_micros = add_micros(branch.total_micros, finding.score_micros);
    branch.reasons.push_back(std::move(reason));
  }
  for (OrgIndex org = 0; org < tree.size(); ++org) {
    WeakBranch& branch = candidates[static_cast<std::size_t>(org)];
    if (branch.reasons.empty()) continue;
    if (!branch.vetoed && (threshold_micros <= 0 || branch.total_micros < threshold_micros)) continue;
    branch.org = org;
    branch.org_id = tree.id(org);
    branch.org_name = org_display_name(dataset, org);
    std::sort(branch.reasons.begin(), branch.reasons.end(), [](const WeakReason& a, const WeakReason& b) {
      if (a.veto != b.veto) return a.veto;
      if (a.finding.score_micros != b.finding.score_micros) return a.finding.score_micros > b.finding.score_micros;
      if (a.rule_id != b.rule_id) return a.rule_id < b.rule_id;
      return a.finding.period.to_string() < b.finding.period.to_string();
    });
    result.weak.push_back(std::move(branch));
  }
  std::sort(result.weak.begin(), result.weak.end(), [](const WeakBranch& a, const WeakBranch& b) {
    if (a.vetoed != b.vetoed) return a.vetoed;
    if (a.total_micros != b.total_micros) return a.total_micros > b.total_micros;
    return a.org_id < b.org_id;
  });
  return result;
}

}  // namespace cadence

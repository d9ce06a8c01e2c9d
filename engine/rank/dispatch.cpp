#include "engine/rank/dispatch.h"

#include <algorithm>

#include "engine/eval/evidence.h"
#include "engine/eval/rational.h"
#include "engine/rank/bulletin.h"

namespace cadence {
namespace {

std::string org_kind(const Dataset& dataset, OrgIndex org) {
  const RecordSet& orgs = dataset.orgs();
  const int column = orgs.schema().column_index("kind");
  if (column < 0) return "";
  const Column& values = orgs.column(static_cast<std::size_t>(column));
  const auto row = static_cast<std::size_t>(org);
  return row >= orgs.rows() || values.is_null(row) ? "" : values.text(row);
}

bool is_episode(const CompiledRule& rule, const Calendars& calendars, const Period& week) {
  return rule.event_calendar < 0 || calendars.events.at(static_cast<std::size_t>(rule.event_calendar)).contains(week);
}

// The episode week before `week`: vacation weeks are skipped, never counted
// as 0 % (DOMAIN.md §1). At most a year back.
std::optional<Period> previous_episode(const CompiledRule& rule, const Calendars& calendars, const Period& week) {
  for (int back = 1; back <= 53; ++back) {
    auto candidate = week.shifted(-back);
    if (!candidate) return std::nullopt;
    if (is_episode(rule, calendars, *candidate)) return candidate;
  }
  return std::nullopt;
}

bool is_zero(const Rational& value) { return value.numerator == 0; }

}  // namespace

Result<Dispatch> build_dispatch(const Plan& plan, const Dataset& dataset, const Calendars& calendars,
                                const DispatchRequest& request) {
  CADENCE_ASSERT(request.rate_rule >= 0 && request.scope != kNoOrg);
  const CompiledRule& rule = plan.rules[static_cast<std::size_t>(request.rate_rule)];
  if (!rule.value_is_ratio || rule.spec->cadence != PeriodKind::kWeek) {
    return Status::invalid_input("the dispatch's rate rule " + rule.spec->id + " must be a weekly ratio(n, d)");
  }
  if (!is_episode(rule, calendars, request.week)) {
    return Status::invalid_input(request.week.to_string() + " is not an episode week of " + rule.spec->id +
                                 " (a vacation week): there is nothing to dispatch");
  }
  const OrgTree& tree = dataset.tree();
  std::vector<OrgIndex> units;
  for (OrgIndex org = request.scope; org < tree.subtree_end(request.scope); ++org) {
    if (org_kind(dataset, org) != request.unit_kind) continue;
    if (request.unit_depth && tree.depth(org) != *request.unit_depth) continue;
    units.push_back(org);
  }
  if (units.empty()) {
    return Status::invalid_input("no org of kind '" + request.unit_kind + "' under " + tree.id(request.scope));
  }
  Dispatch dispatch;
  dispatch.week = request.week;
  dispatch.previous_week = previous_episode(rule, calendars, request.week);
  dispatch.scope = request.scope;
  dispatch.scope_name = org_display_name(dataset, request.scope);
  if (dispatch.scope_name.empty()) dispatch.scope_name = tree.id(request.scope);
  dispatch.rate_rule_title = rule.spec->title;
  dispatch.floor = request.floor;

  const auto now = evaluate_ratio(plan, dataset, calendars, request.rate_rule, units, request.week);
  std::vector<RatioValue> before;
  if (dispatch.previous_week) {
    before = evaluate_ratio(plan, dataset, calendars, request.rate_rule, units, *dispatch.previous_week);
  }
  // The streak rule's own value for each unit in the week.
  std::vector<Rational> streaks(units.size());
  if (request.streak_rule >= 0) {
    EvaluationRequest evaluation;
    evaluation.periods = {request.week};
    evaluation.rules = {request.streak_rule};
    evaluation.under = request.scope;
    evaluation.keep_values = true;
    evaluation.detail = EvaluationRequest::Detail::kScores;
    const Outcome outcome = evaluate(plan, dataset, calendars, evaluation);
    const RuleOutcome& streak = outcome.rules.at(static_cast<std::size_t>(request.streak_rule));
    auto period = std::find(streak.periods.begin(), streak.periods.end(), request.week);
    if (period != streak.periods.end() && !streak.values.empty()) {
      const auto& values = streak.values[static_cast<std::size_t>(period - streak.periods.begin())];
      for (std::size_t i = 0; i < units.size(); ++i) {
        const auto org = static_cast<std::size_t>(units[i]);
        if (org < values.size()) streaks[i] = values[org];
      }
    }
  }
  bool previous_any = false;
  for (std::size_t i = 0; i < units.size(); ++i) {
    DispatchRow row;
    row.unit = units[i];
    row.unit_id = tree.id(units[i]);
    row.unit_name = org_display_name(dataset, units[i]);
    if (units[i] != tree.root()) row.parent_name = org_display_name(dataset, tree.parent(units[i]));
    if (now[i].present) {
      row.members = now[i].denominator;
      row.learners = now[i].numerator;
      row.has_rate = !is_zero(now[i].denominator);
    }
    if (row.has_rate) {
      row.rate = divide(row.learners, row.members);
      dispatch.members = add(dispatch.members, row.members);
      dispatch.learners = add(dispatch.learners, row.learners);
      if (request.floor) {
        // The floor as the pack writes it (60 % = 600/1000), compared exactly.
        const Rational floor{static_cast<int64_t>(*request.floor * 1000 + 0.5), 1000};
        row.below_floor = compare(row.rate, floor) < 0;
      }
    }
    if (i < before.size() && before[i].present && !is_zero(before[i].denominator)) {
      previous_any = true;
      dispatch.previous_members = add(dispatch.previous_members, before[i].denominator);
      dispatch.previous_learners = add(dispatch.previous_learners, before[i].numerator);
      if (row.has_rate) {
        row.has_change = true;
        row.change_points =
            multiply(subtract(row.rate, divide(before[i].numerator, before[i].denominator)), Rational{100, 1});
      }
    }
    const Rational& streak = streaks[i];
    row.streak = streak.denominator == 0 ? 0 : static_cast<int>(streak.numerator / streak.denominator);
    dispatch.rows.push_back(std::move(row));
  }
  dispatch.has_previous_total = previous_any && !is_zero(dispatch.previous_members);
  std::sort(dispatch.rows.begin(), dispatch.rows.end(), [&](const DispatchRow& a, const DispatchRow& b) {
    if (a.has_rate != b.has_rate) return a.has_rate;
    if (a.has_rate) {
      const int order = compare(a.rate, b.rate);
      if (order != 0) return order > 0;
    }
    return tree.id_rank(a.unit) < tree.id_rank(b.unit);
  });
  return dispatch;
}

}  // namespace cadence

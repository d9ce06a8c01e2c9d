#include "engine/rank/bulletin.h"

#include <algorithm>
#include <map>
#include <set>

#include "engine/core/status.h"
#include "engine/rank/bulletin_lines.h"

namespace cadence {
namespace {

std::string org_text(const Dataset& dataset, OrgIndex org, std::string_view column_name) {
  const RecordSet& orgs = dataset.orgs();
  int column = orgs.schema().column_index(column_name);
  if (column < 0) return "";
  const Column& column_values = orgs.column(static_cast<std::size_t>(column));
  auto row = static_cast<std::size_t>(org);
  if (row >= orgs.rows() || column_values.is_null(row)) return "";
  return column_values.text(row);
}

// The weeks a weekly rule reports for a month: ISO weeks whose Monday falls in
// the month (DOM-S3), limited to the rule's event calendar when it has one.
std::vector<Period> month_weeks(const Period& month) {
  std::vector<Period> weeks;
  for (const Period& week : Period::covering(PeriodKind::kWeek, month.first_day(), month.last_day())) {
    if (month.contains(week.first_day())) weeks.push_back(week);
  }
  return weeks;
}

struct UnitFigures {
  Rational numerator{0, 1};
  Rational denominator{0, 1};
  int episodes = 0;
  std::vector<Rational> weekly_rates;
};

bool is_zero(const Rational& value) { return value.numerator == 0; }

// Pooled figures of every unit over the given periods of the rule.
std::vector<UnitFigures> unit_figures(const Plan& plan, const Dataset& dataset, const Calendars& calendars, int rule,
                                      const std::vector<OrgIndex>& units, const std::vector<Period>& periods) {
  std::vector<UnitFigures> figures(units.size());
  for (const Period& period : periods) {
    auto ratios = evaluate_ratio(plan, dataset, calendars, rule, units, period);
    for (std::size_t i = 0; i < units.size(); ++i) {
      // A null part means no value for the period: it does not count.
      if (!ratios[i].present) continue;
      figures[i].numerator = add(figures[i].numerator, ratios[i].numerator);
      figures[i].denominator = add(figures[i].denominator, ratios[i].denominator);
      figures[i].episodes += 1;
      if (!is_zero(ratios[i].denominator)) {
        figures[i].weekly_rates.push_back(divide(ratios[i].numerator, ratios[i].denominator));
      }
    }
  }
  for (auto& figure : figures) {
    std::sort(figure.weekly_rates.begin(), figure.weekly_rates.end(),
              [](const Rational& a, const Rational& b) { return compare(a, b) < 0; });
  }
  return figures;
}

// The rule's evaluable periods in the month: its weeks or the month itself,
// minus those outside its event calendar.
std::vector<Period> rate_periods(const CompiledRule& rule, const Calendars& calendars, const Period& month) {
  std::vector<Period> candidates =
      rule.spec->cadence == PeriodKind::kWeek ? month_weeks(month) : std::vector<Period>{month};
  if (rule.event_calendar < 0) return candidates;
  const auto& calendar = calendars.events.at(static_cast<std::size_t>(rule.event_calendar));
  std::vector<Period> result;
  for (const Period& period : candidates) {
    if (period.kind() == PeriodKind::kMonth) {
      // A monthly rule on a weekly event calendar: the month counts when any
      // of its weeks had an episode.
      bool any = calendar.contains(period);
      for (const Period& week : month_weeks(period)) any = any || calendar.contains(week);
      if (any) result.push_back(period);
    } else if (calendar.contains(period)) {
      result.push_back(period);
    }
  }
  return result;
}

// Lexicographic comparison of ascending weekly rates: the higher lowest week
// wins. -1 when a ranks before b.
int compare_weeks(const std::vector<Rational>& a, const std::vector<Rational>& b) {
  for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
    int order = compare(a[i], b[i]);
    if (order != 0) return order > 0 ? -1 : 1;
  }
  return 0;
}


}  // namespace

// Periods of the other rules listed below the table: those that end in the
// month (its weeks by Monday, the month, a quarter or year ending with it).
std::vector<Period> note_periods(const Period& month) {
  std::vector<Period> periods = month_weeks(month);
  periods.push_back(month);
  Period quarter = Period::containing(PeriodKind::kQuarter, month.first_day());
  if (quarter.last_day() == month.last_day()) periods.push_back(quarter);
  Period year = Period::year(month.year());
  if (year.last_day() == month.last_day()) periods.push_back(year);
  std::sort(periods.begin(), periods.end());
  return periods;
}

std::string_view remark_label(Remark remark) {
  switch (remark) {
    case Remark::kCommend:
      return "表扬";
    case Remark::kCriticise:
      return "批评";
    case Remark::kNone:
      break;
  }
  return "";
}

std::string org_display_name(const Dataset& dataset, OrgIndex org) { return org_text(dataset, org, "name"); }

std::string format_percent(const Rational& rate) {
  // Tenths of a percent, half-up: rate × 1000.
  int64_t tenths = round_half_up(multiply(rate, Rational{1000, 1}));
  bool negative = tenths < 0;
  int64_t magnitude = negative ? -tenths : tenths;
  return (negative ? "-" : "") + std::to_string(magnitude / 10) + "." + std::to_string(magnitude % 10) + "%";
}

std::string format_points(const Rational& points) {
  int64_t tenths = round_half_up(multiply(points, Rational{10, 1}));
  int64_t magnitude = tenths < 0 ? -tenths : tenths;
  std::string sign = tenths > 0 ? "+" : tenths < 0 ? "-" : "±";
  return sign + std::to_string(magnitude / 10) + "." + std::to_string(magnitude % 10);
}

std::string format_count(const Rational& count) {
  if (count.denominator != 0 && count.numerator % count.denominator == 0) {
    return std::to_string(count.numerator / count.denominator);
  }
  int64_t tenths = round_half_up(multiply(count, Rational{10, 1}));
  int64_t magnitude = tenths < 0 ? -tenths : tenths;
  return (tenths < 0 ? "-" : "") + std::to_string(magnitude / 10) + "." + std::to_string(magnitude % 10);
}

namespace {

// The plan index of the bulletin's rate rule: a weekly or monthly ratio.
Result<int> rate_rule_index(const Plan& plan, const BulletinDefinition& definition) {
  const int rule_index = plan.find_rule(definition.rate_rule);
  if (rule_index < 0) return Status::invalid_input("bulletin '" + definition.id + "': no rule " + definition.rate_rule);
  const CompiledRule& rule = plan.rules[static_cast<std::size_t>(rule_index)];
  if (!rule.value_is_ratio) {
    return Status::invalid_input("bulletin '" + definition.id + "': rate rule " + definition.rate_rule +
                                 " has no ratio(n, d) value");
  }
  if (rule.spec->cadence != PeriodKind::kWeek && rule.spec->cadence != PeriodKind::kMonth) {
    return Status::invalid_input("bulletin '" + definition.id + "': rate rule " + definition.rate_rule +
                                 " must be weekly or monthly");
  }
  return rule_index;
}

// The units ranked: orgs of the unit kind (and depth) within --under, in
// byte order of ids.
Result<std::vector<OrgIndex>> select_units(const Dataset& dataset, const BulletinDefinition& definition,
                                           const BulletinRequest& request) {
  const OrgTree& tree = dataset.tree();
  const std::string kind = request.unit_kind.empty() ? definition.unit_kind : request.unit_kind;
  // -1: any depth (a unit kind given on the command line without a depth).
  int depth = -1;
  if (request.unit_depth) {
    depth = *request.unit_depth;
  } else if (request.unit_kind.empty()) {
    depth = definition.unit_depth;
  }
  std::vector<OrgIndex> units;
  for (OrgIndex org = 0; org < tree.size(); ++org) {
    if (org_text(dataset, org, "kind") != kind) continue;
    if (depth >= 0 && tree.depth(org) != depth) continue;
    if (request.under != kNoOrg && !tree.in_subtree(org, request.under)) continue;
    units.push_back(org);
  }
  std::sort(units.begin(), units.end(),
            [&](OrgIndex a, OrgIndex b) { return tree.id_rank(a) < tree.id_rank(b); });
  if (units.empty()) return Status::invalid_input("no units of kind '" + kind + "' to rank");
  return units;
}

// One row per unit with its pooled figures for the month and the change
// since the previous month, ranked by rate (then by the lowest weeks, then
// by id); units without a rate last.
void rank_by_rate(const Plan& plan, const Dataset& dataset, const Calendars& calendars, int rule_index,
                  const std::vector<OrgIndex>& units, const std::vector<Period>& periods, Bulletin& bulletin) {
  CADENCE_ASSERT(!periods.empty() && bulletin.by_rate.empty());
  const OrgTree& tree = dataset.tree();
  const CompiledRule& rule = plan.rules[static_cast<std::size_t>(rule_index)];
  auto current = unit_figures(plan, dataset, calendars, rule_index, units, periods);
  auto previous = unit_figures(plan, dataset, calendars, rule_index, units,
                               rate_periods(rule, calendars, bulletin.previous_month));
  for (std::size_t i = 0; i < units.size(); ++i) {
    BulletinRow row;
    row.unit = units[i];
    row.unit_id = tree.id(units[i]);
    row.unit_name = org_display_name(dataset, units[i]);
    const UnitFigures& figure = current[i];
    Rational episodes{figure.episodes == 0 ? 1 : figure.episodes, 1};
    row.members = divide(figure.denominator, episodes);
    row.learners = divide(figure.numerator, episodes);
    row.shortfall = subtract(row.members, row.learners);
    if (row.shortfall.numerator < 0) row.shortfall = Rational{0, 1};
    row.has_rate = !is_zero(figure.denominator);
    if (row.has_rate) {
      row.rate = divide(figure.numerator, figure.denominator);
      row.weekly_rates = figure.weekly_rates;
      if (!is_zero(previous[i].denominator)) {
        row.has_change = true;
        Rational before = divide(previous[i].numerator, previous[i].denominator);
        row.change_points = multiply(subtract(row.rate, before), Rational{100, 1});
      }
    }
    bulletin.by_rate.push_back(std::move(row));
  }
  std::sort(bulletin.by_rate.begin(), bulletin.by_rate.end(), [](const BulletinRow& a, const BulletinRow& b) {
    if (a.has_rate != b.has_rate) return a.has_rate;
    if (a.has_rate) {
      int order = compare(a.rate, b.rate);
      if (order != 0) return order > 0;
      int weeks = compare_weeks(a.weekly_rates, b.weekly_rates);
      if (weeks != 0) return weeks < 0;
    }
    return a.unit_id < b.unit_id;
  });
}

// Commends the top and criticises the bottom of the rated rows, then lists
// the rated rows by shortfall.
void remark_and_rank_by_shortfall(const BulletinDefinition& definition, Bulletin& bulletin) {
  CADENCE_ASSERT(bulletin.by_shortfall.empty());
  std::size_t rated = 0;
  while (rated < bulletin.by_rate.size() && bulletin.by_rate[rated].has_rate) ++rated;
  for (std::size_t i = 0; i < rated; ++i) {
    BulletinRow& row = bulletin.by_rate[i];
    Rational excellence = definition.excellence_line ? from_double(*definition.excellence_line) : Rational{0, 1};
    Rational floor = definition.floor ? from_double(*definition.floor) : Rational{0, 1};
    bool top = i < static_cast<std::size_t>(std::max(definition.commend_top, 0));
    bool bottom = rated - i <= static_cast<std::size_t>(std::max(definition.criticise_bottom, 0));
    if (top && (!definition.excellence_line || compare(row.rate, excellence) >= 0)) {
      row.remark = Remark::kCommend;
    } else if (bottom && (!definition.floor || compare(row.rate, floor) < 0)) {
      row.remark = Remark::kCriticise;
    }
  }
  for (std::size_t i = 0; i < rated; ++i) bulletin.by_shortfall.push_back(bulletin.by_rate[i]);
  std::stable_sort(bulletin.by_shortfall.begin(), bulletin.by_shortfall.end(),
                   [](const BulletinRow& a, const BulletinRow& b) {
                     int order = compare(a.shortfall, b.shortfall);
                     if (order != 0) return order > 0;
                     return a.unit_id < b.unit_id;
                   });
}

// The notes slot of the unit holding an org. Units of one kind and depth do
// not nest, except when no depth is given: then the nearest enclosing unit
// takes the line.
std::optional<std::size_t> unit_slot(const OrgTree& tree, const std::map<OrgIndex, std::size_t>& slot_of_unit,
                                     OrgIndex org) {
  for (OrgIndex at = org; at != kNoOrg; at = tree.parent(at)) {
    auto found = slot_of_unit.find(at);
    if (found != slot_of_unit.end()) return found->second;
    if (at == tree.root()) break;
  }
  return std::nullopt;
}

// The other rules' findings of the month, in the order the definition lists
// the rules, then by period and org id, each under its unit.
void add_other_rules_notes(const Plan& plan, const Dataset& dataset, const Calendars& calendars,
                           const BulletinDefinition& definition, const BulletinRequest& request,
                           const std::map<OrgIndex, std::size_t>& slot_of_unit, Bulletin& bulletin) {
  const OrgTree& tree = dataset.tree();
  std::vector<int> other_rules;
  for (const std::string& id : definition.other_rules) {
    int index = plan.find_rule(id);
    if (index >= 0) other_rules.push_back(index);
  }
  if (other_rules.empty()) return;
  EvaluationRequest evaluation;
  evaluation.periods = note_periods(request.month);
  evaluation.rules = other_rules;
  evaluation.under = request.under;
  evaluation.as_of = request.as_of;
  evaluation.threads = 1;
  Outcome outcome = evaluate(plan, dataset, calendars, evaluation);
  std::vector<const Finding*> findings;
  for (const Finding& finding : outcome.findings) {
    if (std::find(other_rules.begin(), other_rules.end(), finding.rule) != other_rules.end()) {
      findings.push_back(&finding);
    }
  }
  std::sort(findings.begin(), findings.end(), [&](const Finding* a, const Finding* b) {
    if (a->rule != b->rule) {
      return std::find(other_rules.begin(), other_rules.end(), a->rule) <
             std::find(other_rules.begin(), other_rules.end(), b->rule);
    }
    if (a->period != b->period) return a->period < b->period;
    return tree.id_rank(a->org) < tree.id_rank(b->org);
  });
  for (const Finding* finding : findings) {
    auto slot = unit_slot(tree, slot_of_unit, finding->org);
    if (!slot) continue;
    const RuleSpec& spec = *plan.rules[static_cast<std::size_t>(finding->rule)].spec;
    bulletin.notes[*slot].notes.push_back({tree.id(finding->org), org_display_name(dataset, finding->org),
                                           spec.title.empty() ? spec.id : spec.title,
                                           finding->period.to_string(), finding->message.str()});
  }
}

}  // namespace

Result<Bulletin> build_bulletin(const Plan& plan, const Dataset& dataset, const Calendars& calendars,
                                const BulletinDefinition& definition, const BulletinRequest& request) {
  Result<int> rule_index = rate_rule_index(plan, definition);
  if (!rule_index.is_ok()) return rule_index.status();
  if (request.month.kind() != PeriodKind::kMonth) return Status::invalid_input("a bulletin is for a month (2023-03)");
  Result<std::vector<OrgIndex>> selected = select_units(dataset, definition, request);
  if (!selected.is_ok()) return selected.status();
  const std::vector<OrgIndex>& units = *selected;
  const OrgTree& tree = dataset.tree();
  const CompiledRule& rule = plan.rules[static_cast<std::size_t>(*rule_index)];

  Bulletin bulletin;
  bulletin.title = definition.title.empty() ? definition.id : definition.title;
  bulletin.rate_rule = rule.spec->id;
  bulletin.rate_rule_title = rule.spec->title;
  bulletin.month = request.month;
  bulletin.previous_month = request.month.previous();
  bulletin.weekly = rule.spec->cadence == PeriodKind::kWeek;
  std::vector<Period> periods = rate_periods(rule, calendars, request.month);
  if (bulletin.weekly) bulletin.weeks = periods;
  bulletin.no_episodes = periods.empty();
  if (!bulletin.no_episodes) {
    rank_by_rate(plan, dataset, calendars, *rule_index, units, periods, bulletin);
    remark_and_rank_by_shortfall(definition, bulletin);
  }

  // Notes: the per-unit lines, the other rules' findings of the month, then
  // the caller's lines.
  std::map<OrgIndex, std::size_t> slot_of_unit;
  for (OrgIndex unit : units) {
    slot_of_unit[unit] = bulletin.notes.size();
    bulletin.notes.push_back({tree.id(unit), org_display_name(dataset, unit), {}, {}});
  }
  for (const BulletinLine& line : definition.per_unit) bulletin.line_labels.push_back(line.label);
  if (!definition.per_unit.empty()) {
    Status status = fill_unit_lines(plan, dataset, calendars, definition, request, slot_of_unit, bulletin.notes);
    if (!status.is_ok()) return status;
  }
  add_other_rules_notes(plan, dataset, calendars, definition, request, slot_of_unit, bulletin);
  for (const ExtraNote& extra : request.extra_notes) {
    if (extra.org == kNoOrg) continue;
    auto slot = unit_slot(tree, slot_of_unit, extra.org);
    if (slot) bulletin.notes[*slot].notes.push_back(extra.note);
  }
  return bulletin;
}

}  // namespace cadence

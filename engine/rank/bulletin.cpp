#include "engine/rank/bulletin.h"

#include <algorithm>
#include <map>
#include <set>

#include "engine/core/status.h"

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

// A rule's periods among the month's (note_periods): all of them for a
// `findings` figure; the last one for `sum`, `rate` and `remaining` (the
// state at the month's end: a weekly rule's last week of the month, a
// quarterly rule's quarter only in its last month).
std::vector<Period> figure_periods(const CompiledRule& rule, FigureMeasure measure,
                                   const std::vector<Period>& month_periods) {
  std::vector<Period> periods;
  for (const Period& period : month_periods) {
    if (period.kind() == rule.spec->cadence) periods.push_back(period);
  }
  if (measure != FigureMeasure::kFindings && periods.size() > 1) {
    periods.erase(periods.begin(), periods.end() - 1);
  }
  return periods;
}

bool has_value(Verdict verdict) {
  return verdict == Verdict::kPass || verdict == Verdict::kWarn || verdict == Verdict::kFail ||
         verdict == Verdict::kWaived;
}

// Whether the rule evaluated some org of the bulletin's scope in one of the
// periods: a rule out of every org's scope (a checkpoint not yet due) or
// outside its event calendar gives no figure at all.
bool evaluated_any(const RuleOutcome& outcome, const std::vector<Period>& periods, const OrgTree& tree,
                   OrgIndex under) {
  for (std::size_t p = 0; p < outcome.periods.size(); ++p) {
    if (std::find(periods.begin(), periods.end(), outcome.periods[p]) == periods.end()) continue;
    const auto& verdicts = outcome.verdicts[p];
    for (std::size_t org = 0; org < verdicts.size(); ++org) {
      if (verdicts[org] == Verdict::kOutOfScope || verdicts[org] == Verdict::kNoEvent) continue;
      if (under == kNoOrg || tree.in_subtree(static_cast<OrgIndex>(org), under)) return true;
    }
  }
  return false;
}

std::string figure_text(FigureMeasure measure, const BulletinFigureValue& figure) {
  if (!figure.present) return "—";
  switch (measure) {
    case FigureMeasure::kRate: return format_percent(figure.value);
    case FigureMeasure::kFindings:
    case FigureMeasure::kSum:
    case FigureMeasure::kRemaining: break;
  }
  return format_count(figure.value);
}

// The line's text filled in, with the named orgs of its findings figures
// after it: "2 个支部（原州一中团支部、原州二中团支部）", "… 等" when more.
std::string line_text(const BulletinLine& line, const std::vector<BulletinFigureValue>& figures) {
  std::string text;
  for (const auto& part : line.parts) {
    if (part.figure < 0) {
      text += part.literal;
    } else {
      auto index = static_cast<std::size_t>(part.figure);
      text += figure_text(line.figures[index].measure, figures[index]);
    }
  }
  for (const auto& figure : figures) {
    if (figure.names.empty()) continue;
    text += "（";
    for (std::size_t i = 0; i < figure.names.size(); ++i) text += (i > 0 ? "、" : "") + figure.names[i];
    if (figure.more > 0) text += "等";
    text += "）";
  }
  return text;
}

// Checks that a figure's rule exists and fits its measure; the plan index.
Result<int> figure_rule(const Plan& plan, const BulletinDefinition& definition,
                        const BulletinFigure& figure) {
  auto where = [&] {
    const SourceSpan& span = figure.span;
    return (span.file.empty()
                ? std::string()
                : span.file + ":" + std::to_string(span.line) + ":" + std::to_string(span.column) + ": ") +
           "bulletin '" + definition.id + "', figure '" + figure.name + "': ";
  };
  const int index = plan.find_rule(figure.rule);
  if (index < 0) return Status::invalid_input(where() + "no rule " + figure.rule);
  const bool ratio = plan.rules[static_cast<std::size_t>(index)].value_is_ratio;
  if ((figure.measure == FigureMeasure::kRate || figure.measure == FigureMeasure::kRemaining) && !ratio) {
    return Status::invalid_input(where() + "rule " + figure.rule + " has no ratio(n, d) value");
  }
  if (figure.measure == FigureMeasure::kSum && ratio) {
    return Status::invalid_input(where() + "rule " + figure.rule +
                                 " is a ratio; a sum of ratios means nothing (use rate)");
  }
  return index;
}

bool reads_subtree(const lang::BoundExpr& expr, const lang::AggregateTable& aggregates) {
  if (expr.kind == lang::BoundKind::kAggregate && aggregates.at(expr.index).over == lang::Over::kSubtree) {
    return true;
  }
  for (const auto& operand : expr.operands) {
    if (operand && reads_subtree(*operand, aggregates)) return true;
  }
  return false;
}

// Whether the rule's value or lets pool `over: subtree`: then an org's value
// already holds those of the orgs below it.
bool pools_subtree(const Plan& plan, const CompiledRule& rule) {
  if (rule.value && reads_subtree(*rule.value, plan.aggregates)) return true;
  for (const auto& let : rule.lets) {
    if (let.expr && reads_subtree(*let.expr, plan.aggregates)) return true;
  }
  return false;
}

// Fills every unit's per-unit lines. `slot_of_unit` maps a unit to its entry
// in `notes`; an org counts for every unit whose subtree holds it.
Status fill_unit_lines(const Plan& plan, const Dataset& dataset, const Calendars& calendars,
                       const BulletinDefinition& definition, const BulletinRequest& request,
                       const std::map<OrgIndex, std::size_t>& slot_of_unit,
                       std::vector<BulletinUnitNotes>& notes) {
  const OrgTree& tree = dataset.tree();
  std::vector<std::vector<int>> rule_of;  // [line][figure]
  std::vector<int> rules;
  const std::vector<Period> month_periods = note_periods(request.month);
  for (const BulletinLine& line : definition.per_unit) {
    rule_of.emplace_back();
    for (const BulletinFigure& figure : line.figures) {
      auto index = figure_rule(plan, definition, figure);
      if (!index.is_ok()) return index.status();
      rule_of.back().push_back(*index);
      if (std::find(rules.begin(), rules.end(), *index) == rules.end()) rules.push_back(*index);
    }
  }
  std::sort(rules.begin(), rules.end());
  EvaluationRequest evaluation;
  evaluation.periods = month_periods;
  evaluation.rules = rules;
  evaluation.under = request.under;
  evaluation.threads = 1;
  evaluation.detail = EvaluationRequest::Detail::kScores;
  evaluation.keep_values = true;  // `sum` figures add the rules' values
  Outcome outcome = evaluate(plan, dataset, calendars, evaluation);

  // The units holding an org: it and its ancestors that are units.
  auto units_of = [&](OrgIndex org) {
    std::vector<std::size_t> slots;
    for (OrgIndex at = org; at != kNoOrg; at = tree.parent(at)) {
      auto found = slot_of_unit.find(at);
      if (found != slot_of_unit.end()) slots.push_back(found->second);
      if (at == tree.root()) break;
    }
    return slots;
  };
  // The orgs a rule evaluated in one period (within --under), each with the
  // units it counts for: every unit whose subtree holds it, except — when
  // the rule pools over its subtree — a unit where an evaluated org above it
  // already pools its rows (a school committee inside a school committee).
  struct Contribution {
    OrgIndex org;
    std::vector<std::size_t> slots;
  };
  auto contributions = [&](const CompiledRule& rule, const std::vector<Verdict>& verdicts) {
    std::vector<bool> evaluated(verdicts.size(), false);
    for (std::size_t org = 0; org < verdicts.size(); ++org) {
      evaluated[org] = has_value(verdicts[org]) || verdicts[org] == Verdict::kZeroDenominator ||
                       verdicts[org] == Verdict::kNoValue;
      if (request.under != kNoOrg && !tree.in_subtree(static_cast<OrgIndex>(org), request.under)) {
        evaluated[org] = false;
      }
    }
    const bool pooled = pools_subtree(plan, rule);
    std::vector<Contribution> result;
    for (std::size_t org = 0; org < verdicts.size(); ++org) {
      if (!evaluated[org]) continue;
      Contribution contribution{static_cast<OrgIndex>(org), {}};
      bool inside_pool = false;
      for (OrgIndex at = contribution.org; at != kNoOrg; at = tree.parent(at)) {
        if (pooled && at != contribution.org && evaluated[static_cast<std::size_t>(at)]) inside_pool = true;
        auto found = slot_of_unit.find(at);
        if (found != slot_of_unit.end() && !inside_pool) contribution.slots.push_back(found->second);
        if (at == tree.root()) break;
      }
      if (!contribution.slots.empty()) result.push_back(std::move(contribution));
    }
    return result;
  };

  for (std::size_t l = 0; l < definition.per_unit.size(); ++l) {
    const BulletinLine& line = definition.per_unit[l];
    // [unit slot][figure]
    std::vector<std::vector<BulletinFigureValue>> values(
        notes.size(), std::vector<BulletinFigureValue>(line.figures.size()));
    for (std::size_t f = 0; f < line.figures.size(); ++f) {
      const BulletinFigure& figure = line.figures[f];
      const int rule_index = rule_of[l][f];
      const CompiledRule& rule = plan.rules[static_cast<std::size_t>(rule_index)];
      const RuleOutcome& rule_outcome = outcome.rules[static_cast<std::size_t>(rule_index)];
      const std::vector<Period> periods = figure_periods(rule, figure.measure, month_periods);
      if (!evaluated_any(rule_outcome, periods, tree, request.under)) continue;  // absent everywhere

      switch (figure.measure) {
        case FigureMeasure::kFindings: {
          std::vector<std::set<OrgIndex>> orgs(notes.size());
          for (const Finding& finding : outcome.findings) {
            if (finding.rule != rule_index || !is_finding(finding.status)) continue;
            if (std::find(periods.begin(), periods.end(), finding.period) == periods.end()) continue;
            for (std::size_t slot : units_of(finding.org)) orgs[slot].insert(finding.org);
          }
          for (std::size_t slot = 0; slot < notes.size(); ++slot) {
            BulletinFigureValue& value = values[slot][f];
            value.present = true;
            value.value = Rational{static_cast<int64_t>(orgs[slot].size()), 1};
            std::vector<OrgIndex> sorted(orgs[slot].begin(), orgs[slot].end());
            std::sort(sorted.begin(), sorted.end(),
                      [&](OrgIndex a, OrgIndex b) { return tree.id_rank(a) < tree.id_rank(b); });
            auto named = std::min<std::size_t>(sorted.size(), static_cast<std::size_t>(figure.names));
            for (std::size_t i = 0; i < named; ++i) {
              std::string name = org_display_name(dataset, sorted[i]);
              value.names.push_back(name.empty() ? std::string(tree.id(sorted[i])) : name);
            }
            value.more = sorted.size() - named;
          }
          break;
        }
        case FigureMeasure::kSum: {
          // Every unit shows a sum, 0 where the rule evaluated none of its orgs.
          for (auto& unit_values : values) {
            unit_values[f].present = true;
            unit_values[f].value = Rational{0, 1};
          }
          auto at = std::find(rule_outcome.periods.begin(), rule_outcome.periods.end(), periods.front());
          const auto p = static_cast<std::size_t>(at - rule_outcome.periods.begin());
          for (const Contribution& contribution : contributions(rule, rule_outcome.verdicts[p])) {
            auto org = static_cast<std::size_t>(contribution.org);
            if (!has_value(rule_outcome.verdicts[p][org])) continue;
            for (std::size_t slot : contribution.slots) {
              values[slot][f].value = add(values[slot][f].value, rule_outcome.values[p][org]);
            }
          }
          break;
        }
        case FigureMeasure::kRate:
        case FigureMeasure::kRemaining: {
          // Σn / Σd over the unit's evaluated orgs (DOM-S2: pooled, never a
          // mean of rates); no figure for a unit where the rule evaluated none.
          auto at = std::find(rule_outcome.periods.begin(), rule_outcome.periods.end(), periods.front());
          const auto p = static_cast<std::size_t>(at - rule_outcome.periods.begin());
          const std::vector<Contribution> parts = contributions(rule, rule_outcome.verdicts[p]);
          std::vector<OrgIndex> orgs;
          for (const Contribution& contribution : parts) orgs.push_back(contribution.org);
          const std::vector<RatioValue> ratios =
              evaluate_ratio(plan, dataset, calendars, rule_index, orgs, periods.front());
          std::vector<Rational> numerator(notes.size(), Rational{0, 1});
          std::vector<Rational> denominator(notes.size(), Rational{0, 1});
          std::vector<bool> any(notes.size(), false);
          std::vector<bool> reached(notes.size(), false);
          for (std::size_t i = 0; i < parts.size(); ++i) {
            for (std::size_t slot : parts[i].slots) reached[slot] = true;
            if (!ratios[i].present) continue;
            for (std::size_t slot : parts[i].slots) {
              numerator[slot] = add(numerator[slot], ratios[i].numerator);
              denominator[slot] = add(denominator[slot], ratios[i].denominator);
              any[slot] = true;
            }
          }
          // A unit inside an evaluated org's pool (a branch under a county
          // the rule grades over its subtree): the rule's ratio for the unit
          // itself, as the table reads the rate rule.
          if (pools_subtree(plan, rule)) {
            std::vector<OrgIndex> inside;
            std::vector<std::size_t> inside_slots;
            for (const auto& [unit, slot] : slot_of_unit) {
              if (reached[slot]) continue;
              bool pooled_above = false;
              for (OrgIndex above = tree.parent(unit); above != kNoOrg && !pooled_above;
                   above = tree.parent(above)) {
                Verdict verdict = rule_outcome.verdicts[p][static_cast<std::size_t>(above)];
                pooled_above = verdict != Verdict::kOutOfScope && verdict != Verdict::kNoEvent;
                if (above == tree.root()) break;
              }
              if (!pooled_above) continue;
              inside.push_back(unit);
              inside_slots.push_back(slot);
            }
            const std::vector<RatioValue> own =
                evaluate_ratio(plan, dataset, calendars, rule_index, inside, periods.front());
            for (std::size_t i = 0; i < inside.size(); ++i) {
              if (!own[i].present) continue;
              numerator[inside_slots[i]] = own[i].numerator;
              denominator[inside_slots[i]] = own[i].denominator;
              any[inside_slots[i]] = true;
            }
          }
          for (std::size_t slot = 0; slot < notes.size(); ++slot) {
            if (!any[slot]) continue;
            BulletinFigureValue& value = values[slot][f];
            if (figure.measure == FigureMeasure::kRate) {
              if (is_zero(denominator[slot])) continue;
              value.value = divide(numerator[slot], denominator[slot]);
            } else {
              value.value = subtract(denominator[slot], numerator[slot]);
              if (value.value.numerator < 0) value.value = Rational{0, 1};
            }
            value.present = true;
          }
          break;
        }
      }
    }
    for (std::size_t slot = 0; slot < notes.size(); ++slot) {
      const auto& figures = values[slot];
      bool shown = figures.empty() || std::any_of(figures.begin(), figures.end(),
                                                  [](const BulletinFigureValue& v) { return v.present; });
      if (!shown) continue;
      notes[slot].lines.push_back({l, line.label, line_text(line, figures), figures});
    }
  }
  return Status::ok();
}

}  // namespace

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

Result<Bulletin> build_bulletin(const Plan& plan, const Dataset& dataset, const Calendars& calendars,
                                const BulletinDefinition& definition, const BulletinRequest& request) {
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
  if (request.month.kind() != PeriodKind::kMonth) return Status::invalid_input("a bulletin is for a month (2023-03)");

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

  // Notes: the other rules' findings of the month, then the caller's lines.
  std::map<OrgIndex, std::size_t> slot_of_unit;
  for (OrgIndex unit : units) {
    slot_of_unit[unit] = bulletin.notes.size();
    bulletin.notes.push_back({tree.id(unit), org_display_name(dataset, unit), {}, {}});
  }
  auto unit_slot = [&](OrgIndex org) -> std::optional<std::size_t> {
    // Units of one kind and depth do not nest, except when no depth is given:
    // then the nearest enclosing unit takes the line.
    for (OrgIndex at = org; at != kNoOrg; at = tree.parent(at)) {
      auto found = slot_of_unit.find(at);
      if (found != slot_of_unit.end()) return found->second;
      if (at == tree.root()) break;
    }
    return std::nullopt;
  };
  for (const BulletinLine& line : definition.per_unit) bulletin.line_labels.push_back(line.label);
  if (!definition.per_unit.empty()) {
    Status status =
        fill_unit_lines(plan, dataset, calendars, definition, request, slot_of_unit, bulletin.notes);
    if (!status.is_ok()) return status;
  }
  std::vector<int> other_rules;
  for (const std::string& id : definition.other_rules) {
    int index = plan.find_rule(id);
    if (index >= 0) other_rules.push_back(index);
  }
  if (!other_rules.empty()) {
    EvaluationRequest evaluation;
    evaluation.periods = note_periods(request.month);
    evaluation.rules = other_rules;
    evaluation.under = request.under;
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
      auto slot = unit_slot(finding->org);
      if (!slot) continue;
      const RuleSpec& spec = *plan.rules[static_cast<std::size_t>(finding->rule)].spec;
      bulletin.notes[*slot].notes.push_back({tree.id(finding->org), org_display_name(dataset, finding->org),
                                             spec.title.empty() ? spec.id : spec.title,
                                             finding->period.to_string(), finding->message.str()});
    }
  }
  for (const ExtraNote& extra : request.extra_notes) {
    if (extra.org == kNoOrg) continue;
    auto slot = unit_slot(extra.org);
    if (slot) bulletin.notes[*slot].notes.push_back(extra.note);
  }
  return bulletin;
}

}  // namespace cadence

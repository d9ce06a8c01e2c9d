// The per-unit lines of a bulletin ("未学习团员 …人"): each figure is a rule's
// state at the month's end pooled over a unit's orgs, or the unit's orgs
// with findings. bulletin.cpp builds the rest of the bulletin.
#include "engine/rank/bulletin_lines.h"

#include <algorithm>
#include <set>

#include "engine/core/status.h"

namespace cadence {
namespace {

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
// periods: a rule out of every org's scope (a checkpoint not yet due),
// outside its event calendar or not due by the bulletin's date gives no
// figure at all.
bool evaluated_any(const RuleOutcome& outcome, const std::vector<Period>& periods, const OrgTree& tree,
                   OrgIndex under) {
  for (std::size_t p = 0; p < outcome.periods.size(); ++p) {
    if (std::find(periods.begin(), periods.end(), outcome.periods[p]) == periods.end()) continue;
    const auto& verdicts = outcome.verdicts[p];
    for (std::size_t org = 0; org < verdicts.size(); ++org) {
      // Not evaluated: out of scope, no event, or not yet due at the bulletin's date.
      if (verdicts[org] == Verdict::kOutOfScope || verdicts[org] == Verdict::kNoEvent ||
          verdicts[org] == Verdict::kPending) {
        continue;
      }
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
  if (expr.kind == lang::BoundKind::kAggregate && aggregates.at(expr.aggregate()).over == lang::Over::kSubtree) {
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

// The orgs a rule evaluated in one period (within --under), each with the
// units it counts for.
struct Contribution {
  OrgIndex org;
  std::vector<std::size_t> slots;
};

// Fills every unit's per-unit lines. `slot_of_unit` maps a unit to its entry
// in the notes; an org counts for every unit whose subtree holds it. One
// evaluation of every rule the figures read serves all lines.
class UnitLines {
 public:
  UnitLines(const Plan& plan, const Dataset& dataset, const Calendars& calendars,
            const BulletinDefinition& definition, const BulletinRequest& request,
            const std::map<OrgIndex, std::size_t>& slot_of_unit)
      : plan_(plan),
        dataset_(dataset),
        calendars_(calendars),
        tree_(dataset.tree()),
        definition_(definition),
        request_(request),
        slot_of_unit_(slot_of_unit),
        month_periods_(note_periods(request.month)) {}

  Status fill(std::vector<BulletinUnitNotes>& notes) {
    CADENCE_ASSERT(notes.size() == slot_of_unit_.size());
    Status status = find_rules();
    if (!status.is_ok()) return status;
    evaluate_rules();
    for (std::size_t l = 0; l < definition_.per_unit.size(); ++l) fill_line(l, notes);
    return Status::ok();
  }

 private:
  // [unit slot][figure]
  using LineValues = std::vector<std::vector<BulletinFigureValue>>;

  // The plan index of every figure's rule, checked against its measure.
  Status find_rules() {
    for (const BulletinLine& line : definition_.per_unit) {
      rule_of_.emplace_back();
      for (const BulletinFigure& figure : line.figures) {
        auto index = figure_rule(plan_, definition_, figure);
        if (!index.is_ok()) return index.status();
        rule_of_.back().push_back(*index);
        if (std::find(rules_.begin(), rules_.end(), *index) == rules_.end()) rules_.push_back(*index);
      }
    }
    std::sort(rules_.begin(), rules_.end());
    return Status::ok();
  }

  void evaluate_rules() {
    EvaluationRequest evaluation;
    evaluation.periods = month_periods_;
    evaluation.rules = rules_;
    evaluation.under = request_.under;
    evaluation.as_of = request_.as_of;
    evaluation.threads = 1;
    evaluation.detail = EvaluationRequest::Detail::kScores;
    evaluation.keep_values = true;  // `sum` figures add the rules' values
    outcome_ = evaluate(plan_, dataset_, calendars_, evaluation);
  }

  // One line: its figures for every unit, then the line for the units where
  // some figure is present.
  void fill_line(std::size_t l, std::vector<BulletinUnitNotes>& notes) const {
    const BulletinLine& line = definition_.per_unit[l];
    LineValues values(notes.size(), std::vector<BulletinFigureValue>(line.figures.size()));
    for (std::size_t f = 0; f < line.figures.size(); ++f) {
      const BulletinFigure& figure = line.figures[f];
      const int rule_index = rule_of_[l][f];
      const CompiledRule& rule = plan_.rules[static_cast<std::size_t>(rule_index)];
      const RuleOutcome& rule_outcome = outcome_.rules[static_cast<std::size_t>(rule_index)];
      const std::vector<Period> periods = figure_periods(rule, figure.measure, month_periods_);
      if (!evaluated_any(rule_outcome, periods, tree_, request_.under)) continue;  // absent everywhere

      switch (figure.measure) {
        case FigureMeasure::kFindings:
          fill_findings(rule_index, figure, periods, f, values);
          break;
        case FigureMeasure::kSum:
          fill_sum(rule, rule_outcome, periods, f, values);
          break;
        case FigureMeasure::kRate:
        case FigureMeasure::kRemaining:
          fill_rate(rule_index, figure.measure, periods, f, values);
          break;
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

  // The units holding an org: it and its ancestors that are units.
  std::vector<std::size_t> units_of(OrgIndex org) const {
    std::vector<std::size_t> slots;
    for (OrgIndex at = org; at != kNoOrg; at = tree_.parent(at)) {
      auto found = slot_of_unit_.find(at);
      if (found != slot_of_unit_.end()) slots.push_back(found->second);
      if (at == tree_.root()) break;
    }
    return slots;
  }

  // Each org the rule evaluated counts for every unit whose subtree holds
  // it, except — when the rule pools over its subtree — a unit where an
  // evaluated org above it already pools its rows (a school committee
  // inside a school committee).
  std::vector<Contribution> contributions(const CompiledRule& rule, const std::vector<Verdict>& verdicts) const {
    std::vector<bool> evaluated(verdicts.size(), false);
    for (std::size_t org = 0; org < verdicts.size(); ++org) {
      evaluated[org] = has_value(verdicts[org]) || verdicts[org] == Verdict::kZeroDenominator ||
                       verdicts[org] == Verdict::kNoValue;
      if (request_.under != kNoOrg && !tree_.in_subtree(static_cast<OrgIndex>(org), request_.under)) {
        evaluated[org] = false;
      }
    }
    const bool pooled = pools_subtree(plan_, rule);
    std::vector<Contribution> result;
    for (std::size_t org = 0; org < verdicts.size(); ++org) {
      if (!evaluated[org]) continue;
      Contribution contribution{static_cast<OrgIndex>(org), {}};
      bool inside_pool = false;
      for (OrgIndex at = contribution.org; at != kNoOrg; at = tree_.parent(at)) {
        if (pooled && at != contribution.org && evaluated[static_cast<std::size_t>(at)]) inside_pool = true;
        auto found = slot_of_unit_.find(at);
        if (found != slot_of_unit_.end() && !inside_pool) contribution.slots.push_back(found->second);
        if (at == tree_.root()) break;
      }
      if (!contribution.slots.empty()) result.push_back(std::move(contribution));
    }
    return result;
  }

  // `findings`: how many of the unit's orgs have a finding of the rule in
  // the periods, the first `names` of them named.
  void fill_findings(int rule_index, const BulletinFigure& figure, const std::vector<Period>& periods,
                     std::size_t f, LineValues& values) const {
    std::vector<std::set<OrgIndex>> orgs(values.size());
    for (const Finding& finding : outcome_.findings) {
      if (finding.rule != rule_index || !is_finding(finding.status)) continue;
      if (std::find(periods.begin(), periods.end(), finding.period) == periods.end()) continue;
      for (std::size_t slot : units_of(finding.org)) orgs[slot].insert(finding.org);
    }
    for (std::size_t slot = 0; slot < values.size(); ++slot) {
      BulletinFigureValue& value = values[slot][f];
      value.present = true;
      value.value = Rational{static_cast<int64_t>(orgs[slot].size()), 1};
      std::vector<OrgIndex> sorted(orgs[slot].begin(), orgs[slot].end());
      std::sort(sorted.begin(), sorted.end(),
                [&](OrgIndex a, OrgIndex b) { return tree_.id_rank(a) < tree_.id_rank(b); });
      auto named = std::min<std::size_t>(sorted.size(), static_cast<std::size_t>(figure.names));
      for (std::size_t i = 0; i < named; ++i) {
        std::string name = org_display_name(dataset_, sorted[i]);
        value.names.push_back(name.empty() ? std::string(tree_.id(sorted[i])) : name);
      }
      value.more = sorted.size() - named;
    }
  }

  // `sum`: every unit shows a sum, 0 where the rule evaluated none of its orgs.
  void fill_sum(const CompiledRule& rule, const RuleOutcome& rule_outcome, const std::vector<Period>& periods,
                std::size_t f, LineValues& values) const {
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
  }

  // A ratio rule's parts pooled per unit.
  struct PooledParts {
    std::vector<Rational> numerator;
    std::vector<Rational> denominator;
    std::vector<bool> any;      // some evaluated org gave both parts
    std::vector<bool> reached;  // some evaluated org counts for the unit
    explicit PooledParts(std::size_t units)
        : numerator(units, Rational{0, 1}), denominator(units, Rational{0, 1}), any(units, false),
          reached(units, false) {}
  };

  // `rate` and `remaining`: Σn / Σd over the unit's evaluated orgs (DOM-S2:
  // pooled, never a mean of rates); no figure for a unit where the rule
  // evaluated none.
  void fill_rate(int rule_index, FigureMeasure measure, const std::vector<Period>& periods, std::size_t f,
                 LineValues& values) const {
    const CompiledRule& rule = plan_.rules[static_cast<std::size_t>(rule_index)];
    const RuleOutcome& rule_outcome = outcome_.rules[static_cast<std::size_t>(rule_index)];
    auto at = std::find(rule_outcome.periods.begin(), rule_outcome.periods.end(), periods.front());
    const auto p = static_cast<std::size_t>(at - rule_outcome.periods.begin());
    const std::vector<Contribution> parts = contributions(rule, rule_outcome.verdicts[p]);
    std::vector<OrgIndex> orgs;
    for (const Contribution& contribution : parts) orgs.push_back(contribution.org);
    const std::vector<RatioValue> ratios =
        evaluate_ratio(plan_, dataset_, calendars_, rule_index, orgs, periods.front());
    PooledParts pooled(values.size());
    for (std::size_t i = 0; i < parts.size(); ++i) {
      for (std::size_t slot : parts[i].slots) pooled.reached[slot] = true;
      if (!ratios[i].present) continue;
      for (std::size_t slot : parts[i].slots) {
        pooled.numerator[slot] = add(pooled.numerator[slot], ratios[i].numerator);
        pooled.denominator[slot] = add(pooled.denominator[slot], ratios[i].denominator);
        pooled.any[slot] = true;
      }
    }
    if (pools_subtree(plan_, rule)) add_units_inside_pools(rule_index, rule_outcome.verdicts[p], periods.front(), pooled);
    for (std::size_t slot = 0; slot < values.size(); ++slot) {
      if (!pooled.any[slot]) continue;
      BulletinFigureValue& value = values[slot][f];
      if (measure == FigureMeasure::kRate) {
        if (pooled.denominator[slot].numerator == 0) continue;
        value.value = divide(pooled.numerator[slot], pooled.denominator[slot]);
      } else {
        value.value = subtract(pooled.denominator[slot], pooled.numerator[slot]);
        if (value.value.numerator < 0) value.value = Rational{0, 1};
      }
      value.present = true;
    }
  }

  // A unit inside an evaluated org's pool (a branch under a county the rule
  // grades over its subtree): the rule's ratio for the unit itself, as the
  // table reads the rate rule.
  void add_units_inside_pools(int rule_index, const std::vector<Verdict>& verdicts, const Period& period,
                              PooledParts& pooled) const {
    std::vector<OrgIndex> inside;
    std::vector<std::size_t> inside_slots;
    for (const auto& [unit, slot] : slot_of_unit_) {
      if (pooled.reached[slot]) continue;
      bool pooled_above = false;
      for (OrgIndex above = tree_.parent(unit); above != kNoOrg && !pooled_above; above = tree_.parent(above)) {
        Verdict verdict = verdicts[static_cast<std::size_t>(above)];
        pooled_above = verdict != Verdict::kOutOfScope && verdict != Verdict::kNoEvent && verdict != Verdict::kPending;
        if (above == tree_.root()) break;
      }
      if (!pooled_above) continue;
      inside.push_back(unit);
      inside_slots.push_back(slot);
    }
    const std::vector<RatioValue> own = evaluate_ratio(plan_, dataset_, calendars_, rule_index, inside, period);
    for (std::size_t i = 0; i < inside.size(); ++i) {
      if (!own[i].present) continue;
      pooled.numerator[inside_slots[i]] = own[i].numerator;
      pooled.denominator[inside_slots[i]] = own[i].denominator;
      pooled.any[inside_slots[i]] = true;
    }
  }

  const Plan& plan_;
  const Dataset& dataset_;
  const Calendars& calendars_;
  const OrgTree& tree_;
  const BulletinDefinition& definition_;
  const BulletinRequest& request_;
  const std::map<OrgIndex, std::size_t>& slot_of_unit_;
  const std::vector<Period> month_periods_;
  std::vector<std::vector<int>> rule_of_;  // [line][figure] → plan index
  std::vector<int> rules_;                 // every rule_of_ entry once, ascending
  Outcome outcome_;
};

}  // namespace

Status fill_unit_lines(const Plan& plan, const Dataset& dataset, const Calendars& calendars,
                       const BulletinDefinition& definition, const BulletinRequest& request,
                       const std::map<OrgIndex, std::size_t>& slot_of_unit, std::vector<BulletinUnitNotes>& notes) {
  return UnitLines(plan, dataset, calendars, definition, request, slot_of_unit).fill(notes);
}

}  // namespace cadence

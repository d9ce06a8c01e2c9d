#include "engine/eval/evaluator.h"

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>
#include <set>

#include "engine/core/parallel.h"
#include "engine/core/status.h"
#include "engine/eval/aggregator.h"
#include "engine/eval/expression_evaluator.h"
#include "engine/eval/message.h"
#include "engine/eval/requirement.h"

namespace cadence {

std::string_view to_string(Verdict verdict) {
  switch (verdict) {
    case Verdict::kOutOfScope: return "out of scope";
    case Verdict::kPass: return "pass";
    case Verdict::kWarn: return "warn";
    case Verdict::kFail: return "fail";
    case Verdict::kNoEvent: return "no event in this period";
    case Verdict::kZeroDenominator: return "zero denominator";
    case Verdict::kWaived: return "waived";
    case Verdict::kNoValue: return "no value";
  }
  return "?";
}

Calendars resolve_calendars(const Plan& plan, const Dataset& dataset) {
  Calendars calendars;
  const CalendarSpec& spec = plan.pack->calendars;
  calendars.working = WorkingCalendar(spec.entries, spec.regions);
  calendars.events = spec.events;
  for (const auto& source : spec.event_sources) {
    std::vector<Period> periods;
    const RecordSet* set = dataset.find(source.record_set);
    if (set != nullptr) {
      int index = set->schema().column_index(source.column);
      if (index >= 0) {
        const Column& column = set->column(static_cast<std::size_t>(index));
        std::optional<PeriodKind> kind;
        switch (column.type()) {
          case ColumnType::kWeek: kind = PeriodKind::kWeek; break;
          case ColumnType::kMonth: kind = PeriodKind::kMonth; break;
          case ColumnType::kQuarter: kind = PeriodKind::kQuarter; break;
          case ColumnType::kYear: kind = PeriodKind::kYear; break;
          default: break;
        }
        for (std::size_t row = 0; kind && row < set->rows(); ++row) {
          if (!column.is_null(row)) periods.push_back(Period::from_ordinal(*kind, column.code(row)));
        }
      }
    }
    calendars.events.emplace_back(source.name, std::move(periods));
  }
  return calendars;
}

namespace {

using lang::BoundExpr;
using lang::BoundKind;
using lang::Type;

constexpr std::size_t kChunk = 4096;

bool waiver_applies(const Waiver& waiver, const OrgTree& tree, OrgIndex org, const Period& period,
                    const std::optional<Date>& as_of) {
  if (waiver.expires && as_of && *waiver.expires < *as_of) return false;
  if (waiver.from && period.last_day() < waiver.from->first_day()) return false;
  if (waiver.to && period.first_day() > waiver.to->last_day()) return false;
  auto target = tree.find(waiver.org);
  if (!target) return false;
  return waiver.subtree ? tree.in_subtree(org, *target) : org == *target;
}

// Whether an expression reads a let slot (then it can only be evaluated in
// the frame whose let slots hold its batch).
bool reads_lets(const BoundExpr& expr) {
  if (expr.kind == BoundKind::kLet) return true;
  for (const auto& operand : expr.operands) {
    if (reads_lets(*operand)) return true;
  }
  return false;
}

// out[j] = values[items[j]]: a batch's column narrowed to some of its items.
void gather_items(const Vec& values, const std::vector<std::size_t>& items, Vec& out) {
  out.reset(values.type, items.size());
  out.period_kind = values.period_kind;
  const std::size_t n = items.size();
  if (values.type == Type::kText) {
    for (std::size_t j = 0; j < n; ++j) out.text[j] = values.text[items[j]];
  } else {
    for (std::size_t j = 0; j < n; ++j) out.num[j] = values.num[items[j]];
  }
  auto narrow = [&](const auto& from, auto& to) {
    if (from.empty()) return;
    to.resize(n);
    for (std::size_t j = 0; j < n; ++j) to[j] = from[items[j]];
  };
  narrow(values.den, out.den);
  narrow(values.null, out.null);
  narrow(values.zero_denominator, out.zero_denominator);
}

// One batch's findings, in org order, and their runs of org ranges.
struct FindingBatch {
  std::vector<Finding> findings;
  std::vector<FindingList::OrgRun> runs;
};

// contract.md: score = w · (1 + shortfall); shortfall = (t − v)/t for rate
// rules, 1 for count and presence rules. A warning scores half. A count
// rule's score is one number per line (fail or warn), worked out once: most
// findings (B2, B3, B6, B8) are of count rules.
class ScoreLine {
 public:
  ScoreLine(const CompiledRule& rule, const Rational& weight, bool warning)
      : warning_(warning), weight_(weight), threshold_(warning ? rule.warn_threshold : rule.threshold) {
    const bool has_threshold = warning ? rule.warn_has_threshold : rule.has_threshold;
    relative_ = rule.shortfall == ShortfallKind::kRelative && has_threshold && threshold_.numerator != 0;
    constant_micros_ = to_micros(halved(multiply(weight_, Rational{2, 1})));
    set_limits();
  }

  int64_t micros(const Rational& value) const {
    if (!relative_) return constant_micros_;
    if (value.numerator < numerator_limit_ && value.numerator > -numerator_limit_ &&
        value.denominator < denominator_limit_) {
      // The same number in one fraction, (w / h)·(2 − (a/b)/(p/q)) =
      // w_n·(2bp − aq) / (w_d·h·bp): one division instead of four
      // reductions (a rate's score, for every finding of B1). The limits
      // keep every step of the general path below under make_rational's
      // 2^62, so that it is exact and equal to this; beyond, it halves
      // parts and its last digit may differ.
      const Int128 bp = Int128{value.denominator} * threshold_.numerator;
      Int128 numerator =
          Int128{weight_.numerator} * (2 * bp - Int128{value.numerator} * threshold_.denominator);
      Int128 denominator = Int128{weight_.denominator} * (warning_ ? 2 : 1) * bp;
      if (denominator < 0) {
        numerator = -numerator;
        denominator = -denominator;
      }
      return rounded_quotient(numerator * 1000000, denominator);
    }
    return to_micros(halved(multiply(weight_, subtract(Rational{2, 1}, divide(value, threshold_)))));
  }

 private:
  static bool fits_31_bits(int64_t x) { return x > -(int64_t{1} << 31) && x < (int64_t{1} << 31); }
  // |a| and b below which the general path stays exact: with W = max(|w_n|,
  // 1), |a|·q·W < 2^60 and 2·b·|p|·W < 2^60 bound |w_n·(2bp − aq)| (and so
  // aq, bp and their difference) by 2^61, and w_d·h·b·|p| < 2^62 bounds the
  // (halved) denominator. Zero (never taken) unless the weight's and the
  // threshold's parts fit 31 bits.
  void set_limits() {
    if (!relative_ || !fits_31_bits(weight_.numerator) || !fits_31_bits(weight_.denominator) ||
        !fits_31_bits(threshold_.numerator) || !fits_31_bits(threshold_.denominator)) {
      return;
    }
    const int64_t w = std::max<int64_t>(weight_.numerator < 0 ? -weight_.numerator : weight_.numerator, 1);
    const int64_t p = threshold_.numerator < 0 ? -threshold_.numerator : threshold_.numerator;  // not 0
    const int64_t h = warning_ ? 2 : 1;
    numerator_limit_ = (int64_t{1} << 60) / (threshold_.denominator * w);
    denominator_limit_ =
        std::min((int64_t{1} << 59) / (p * w), (int64_t{1} << 62) / (weight_.denominator * h * p));
  }
  Rational halved(const Rational& score) const { return warning_ ? divide(score, Rational{2, 1}) : score; }

  bool warning_;
  bool relative_ = false;
  Rational weight_;
  Rational threshold_;
  int64_t constant_micros_ = 0;
  int64_t numerator_limit_ = 0;    // the one fraction for |a| below this
  int64_t denominator_limit_ = 0;  // and b below this
};

class Evaluation : public ValueSources {
 public:
  Evaluation(const Plan& plan, const Dataset& dataset, const Calendars& calendars, const EvaluationRequest& request)
      : plan_(plan),
        dataset_(dataset),
        calendars_(calendars),
        request_(request),
        aggregator_(plan.aggregates, dataset, calendars, *this) {}

  Outcome run() {
    execute();
    return std::move(outcome_);
  }

  CellExplanation explain(const CompiledRule& rule, OrgIndex org, const Period& period) {
    execute();
    CellExplanation explanation;
    const auto index = static_cast<std::size_t>(rule.index);
    const RuleOutcome& outcome = outcome_.rules[index];
    auto it = std::lower_bound(outcome.periods.begin(), outcome.periods.end(), period);
    if (it == outcome.periods.end() || *it != period) return explanation;
    auto slot = static_cast<int32_t>(it - outcome.periods.begin());
    explanation.verdict = outcome.verdicts[static_cast<std::size_t>(slot)][static_cast<std::size_t>(org)];
    std::vector<Vec> lets(rule.lets.size() + 1);
    Frame frame = cell_frame(&org, 1, &periods_[index], slot, &lets);
    for (std::size_t k = 0; k < rule.lets.size(); ++k) {
      if (!rule.lets[k].expr) continue;
      evaluate_expression(*rule.lets[k].expr, frame, lets[k]);
      explanation.lets.emplace_back(rule.lets[k].name, format_value(lets[k], 0, ""));
    }
    Vec& value = lets[static_cast<std::size_t>(rule.value_slot)];
    evaluate_expression(*rule.value, frame, value);
    explanation.value = format_value(value, 0, "decimal");
    for (const auto& finding : outcome_.findings) {
      if (finding.rule == rule.index && finding.org == org && finding.period == period) explanation.finding = finding;
    }
    return explanation;
  }

  void execute() {
    plan_periods();
    outcome_.rules.resize(plan_.rules.size());
    runs_.resize(plan_.rules.size());
    run_mutexes_ = std::vector<std::mutex>(plan_.rules.size());
    mark_values_read();
    precompute_aggregates();
    // Rules run in dependency order, one at a time: each spreads its periods
    // over the request's threads (rules differ a hundredfold in cost, the
    // periods of one rule hardly at all).
    // plan_.order lists every rule after the rules it reads.
    // The outcome keeps each rule's lists, in rule, period and org order.
    std::vector<std::vector<FindingBatch>> findings(plan_.rules.size());
    for (int index : plan_.order) {
      const auto rule = static_cast<std::size_t>(index);
      if (periods_[rule].empty()) continue;
      // A streak's runs are counted before its rule starts, on all threads.
      for (int dependency : plan_.rules[rule].depends_on) {
        if (streaks_read_[static_cast<std::size_t>(dependency)]) ensure_runs(dependency);
      }
      findings[rule] = run_rule(plan_.rules[rule]);
    }
    for (auto& rule_findings : findings) {
      for (auto& batch : rule_findings)
        outcome_.findings.append(std::move(batch.findings), std::move(batch.runs));
    }
  }

  std::vector<RatioValue> ratio_for(const CompiledRule& rule, const std::vector<OrgIndex>& list, const Period& period) {
    return ratio_for_impl(rule, list, period);
  }

  // A batch of orgs in cell context: one period slot, the rule's let slots.
  Frame cell_frame(const OrgIndex* orgs, std::size_t size, const std::vector<Period>* periods, int32_t slot,
                   const std::vector<Vec>* lets) {
    Frame frame;
    frame.size = size;
    frame.orgs = orgs;
    frame.scalar_period_slot = slot;
    frame.periods = periods;
    frame.lets = lets;
    frame.dataset = &dataset_;
    frame.calendars = &calendars_;
    frame.sources = this;
    return frame;
  }

  Date deadline_for(const CompiledRule& rule, const Period& period) {
    if (!rule.deadline) return period.last_day();
    std::vector<Period> periods{period};
    OrgIndex root = 0;
    Frame frame = cell_frame(&root, 1, &periods, 0, nullptr);
    Vec deadline;
    evaluate_expression(*rule.deadline, frame, deadline);
    if (deadline.is_null(0)) return period.last_day();
    return Date::from_days(static_cast<int32_t>(deadline.num[0]));
  }

  std::vector<Evidence> evidence_for(const CompiledRule& rule, OrgIndex org, const Period& period, std::size_t limit) {
    periods_.assign(plan_.rules.size(), {});
    periods_[static_cast<std::size_t>(rule.index)] = {period};
    const std::vector<Period>* periods = &periods_[static_cast<std::size_t>(rule.index)];
    std::vector<int> aggregates;
    auto collect = [&](const BoundExpr* expr, auto& self) -> void {
      if (expr == nullptr) return;
      if (expr->kind == BoundKind::kAggregate &&
          std::find(aggregates.begin(), aggregates.end(), expr->index) == aggregates.end()) {
        aggregates.push_back(expr->index);
      }
      for (const auto& operand : expr->operands) self(operand.get(), self);
    };
    for (const auto& let : rule.lets) collect(let.expr.get(), collect);
    collect(rule.value.get(), collect);
    const OrgTree& tree = dataset_.tree();
    std::vector<Evidence> result;
    for (int index : aggregates) {
      const lang::AggregateSpec& spec = plan_.aggregates.at(index);
      Evidence evidence;
      evidence.aggregate = spec.canonical;
      evidence.record_set = spec.record_set;
      evidence.pooled = spec.over == lang::Over::kSubtree;
      const RecordSet* set = dataset_.find(spec.record_set);
      if (set == nullptr || !set->has_org_index()) {
        result.push_back(std::move(evidence));
        continue;
      }
      uint32_t begin = set->org_begin(org);
      uint32_t end = set->org_begin(evidence.pooled ? tree.subtree_end(org) : org + 1);
      DayWindow window = window_days(spec, period);
      bool timeless = spec.window.kind == lang::WindowKind::kAll;
      evidence.window = timeless ? "all rows" : Date::from_days(window.first).to_string() + ".." +
                                                   Date::from_days(window.last).to_string();
      std::vector<uint32_t> candidates;
      std::vector<OrgIndex> candidate_orgs;
      for (uint32_t row = begin; row < end; ++row) {
        int32_t day = set->row_day()[row];
        if (!timeless && (day == kNoDay || day < window.first || day > window.last)) continue;
        candidates.push_back(row);
        candidate_orgs.push_back(set->row_org()[row]);
      }
      Vec mask;
      if (spec.filter && !candidates.empty()) {
        Frame frame;
        frame.size = candidates.size();
        frame.orgs = candidate_orgs.data();
        frame.rows = candidates.data();
        frame.record_set = set;
        frame.scalar_period_slot = 0;
        frame.periods = periods;
        frame.dataset = &dataset_;
        frame.calendars = &calendars_;
        frame.sources = this;
        evaluate_expression(*spec.filter, frame, mask);
      }
      for (std::size_t i = 0; i < candidates.size(); ++i) {
        if (spec.filter && !mask.truth(i)) continue;
        ++evidence.matching;
        if (evidence.rows.size() < limit) evidence.rows.push_back(candidates[i]);
      }
      result.push_back(std::move(evidence));
    }
    return result;
  }

  // --- ValueSources -------------------------------------------------------
  void aggregate(int index, const Frame& frame, Vec& out) override {
    const AggregateValues& values = aggregator_.values(index, frame.periods);
    out.reset(values.type, frame.size);
    if (values.scale != 1 || !values.den.empty()) out.den.assign(frame.size, values.scale);
    if (values.leaves != nullptr) {
      // A pooled aggregate kept for inner orgs: no nulls, one scale.
      for (std::size_t i = 0; i < frame.size; ++i)
        out.num[i] = values.num_at(frame.period_slot(i), frame.orgs[i]);
      return;
    }
    const bool nulls = !values.nulls.empty();
    if (frame.period_slots == nullptr && values.den.empty() && !nulls) {
      // One period for the whole batch (cell frames): a plain gather.
      const int64_t* base = values.num.data() + values.cell(frame.scalar_period_slot, 0);
      for (std::size_t i = 0; i < frame.size; ++i) out.num[i] = base[frame.orgs[i]];
      return;
    }
    for (std::size_t i = 0; i < frame.size; ++i) {
      std::size_t cell = values.cell(frame.period_slot(i), frame.orgs[i]);
      if (nulls && values.nulls[cell]) {
        out.set_null(i);
        continue;
      }
      out.num[i] = values.num[cell];
      if (!values.den.empty()) out.den[i] = values.den[cell];
    }
  }

  void member_aggregate(int index, const Frame& frame, Vec& out) override {
    const RecordSet* members = dataset_.find(kMembersRecordSet);
    // One period for the batch (the usual case): one lookup, not one per row.
    const AggregateValues* scalar = frame.period_slots == nullptr && frame.size > 0
                                        ? &aggregator_.member_values(index, frame.periods, frame.scalar_period_slot)
                                        : nullptr;
    for (std::size_t i = 0; i < frame.size; ++i) {
      const AggregateValues& values =
          scalar != nullptr ? *scalar : aggregator_.member_values(index, frame.periods, frame.period_slot(i));
      if (i == 0) {
        out.reset(values.type, frame.size);
        if (values.scale != 1 || !values.den.empty()) out.den.assign(frame.size, values.scale);
      }
      // The frame's rows are members rows when the filter is over members.
      std::size_t cell = frame.rows[i];
      if (members == nullptr || cell >= values.size() || values.is_null(cell)) {
        out.set_null(i);
        continue;
      }
      out.num[i] = values.num[cell];
      if (!values.den.empty()) out.den[i] = values.den[cell];
    }
    if (frame.size == 0) out.reset(Type::kNumber, 0);
  }

  void rule_result(const BoundExpr& call, const Frame& frame, Vec& out) override {
    const auto dependency = static_cast<std::size_t>(call.index);
    const RuleOutcome& outcome = outcome_.rules[dependency];
    bool is_failed = call.function == lang::BuiltinFunction::kFailed;
    bool is_streak = call.function == lang::BuiltinFunction::kStreak;
    out.reset(is_failed ? Type::kBool : Type::kNumber, frame.size);
    if (is_streak) ensure_runs(call.index);
    // The dependency's slot for a period, −1 when it did not run on it.
    auto slot_of = [&](const Period& period) -> std::ptrdiff_t {
      auto it = std::lower_bound(outcome.periods.begin(), outcome.periods.end(), period);
      return it == outcome.periods.end() || *it != period ? -1 : it - outcome.periods.begin();
    };
    const bool scalar = frame.period_slots == nullptr;
    const std::ptrdiff_t scalar_slot = scalar && frame.size > 0 ? slot_of(frame.period(0)) : -1;
    if (scalar && scalar_slot >= 0 && (is_failed || is_streak)) {
      // One period for the batch (cell frames): one row of verdicts or
      // runs, read straight by org (B8 reads 2 million cells at M).
      const auto slot = static_cast<std::size_t>(scalar_slot);
      if (is_streak) {
        const uint8_t* runs = runs_[dependency][slot].data();
        for (std::size_t i = 0; i < frame.size; ++i) out.num[i] = runs[frame.orgs[i]];
      } else {
        const Verdict* verdicts = outcome.verdicts[slot].data();
        for (std::size_t i = 0; i < frame.size; ++i)
          out.num[i] = verdicts[frame.orgs[i]] == Verdict::kFail ? 1 : 0;
      }
      return;
    }
    for (std::size_t i = 0; i < frame.size; ++i) {
      std::ptrdiff_t found = scalar ? scalar_slot : slot_of(frame.period(i));
      if (found < 0) {
        out.set_null(i);
        continue;
      }
      auto slot = static_cast<std::size_t>(found);
      auto org = static_cast<std::size_t>(frame.orgs[i]);
      Verdict verdict = outcome.verdicts[slot][org];
      if (is_failed) {
        out.num[i] = verdict == Verdict::kFail ? 1 : 0;
      } else if (is_streak) {
        out.num[i] = runs_[dependency][slot][org];
      } else if (verdict == Verdict::kPass || verdict == Verdict::kWarn || verdict == Verdict::kFail) {
        out.set_number(i, outcome.values[slot][org]);
      } else {
        out.set_null(i);
      }
    }
  }

 private:
  template <typename Body>
  void parallel_for(std::size_t count, Body body) {
    cadence::parallel_for(request_.threads, count, body);
  }

  // Which periods each rule runs on: the requested ones of its cadence, plus,
  // for a rule whose results another rule reads, every period of its cadence
  // from the start of that year (a streak counts back to the year's first
  // period: contract.md B8 "counted from 2023-W01 at the earliest").
  void plan_periods() {
    const std::size_t count = plan_.rules.size();
    periods_.assign(count, {});
    requested_.assign(count, {});
    std::vector<bool> wanted(count, request_.rules.empty());
    for (int index : request_.rules) wanted[static_cast<std::size_t>(index)] = true;
    for (std::size_t r = 0; r < count; ++r) {
      if (!wanted[r]) continue;
      PeriodKind kind = plan_.rules[r].spec->cadence;
      const auto& asked = request_.rule_periods.empty() ? request_.periods : request_.rule_periods.at(r);
      for (const auto& period : asked) {
        if (period.kind() == kind) requested_[r].insert(period);
      }
    }
    std::vector<std::set<Period>> needed = requested_;
    for (auto it = plan_.order.rbegin(); it != plan_.order.rend(); ++it) {
      const CompiledRule& rule = plan_.rules[static_cast<std::size_t>(*it)];
      const auto& own = needed[static_cast<std::size_t>(rule.index)];
      if (own.empty()) continue;
      for (int dependency : rule.depends_on) {
        auto& target = needed[static_cast<std::size_t>(dependency)];
        Period first = *own.begin();
        Period last = *own.rbegin();
        Period start = first.kind() == PeriodKind::kWeek ? Period::week(first.year(), 1)
                       : first.kind() == PeriodKind::kMonth ? Period::month(first.year(), 1)
                       : first.kind() == PeriodKind::kQuarter ? Period::quarter(first.year(), 1)
                                                            : first;
        for (Period p = start; p <= last; p = p.next()) target.insert(p);
      }
    }
    for (std::size_t r = 0; r < count; ++r) periods_[r].assign(needed[r].begin(), needed[r].end());
  }

  // Which rules' values another rule reads (`value(rule)`): only those keep
  // their (period × org) values; the others keep verdicts alone, which is
  // all `failed()` and `streak()` read. And which rules' streaks are read:
  // their runs are counted once the rule is done.
  void mark_values_read() {
    values_read_.assign(plan_.rules.size(), false);
    streaks_read_.assign(plan_.rules.size(), false);
    auto mark = [&](const BoundExpr* expr, auto& self) -> void {
      if (expr == nullptr) return;
      if (expr->kind == BoundKind::kCall && expr->function == lang::BuiltinFunction::kValueOf) {
        values_read_[static_cast<std::size_t>(expr->index)] = true;
      }
      if (expr->kind == BoundKind::kCall && expr->function == lang::BuiltinFunction::kStreak) {
        streaks_read_[static_cast<std::size_t>(expr->index)] = true;
      }
      for (const auto& operand : expr->operands) self(operand.get(), self);
    };
    for (const auto& rule : plan_.rules) {
      for (const auto& let : rule.lets) mark(let.expr.get(), mark);
      for (const auto& part : rule.message) mark(part.expr.get(), mark);
      mark(rule.scope.get(), mark);
      mark(rule.value.get(), mark);
      mark(rule.fail.get(), mark);
      mark(rule.warn.get(), mark);
      mark(rule.deadline.get(), mark);
    }
  }

  // Aggregates are computed before the rules, in parallel: inner aggregates
  // (registered first) are computed on demand by the outer ones.
  // One job per aggregate and distinct period list (a snapshot aggregate has
  // one value whatever the list): B1, B7 and B8 hold equal lists, and a
  // second job for the same values would only wait for the first.
  void precompute_aggregates() {
    // (aggregate, the aggregator's key for the list or null for a snapshot)
    // → a list to compute it with.
    std::map<std::pair<int, const std::vector<Period>*>, const std::vector<Period>*> jobs;
    for (const auto& rule : plan_.rules) {
      const auto* periods = &periods_[static_cast<std::size_t>(rule.index)];
      if (periods->empty()) continue;
      auto collect = [&](const BoundExpr* expr, auto& self) -> void {
        if (expr == nullptr) return;
        if (expr->kind == BoundKind::kAggregate) {
          const bool snapshot = plan_.aggregates.at(expr->index).snapshot;
          jobs.emplace(std::make_pair(expr->index, snapshot ? nullptr : aggregator_.shared_list(periods)), periods);
        }
        for (const auto& operand : expr->operands) self(operand.get(), self);
      };
      for (const auto& let : rule.lets) collect(let.expr.get(), collect);
      collect(rule.scope.get(), collect);
      collect(rule.value.get(), collect);
      collect(rule.fail.get(), collect);
      collect(rule.warn.get(), collect);
    }
    std::vector<std::pair<int, const std::vector<Period>*>> list;
    for (const auto& [key, periods] : jobs) list.emplace_back(key.first, periods);
    // The longest first: at M, sum(study.learners) reads 2 million rows,
    // more than any other. Folded twins (no rows) go last.
    std::stable_sort(list.begin(), list.end(), [&](const auto& a, const auto& b) {
      return aggregator_.rows_read(a.first) > aggregator_.rows_read(b.first);
    });
    parallel_for(list.size(), [&](std::size_t k) { aggregator_.values(list[k].first, list[k].second); });
  }

  // Consecutive failing periods ending at each period, skipping periods the
  // rule did not evaluate; runs restart with each year, so a run is at most
  // 53 (the weeks of an ISO year) and a byte holds it: the runs are
  // (period × org) arrays written to fresh memory, 2.4 MB for a weekly rule
  // at M where int32_t took 9.5 MB. Orgs are independent: ranges of them
  // are counted on the request's threads.
  void ensure_runs(int rule) {
    auto index = static_cast<std::size_t>(rule);
    std::lock_guard lock(run_mutexes_[index]);
    if (!runs_[index].empty()) return;
    const RuleOutcome& outcome = outcome_.rules[index];
    const std::size_t orgs = static_cast<std::size_t>(dataset_.tree().size());
    const std::size_t slots = outcome.periods.size();
    std::vector<std::vector<uint8_t>> runs(slots);
    for (auto& slot_runs : runs) slot_runs.resize(orgs);
    constexpr std::size_t kOrgRange = 8192;
    parallel_for((orgs + kOrgRange - 1) / kOrgRange, [&](std::size_t range) {
      const std::size_t first = range * kOrgRange;
      const std::size_t last = std::min(orgs, first + kOrgRange);
      std::vector<uint8_t> current(last - first, 0);
      for (std::size_t slot = 0; slot < slots; ++slot) {
        if (slot > 0 && outcome.periods[slot].year() != outcome.periods[slot - 1].year()) {
          std::fill(current.begin(), current.end(), uint8_t{0});
        }
        // Three arrays of bytes that do not overlap: said so, the loop is
        // vectorised (byte pointers may alias anything, and the compiler
        // kept it scalar, 13 instructions a cell).
        const Verdict* __restrict verdicts = outcome.verdicts[slot].data() + first;
        uint8_t* __restrict slot_runs = runs[slot].data() + first;
        uint8_t* __restrict range_runs = current.data();
        for (std::size_t org = 0; org < last - first; ++org) {
          // A failure extends the run, a pass or warning ends it, a cell
          // not evaluated leaves it (selects, not branches: verdicts come
          // in no order a predictor learns).
          const Verdict verdict = verdicts[org];
          const bool failed = verdict == Verdict::kFail;
          const bool ends = verdict == Verdict::kPass || verdict == Verdict::kWarn;
          const uint8_t run = range_runs[org];
          const uint8_t next = failed ? static_cast<uint8_t>(run + 1) : ends ? uint8_t{0} : run;
          range_runs[org] = next;
          slot_runs[org] = failed ? next : uint8_t{0};
        }
      }
    });
    runs_[index] = std::move(runs);
  }

  // 0, 1, ..., the tree's size − 1: the candidates of a rule without a
  // cached scope.
  const std::vector<OrgIndex>& every_org() {
    const auto orgs = static_cast<std::size_t>(dataset_.tree().size());
    if (every_org_.size() != orgs) {
      every_org_.resize(orgs);
      for (std::size_t o = 0; o < orgs; ++o) every_org_[o] = static_cast<OrgIndex>(o);
    }
    return every_org_;
  }

  // The orgs in a rule's scope (one that does not depend on the period), in
  // index order. B1-B8 judge scopes of 46,000 orgs at M nine times, one rule
  // at a time: 5 ms on one thread. So the batches are judged on the
  // request's threads, the lets are evaluated only when the scope reads
  // them (B4's pooled counts were gathered for every org, for nothing), and
  // rules with the same scope reading no let (five of B1-B8 read
  // `org.kind == "branch"`) share one list.
  std::shared_ptr<const std::vector<OrgIndex>> scope_orgs(const CompiledRule& rule,
                                                          const std::vector<Period>& periods) {
    const bool shared = !reads_lets(*rule.scope);
    std::string key;
    if (shared) {
      key = lang::to_string(*rule.scope);
      if (auto found = shared_scopes_.find(key); found != shared_scopes_.end()) return found->second;
    }
    // The lets the scope reads, and those they read in turn (none when shared).
    std::vector<bool> needed(rule.lets.size(), false);
    auto mark = [&](const BoundExpr& expr, auto& self) -> void {
      const auto slot = static_cast<std::size_t>(expr.index);
      if (expr.kind == BoundKind::kLet && slot < needed.size() && !needed[slot]) {
        needed[slot] = true;
        if (rule.lets[slot].expr) self(*rule.lets[slot].expr, self);  // a let may read an earlier one
      }
      for (const auto& operand : expr.operands) self(*operand, self);
    };
    if (!shared) mark(*rule.scope, mark);
    const std::vector<OrgIndex>& all_orgs = every_org();
    const std::size_t batches = (all_orgs.size() + kChunk - 1) / kChunk;
    std::vector<std::vector<OrgIndex>> kept(batches);
    parallel_for(batches, [&](std::size_t batch) {
      const std::size_t begin = batch * kChunk;
      const std::size_t size = std::min(kChunk, all_orgs.size() - begin);
      std::vector<Vec> lets(rule.lets.size() + 1);
      Vec mask;
      Frame frame = cell_frame(all_orgs.data() + begin, size, &periods, 0, &lets);
      for (std::size_t k = 0; k < rule.lets.size(); ++k) {
        if (needed[k] && rule.lets[k].expr) evaluate_expression(*rule.lets[k].expr, frame, lets[k]);
      }
      evaluate_expression(*rule.scope, frame, mask);
      for (std::size_t i = 0; i < size; ++i) {
        if (mask.truth(i)) kept[batch].push_back(all_orgs[begin + i]);
      }
    });
    auto orgs = std::make_shared<std::vector<OrgIndex>>();
    for (const auto& part : kept) orgs->insert(orgs->end(), part.begin(), part.end());
    if (shared) shared_scopes_.emplace(std::move(key), orgs);
    return orgs;
  }

  // The rule's findings, in lists (one per batch that has any, sized
  // exactly, so no list is ever reallocated) in period then batch order.
  std::vector<FindingBatch> run_rule(const CompiledRule& rule) {
    const auto index = static_cast<std::size_t>(rule.index);
    const std::vector<Period>& periods = periods_[index];
    const OrgTree& tree = dataset_.tree();
    const std::size_t orgs = static_cast<std::size_t>(tree.size());
    RuleOutcome& outcome = outcome_.rules[index];
    outcome.periods = periods;
    outcome.verdicts.assign(periods.size(), std::vector<Verdict>(orgs, Verdict::kOutOfScope));
    const bool keep_values = request_.keep_values || values_read_[index];
    if (keep_values) outcome.values.assign(periods.size(), std::vector<Rational>(orgs, Rational{}));
    outcome.requested.assign(periods.size(), false);
    for (std::size_t s = 0; s < periods.size(); ++s) outcome.requested[s] = requested_[index].count(periods[s]) > 0;

    const std::size_t slots = rule.lets.size() + 1;
    // A batch's lets, in the frame's let slots.
    auto evaluate_lets = [&](const Frame& frame, std::vector<Vec>& lets) {
      for (std::size_t k = 0; k < rule.lets.size(); ++k) {
        if (rule.lets[k].expr) evaluate_expression(*rule.lets[k].expr, frame, lets[k]);
      }
    };

    // The orgs in scope, once, when the scope does not depend on the period.
    const std::vector<OrgIndex>& all_orgs = every_org();
    const bool scope_cached = !rule.scope_depends_on_period && !periods.empty();
    std::shared_ptr<const std::vector<OrgIndex>> cached_scope;
    if (scope_cached) cached_scope = rule.scope ? scope_orgs(rule, periods) : nullptr;
    const std::vector<OrgIndex>& candidates = cached_scope ? *cached_scope : all_orgs;
    const lang::Rational weight = from_double(rule.spec->weight);
    const MessageRenderer message(rule);
    const ScoreLine fail_score(rule, weight, false);
    const ScoreLine warn_score(rule, weight, true);
    // Which expressions only findings need (the ratio's parts, the message's
    // placeholders) read let slots: those are evaluated in the batch's frame
    // and narrowed to the findings, the others in a frame of the findings.
    const bool numerator_reads_lets = rule.value_is_ratio && reads_lets(*rule.value->operands[0]);
    const bool denominator_reads_lets = rule.value_is_ratio && reads_lets(*rule.value->operands[1]);
    std::vector<bool> part_reads_lets(rule.message.size(), false);
    for (std::size_t m = 0; m < rule.message.size(); ++m) {
      if (rule.message[m].expr) part_reads_lets[m] = reads_lets(*rule.message[m].expr);
    }

    // Periods are independent (a streak reads verdicts of another rule, all
    // computed before this one starts): they run on the request's threads,
    // each with its own batch vectors, and their findings are joined in
    // period order, so the outcome does not depend on the thread count.
    std::vector<std::vector<FindingBatch>> period_findings(periods.size());
    parallel_for(periods.size(), [&](std::size_t s) {
      std::vector<Vec> lets(slots);
      Vec scope_mask;
      Vec fail;
      Vec warn;
      Vec numerator;
      Vec denominator;
      Vec scratch;
      std::vector<std::size_t> hits;        // the batch items that are findings
      // The short verdict loop's hits, written unconditionally (no zeroing).
      const auto plain_hits = std::make_unique_for_overwrite<std::size_t[]>(kChunk);
      std::vector<OrgIndex> hit_orgs;
      std::vector<Vec> message_values(rule.message.size());
      std::vector<MessageText> messages;  // a batch's, rendered together
      std::vector<const Vec*> message_parts(rule.message.size(), nullptr);
      const Period& period = periods[s];
      const std::string period_text = period.to_string();
      auto& verdicts = outcome.verdicts[s];
      Rational* values = keep_values ? outcome.values[s].data() : nullptr;
      bool no_event = rule.event_calendar >= 0 &&
                      !calendars_.events[static_cast<std::size_t>(rule.event_calendar)].contains(period);
      for (std::size_t begin = 0; begin < candidates.size(); begin += kChunk) {
        std::size_t size = std::min(kChunk, candidates.size() - begin);
        const OrgIndex* chunk = candidates.data() + begin;
        Frame frame = cell_frame(chunk, size, &periods, static_cast<int32_t>(s), &lets);
        if (no_event) {
          // The week had no episode: not evaluated, never scored as 0 % (DOM-S1).
          if (scope_cached) {
            for (std::size_t i = 0; i < size; ++i) verdicts[static_cast<std::size_t>(chunk[i])] = Verdict::kNoEvent;
          }
          continue;
        }
        evaluate_lets(frame, lets);
        bool scoped = !scope_cached && rule.scope;
        if (scoped) evaluate_expression(*rule.scope, frame, scope_mask);
        Vec& value = lets[static_cast<std::size_t>(rule.value_slot)];
        evaluate_expression(*rule.value, frame, value);
        evaluate_expression(*rule.fail, frame, fail);
        if (rule.warn) evaluate_expression(*rule.warn, frame, warn);
        hits.clear();
        const bool plain = !scoped && !rule.warn && rule.spec->waivers.empty() && values == nullptr &&
                           value.null.empty() && fail.null.empty() && outcome.requested[s] &&
                           request_.under == kNoOrg;
        if (plain) {
          // The usual batch (every org in scope, no null value, no warning
          // band, no waiver, nothing else reads the values): the verdict is
          // the fail test's: nearly every cell of B1-B8 at M.
          // Without a branch: an eighth of B1's cells fail, in no order a
          // branch predictor could learn.
          static_assert(static_cast<int>(Verdict::kFail) - static_cast<int>(Verdict::kPass) == 2);
          std::size_t found = 0;
          for (std::size_t i = 0; i < size; ++i) {
            const auto failed = static_cast<uint8_t>(fail.num[i] != 0);
            verdicts[static_cast<std::size_t>(chunk[i])] =
                static_cast<Verdict>(static_cast<uint8_t>(Verdict::kPass) + 2 * failed);
            plain_hits[found] = i;
            found += failed;
          }
          hits.assign(plain_hits.get(), plain_hits.get() + found);
        }
        for (std::size_t i = 0; i < size && !plain; ++i) {
          auto org = static_cast<std::size_t>(chunk[i]);
          if (scoped && !scope_mask.truth(i)) continue;
          Verdict verdict;
          if (value.is_null(i)) {
            bool zero = !value.zero_denominator.empty() && value.zero_denominator[i];
            bool violation = zero && rule.value->on_zero == lang::ZeroDenominator::kViolation;
            verdict = violation ? Verdict::kFail : zero ? Verdict::kZeroDenominator : Verdict::kNoValue;
          } else if (fail.truth(i)) {
            verdict = Verdict::kFail;
          } else if (rule.warn && warn.truth(i)) {
            verdict = Verdict::kWarn;
          } else {
            verdict = Verdict::kPass;
          }
          if (is_finding(verdict)) {
            for (const auto& waiver : rule.spec->waivers) {
              if (waiver_applies(waiver, tree, chunk[i], period, request_.as_of)) verdict = Verdict::kWaived;
            }
          }
          verdicts[org] = verdict;
          if (values != nullptr && !value.is_null(i)) values[org] = value.number(i);
          if (is_finding(verdict) && outcome.requested[s] &&
              (request_.under == kNoOrg || tree.in_subtree(chunk[i], request_.under))) {
            hits.push_back(i);
          }
        }
        if (hits.empty()) continue;
        // What only findings need (the ratio's parts, the message) is
        // computed for the findings alone, in a frame of their orgs: most
        // cells pass.
        hit_orgs.resize(hits.size());
        for (std::size_t j = 0; j < hits.size(); ++j) hit_orgs[j] = chunk[hits[j]];
        Frame hit_frame = cell_frame(hit_orgs.data(), hit_orgs.size(), &periods, static_cast<int32_t>(s), nullptr);
        auto finding_values = [&](const BoundExpr& expr, bool expr_reads_lets, Vec& out) {
          if (expr.kind == BoundKind::kLet) {
            gather_items(lets[static_cast<std::size_t>(expr.index)], hits, out);
          } else if (expr_reads_lets) {
            evaluate_expression(expr, frame, scratch);
            gather_items(scratch, hits, out);
          } else {
            evaluate_expression(expr, hit_frame, out);
          }
        };
        if (rule.value_is_ratio) {
          finding_values(*rule.value->operands[0], numerator_reads_lets, numerator);
          finding_values(*rule.value->operands[1], denominator_reads_lets, denominator);
        }
        const bool full = request_.detail == EvaluationRequest::Detail::kFull;
        for (std::size_t m = 0; full && m < rule.message.size(); ++m) {
          const BoundExpr* part = rule.message[m].expr.get();
          if (part == nullptr) continue;
          if (part->kind == BoundKind::kPeriod) {
            // "{period}": the batch's one period, formatted once.
            message_values[m].reset(Type::kText, hits.size());
            std::fill(message_values[m].text.begin(), message_values[m].text.end(), period_text);
          } else {
            finding_values(*part, part_reads_lets[m], message_values[m]);
          }
          message_parts[m] = &message_values[m];
        }
        if (full) message.render_batch(message_parts, hits.size(), messages);
        FindingBatch& batch = period_findings[s].emplace_back();
        // The list's org runs for the ranking, from the batch's orgs (in
        // index order), not from the findings.
        batch.runs = FindingList::org_runs(hit_orgs.size(), [&](std::size_t j) { return hit_orgs[j]; });
        std::vector<Finding>& findings = batch.findings;
        const Finding blank;
        findings.reserve(hits.size());
        for (std::size_t j = 0; j < hits.size(); ++j) {
          const std::size_t i = hits[j];
          Verdict verdict = verdicts[static_cast<std::size_t>(chunk[i])];
          // Built in place, from a blank copied (88 bytes moved in a few
          // wide registers) rather than cleared (one `rep stos` each, slow
          // to start): half a million findings at M.
          Finding& finding = findings.emplace_back(blank);
          finding.rule = rule.index;
          finding.org = chunk[i];
          finding.period = period;
          finding.status = verdict;
          finding.value = value.is_null(i) ? Rational{} : value.number(i);
          if (rule.value_is_ratio && !numerator.is_null(j) && !denominator.is_null(j)) {
            Rational n = numerator.number(j);
            Rational d = denominator.number(j);
            if (n.denominator == 1 && d.denominator == 1) {
              finding.has_ratio = true;
              finding.numerator = n.numerator;
              finding.denominator = d.numerator;
            }
          }
          const bool warn_only = verdict == Verdict::kWarn;
          finding.value_micros = to_micros(finding.value);
          finding.score_micros = (warn_only ? warn_score : fail_score).micros(finding.value);
          if (full) finding.message = std::move(messages[j]);
          if (full && finding.has_ratio && !tree.children(chunk[i]).empty()) {
            // A pooled rate: who pulled it below the line it crossed.
            const Requirement requirement = requirement_of(rule, finding);
            if (requirement.has_threshold) {
              finding.pulled_down =
                  contributors(rule, chunk[i], static_cast<int32_t>(s), requirement.threshold);
            }
          }
        }
      }
    });
    std::vector<FindingBatch> lists;
    for (auto& period_lists : period_findings) {
      for (auto& list : period_lists) lists.push_back(std::move(list));
    }
    return lists;
  }

  std::vector<RatioValue> ratio_for_impl(const CompiledRule& rule, const std::vector<OrgIndex>& list,
                                         const Period& period) {
    std::vector<Period> periods{period};
    periods_.assign(plan_.rules.size(), {});
    periods_[static_cast<std::size_t>(rule.index)] = periods;
    outcome_.rules.resize(plan_.rules.size());
    runs_.resize(plan_.rules.size());
    run_mutexes_ = std::vector<std::mutex>(plan_.rules.size());
    Vec numerator;
    Vec denominator;
    ratio_parts(rule, list, 0, numerator, denominator);
    std::vector<RatioValue> result(list.size());
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (numerator.is_null(i) || denominator.is_null(i)) continue;
      result[i] = {true, numerator.number(i), denominator.number(i)};
    }
    return result;
  }

  // A ratio rule's numerator and denominator for `orgs` in one period slot:
  // the rule's lets first, since the ratio's operands usually name them.
  void ratio_parts(const CompiledRule& rule, const std::vector<OrgIndex>& orgs, int32_t slot, Vec& numerator,
                   Vec& denominator) {
    std::vector<Vec> lets(rule.lets.size() + 1);
    Frame frame = cell_frame(orgs.data(), orgs.size(), &periods_[static_cast<std::size_t>(rule.index)], slot, &lets);
    for (std::size_t k = 0; k < rule.lets.size(); ++k) {
      if (rule.lets[k].expr) evaluate_expression(*rule.lets[k].expr, frame, lets[k]);
    }
    evaluate_expression(*rule.value->operands[0], frame, numerator);
    evaluate_expression(*rule.value->operands[1], frame, denominator);
  }

  // The branches under `org` (the leaves of its subtree, however deep: a
  // county's roll-up names branches, not the township committees between)
  // whose own ratio (the rule's numerator and denominator evaluated for the
  // branch) falls short of the threshold, largest shortfall first: who
  // pulled the pooled rate down (DOMAIN.md §1 DOM-S2).
  std::vector<Contributor> contributors(const CompiledRule& rule, OrgIndex org, int32_t slot,
                                        const Rational& threshold) {
    const OrgTree& tree = dataset_.tree();
    std::vector<OrgIndex> list;
    for (OrgIndex member = org + 1; member < tree.subtree_end(org); ++member) {
      if (tree.subtree_end(member) == member + 1) list.push_back(member);
    }
    Vec numerator;
    Vec denominator;
    ratio_parts(rule, list, slot, numerator, denominator);
    std::vector<Contributor> result;
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (numerator.is_null(i) || denominator.is_null(i)) continue;
      Rational n = numerator.number(i);
      Rational d = denominator.number(i);
      Rational shortfall = subtract(multiply(threshold, d), n);
      if (shortfall.numerator <= 0 || n.denominator != 1 || d.denominator != 1) continue;
      result.push_back({list[i], n.numerator, d.numerator, shortfall});
    }
    std::sort(result.begin(), result.end(), [&](const Contributor& a, const Contributor& b) {
      int order = compare(a.shortfall, b.shortfall);
      if (order != 0) return order > 0;
      return tree.id_rank(a.org) < tree.id_rank(b.org);
    });
    if (result.size() > 5) result.resize(5);
    return result;
  }

  const Plan& plan_;
  const Dataset& dataset_;
  const Calendars& calendars_;
  const EvaluationRequest& request_;
  Aggregator aggregator_;
  std::vector<std::vector<Period>> periods_;
  std::vector<std::set<Period>> requested_;
  std::vector<bool> values_read_;
  std::vector<bool> streaks_read_;  // by rule: another rule reads streak(rule)
  Outcome outcome_;
  std::vector<std::vector<std::vector<uint8_t>>> runs_;
  std::vector<OrgIndex> every_org_;
  // Scopes that read no let, by their text (lang::to_string): rules run one
  // at a time, and so fill this one at a time.
  std::map<std::string, std::shared_ptr<const std::vector<OrgIndex>>> shared_scopes_;
  std::vector<std::mutex> run_mutexes_;
};

}  // namespace

CellExplanation explain_cell(const Plan& plan, const Dataset& dataset, const Calendars& calendars, int rule,
                             OrgIndex org, const Period& period) {
  EvaluationRequest request;
  request.threads = 1;
  request.periods = {period};
  request.rules = {rule};
  request.under = org;
  Evaluation evaluation(plan, dataset, calendars, request);
  return evaluation.explain(plan.rules[static_cast<std::size_t>(rule)], org, period);
}

std::vector<Evidence> collect_evidence(const Plan& plan, const Dataset& dataset, const Calendars& calendars, int rule,
                                       OrgIndex org, const Period& period, std::size_t limit) {
  EvaluationRequest request;
  request.threads = 1;
  Evaluation evaluation(plan, dataset, calendars, request);
  return evaluation.evidence_for(plan.rules[static_cast<std::size_t>(rule)], org, period, limit);
}

std::vector<RatioValue> evaluate_ratio(const Plan& plan, const Dataset& dataset, const Calendars& calendars,
                                       int rule, const std::vector<OrgIndex>& orgs, const Period& period) {
  const CompiledRule& compiled = plan.rules[static_cast<std::size_t>(rule)];
  CADENCE_ASSERT(compiled.value_is_ratio);
  EvaluationRequest request;
  request.threads = 1;
  Evaluation evaluation(plan, dataset, calendars, request);
  return evaluation.ratio_for(compiled, orgs, period);
}

Date rule_deadline(const Plan& plan, const Dataset& dataset, const Calendars& calendars, int rule,
                   const Period& period) {
  EvaluationRequest request;
  request.threads = 1;
  Evaluation evaluation(plan, dataset, calendars, request);
  return evaluation.deadline_for(plan.rules[static_cast<std::size_t>(rule)], period);
}

Outcome evaluate(const Plan& plan, const Dataset& dataset, const Calendars& calendars,
                 const EvaluationRequest& request) {
  Evaluation evaluation(plan, dataset, calendars, request);
  return evaluation.run();
}

}  // namespace cadence

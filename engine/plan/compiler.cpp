// Compiling a pack: parse → bind → check → order.
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/depth_first_search.hpp>
#include <boost/graph/topological_sort.hpp>

#include <algorithm>
#include <iterator>
#include <optional>
#include <set>

#include "engine/core/status.h"
#include "engine/lang/binder.h"
#include "engine/lang/builtin.h"
#include "engine/lang/parser.h"
#include "engine/lang/template.h"
#include "engine/plan/plan.h"

namespace cadence {

int Plan::find_rule(std::string_view id) const {
  for (const auto& rule : rules) {
    if (rule.spec->id == id) return rule.index;
  }
  return -1;
}

namespace {

using lang::BoundExpr;
using lang::BoundKind;
using lang::BoundPtr;
using lang::Type;

Comparison comparison_of(lang::BinaryOp op) {
  switch (op) {
    case lang::BinaryOp::kLess: return Comparison::kLess;
    case lang::BinaryOp::kLessEqual: return Comparison::kLessEqual;
    case lang::BinaryOp::kGreater: return Comparison::kGreater;
    case lang::BinaryOp::kGreaterEqual: return Comparison::kGreaterEqual;
    case lang::BinaryOp::kEqual: return Comparison::kEqual;
    case lang::BinaryOp::kNotEqual: return Comparison::kNotEqual;
    default: return Comparison::kOther;
  }
}

// `value <op> constant`: the threshold a condition compares against.
bool extract_threshold(const BoundExpr& condition, int value_slot, lang::Rational& threshold, Comparison& comparison) {
  if (condition.kind != BoundKind::kBinary || condition.operands.size() != 2) return false;
  const BoundExpr& left = *condition.operands[0];
  const BoundExpr& right = *condition.operands[1];
  if (left.kind != BoundKind::kLet || left.let_slot() != value_slot) return false;
  if (right.kind != BoundKind::kConstant || right.type != Type::kNumber) return false;
  comparison = comparison_of(condition.binary_op());
  if (comparison == Comparison::kOther) return false;
  threshold = right.constant().number;
  return true;
}

// Whether an expression reads anything but constants (an org's column, the
// period, a let, an aggregate, a function): then its value can vary by cell.
bool varies(const BoundExpr& expr) {
  if (expr.kind != BoundKind::kConstant && expr.kind != BoundKind::kUnary && expr.kind != BoundKind::kBinary &&
      expr.kind != BoundKind::kIf) {
    return true;
  }
  for (const auto& operand : expr.operands) {
    if (varies(*operand)) return true;
  }
  return false;
}

// `value <op> expression` with a number expression that varies by cell: the
// line a target or a per-org minimum draws (`value < 500 * year_share(period)`).
const BoundExpr* extract_line(const BoundExpr& condition, int value_slot, Comparison& comparison) {
  if (condition.kind != BoundKind::kBinary || condition.operands.size() != 2) return nullptr;
  const BoundExpr& left = *condition.operands[0];
  const BoundExpr& right = *condition.operands[1];
  if (left.kind != BoundKind::kLet || left.let_slot() != value_slot) return nullptr;
  if (!varies(right) || right.type != Type::kNumber) return nullptr;
  const Comparison found = comparison_of(condition.binary_op());
  if (found == Comparison::kOther || found == Comparison::kEqual || found == Comparison::kNotEqual) return nullptr;
  comparison = found;
  return &right;
}

// Why a rate's threshold outside [0, 1] is refused, and what to write: a
// number such as 60 meant 60 %; a percentage above 100 % (105%) would grade
// rates no true rate reaches, which only faulty data produces.
std::string rate_threshold_message(const lang::Rational& t, const char* example) {
  if (t.numerator > t.denominator && t.numerator <= 2 * t.denominator) {
    return "a rate threshold must lie in [0, 1]: a rate above 100 % means the numerator outgrew the denominator "
           "(more learners than members), which is a fault of the data, not a level to grade; to catch it compare "
           "the parts, e.g. fail: learners > active";
  }
  return std::string("a rate threshold must lie in [0, 1]; write a percentage such as ") + example;
}

bool is_constant_false(const BoundExpr& expr) {
  return expr.kind == BoundKind::kConstant && expr.type == Type::kBool && expr.constant().number.numerator == 0;
}

bool contains_avg_over_subtree(const BoundExpr& expr, const lang::AggregateTable& aggregates) {
  if (expr.kind == BoundKind::kAggregate) {
    const auto& spec = aggregates.at(expr.aggregate());
    if (spec.function == lang::AggregateFunction::kAvg && spec.over == lang::Over::kSubtree) return true;
  }
  for (const auto& operand : expr.operands) {
    if (contains_avg_over_subtree(*operand, aggregates)) return true;
  }
  return false;
}

class Compiler {
 public:
  Compiler(const Pack& pack, Diagnostics& diagnostics) : pack_(pack), diagnostics_(diagnostics) {}

  std::unique_ptr<Plan> run() {
    auto plan = std::make_unique<Plan>();
    plan->pack = &pack_;
    for (const auto& calendar : pack_.calendars.events) plan->event_calendars.push_back(calendar.name());
    for (const auto& source : pack_.calendars.event_sources) plan->event_calendars.push_back(source.name);
    event_calendar_kinds_ = event_calendar_kinds();
    check_unique_ids();
    for (std::size_t i = 0; i < pack_.rules.size(); ++i) {
      plan->rules.push_back(compile_rule(*plan, pack_.rules[i], static_cast<int>(i)));
    }
    order_rules(*plan);
    check_bulletin_figures(*plan);
    if (diagnostics_.has_errors()) return nullptr;
    return plan;
  }

 private:
  // The kind of period each event calendar holds, in plan.event_calendars
  // order: a listed calendar's if all its periods are of one kind, a
  // record-set calendar's from its column type.
  std::vector<std::optional<PeriodKind>> event_calendar_kinds() const {
    std::vector<std::optional<PeriodKind>> kinds;
    for (const auto& calendar : pack_.calendars.events) {
      std::optional<PeriodKind> kind;
      bool mixed = false;
      for (const auto& period : calendar.periods()) {
        if (kind && *kind != period.kind()) mixed = true;
        kind = period.kind();
      }
      kinds.push_back(mixed ? std::nullopt : kind);
    }
    for (const auto& source : pack_.calendars.event_sources) {
      std::optional<PeriodKind> kind;
      if (const RecordSetSchema* set = pack_.schema.find(source.record_set)) {
        int column = set->column_index(source.column);
        if (column >= 0 && is_period_type(set->columns[static_cast<std::size_t>(column)].type)) {
          kind = period_kind_of(set->columns[static_cast<std::size_t>(column)].type);
        }
      }
      kinds.push_back(kind);
    }
    return kinds;
  }

  // A bulletin's per-unit figure needs a rule that fits its measure: rate
  // and remaining read a ratio's n and d, a sum of ratios means nothing.
  void check_bulletin_figures(const Plan& plan) {
    for (const auto& bulletin : pack_.bulletins) {
      for (const auto& line : bulletin.per_unit) {
        for (const auto& figure : line.figures) {
          int index = plan.find_rule(figure.rule);
          if (index < 0) continue;  // the loader reported it
          bool ratio = plan.rules[static_cast<std::size_t>(index)].value_is_ratio;
          if ((figure.measure == FigureMeasure::kRate || figure.measure == FigureMeasure::kRemaining) &&
              !ratio) {
            diagnostics_.error(figure.span, "figure '" + figure.name +
                                                "' reads a ratio's parts, but the value of " + figure.rule +
                                                " is not ratio(n, d)");
          } else if (figure.measure == FigureMeasure::kSum && ratio) {
            diagnostics_.error(figure.span, "figure '" + figure.name + "' would add up the ratios of " +
                                                figure.rule + "; use 'rate' for the unit's pooled ratio");
          }
        }
      }
    }
  }

  void check_unique_ids() {
    std::map<std::string, const RuleSpec*> seen;
    for (const auto& rule : pack_.rules) {
      auto [it, inserted] = seen.emplace(rule.id, &rule);
      if (!inserted) {
        diagnostics_.error(rule.id_span, "duplicate rule id '" + rule.id + "' (first defined at line " +
                                             std::to_string(it->second->id_span.line) + ")");
      }
    }
  }

  lang::BindEnvironment environment(Plan& plan, const RuleSpec& rule, std::vector<int>* references) {
    lang::BindEnvironment env;
    env.schema = &pack_.schema;
    env.aggregates = &plan.aggregates;
    for (const auto& other : pack_.rules) env.rules.push_back({other.id, other.cadence});
    env.event_calendars = plan.event_calendars;
    env.event_calendar_kinds = event_calendar_kinds_;
    env.cadence = rule.cadence;
    env.rule_references = references;
    return env;
  }

  BoundPtr bind_text(const ExprText& text, lang::BindEnvironment& env) {
    if (!text.present()) return nullptr;
    lang::ExprPtr parsed = lang::parse_expression(text.text, text.where, diagnostics_);
    if (!parsed) return nullptr;
    return lang::bind_expression(*parsed, env, diagnostics_);
  }

  void expect_bool(const BoundPtr& expr, std::string_view what) {
    if (expr && expr->type != Type::kBool && expr->type != Type::kNull) {
      diagnostics_.error(expr->span, std::string(what) + " must be a condition (bool), got " +
                                         std::string(lang::to_string(expr->type)));
    }
  }

  CompiledRule compile_rule(Plan& plan, const RuleSpec& rule, int index) {
    CompiledRule compiled;
    compiled.spec = &rule;
    compiled.index = index;
    compiled.shortfall = rule.shortfall;
    auto env = environment(plan, rule, &compiled.depends_on);

    bind_lets(compiled, rule, env);
    compiled.scope = bind_text(rule.scope, env);
    expect_bool(compiled.scope, "scope");
    compiled.scope_depends_on_period = compiled.scope && compiled.scope->depends_on_period;
    bind_value(compiled, plan, rule, env);
    CADENCE_ASSERT(compiled.value_slot == static_cast<int>(compiled.lets.size()));

    env.value_visible = true;
    env.value_type = compiled.value ? compiled.value->type : Type::kNull;
    env.value_slot = compiled.value_slot;
    bind_conditions(compiled, rule, env);
    if (compiled.fail) check_fail_threshold(compiled, plan);
    if (compiled.warn) check_warn_threshold(compiled);
    choose_shortfall(compiled, rule);
    find_event_calendar(compiled, plan, rule);
    compile_message(compiled, rule, env);
    std::sort(compiled.depends_on.begin(), compiled.depends_on.end());
    compiled.depends_on.erase(std::unique(compiled.depends_on.begin(), compiled.depends_on.end()),
                              compiled.depends_on.end());
    return compiled;
  }

  // The rule's lets, in order: each sees the ones before it.
  void bind_lets(CompiledRule& compiled, const RuleSpec& rule, lang::BindEnvironment& env) {
    for (const auto& let : rule.lets) {
      BoundPtr bound = bind_text(let.expr, env);
      lang::LetInfo info{let.name, bound ? bound->type : Type::kNull, bound ? bound->depends_on_period : true};
      for (const auto& earlier : env.lets) {
        if (earlier.name == let.name) diagnostics_.error(let.name_span, "let '" + let.name + "' is defined twice");
      }
      static const char* const kReserved[] = {"value", "org", "period", "threshold"};
      for (const char* reserved : kReserved) {
        if (let.name == reserved) diagnostics_.error(let.name_span, "'" + let.name + "' is a reserved name");
      }
      env.lets.push_back(info);
      compiled.lets.push_back({let.name, std::move(bound)});
    }
  }

  // The value takes the slot after the lets.
  void bind_value(CompiledRule& compiled, const Plan& plan, const RuleSpec& rule, lang::BindEnvironment& env) {
    if (!rule.value.present()) {
      diagnostics_.error(rule.span, "rule '" + rule.id + "' has no value");
    }
    compiled.value = bind_text(rule.value, env);
    compiled.value_slot = static_cast<int>(compiled.lets.size());
    if (compiled.value) {
      compiled.value_is_ratio =
          compiled.value->kind == BoundKind::kCall && compiled.value->builtin().is("ratio");
      compiled.value_is_streak =
          compiled.value->kind == BoundKind::kCall && compiled.value->builtin().is("streak");
      if (compiled.value->type != Type::kNumber && compiled.value->type != Type::kBool &&
          compiled.value->type != Type::kNull) {
        diagnostics_.error(compiled.value->span, "a rule's value must be a number or a condition, got " +
                                                     std::string(lang::to_string(compiled.value->type)));
      }
      if (compiled.value_is_ratio && !std::get<lang::ZeroPolicy>(compiled.value->call()).declared) {
        diagnostics_.warning(compiled.value->span,
                             "ratio() without on_zero: a zero denominator skips the org for that period; "
                             "declare on_zero: skip, violation or a value");
      }
    }
    if (compiled.value && contains_avg_over_subtree(*compiled.value, plan.aggregates)) {
      diagnostics_.warning(compiled.value->span,
                           "avg() over a subtree averages rows; rates are pooled (sum of numerators / sum of "
                           "denominators), see DOMAIN.md §0");
    }
  }

  // fail, warn, deadline and target: they see the value.
  void bind_conditions(CompiledRule& compiled, const RuleSpec& rule, lang::BindEnvironment& env) {
    CADENCE_ASSERT(env.value_visible);
    // A paced target is the fail condition: bound first, as its fail.
    const bool paced = !rule.fail.present() && rule.target && rule.target->amount.present();
    if (paced) bind_target(compiled, rule, env);
    if (!rule.fail.present() && !paced) {
      diagnostics_.error(rule.span, "rule '" + rule.id + "' has no fail condition (fail: or target:)");
    }
    compiled.fail = paced ? paced_target_fail(compiled, env) : bind_text(rule.fail, env);
    expect_bool(compiled.fail, "fail");
    compiled.warn = bind_text(rule.warn, env);
    expect_bool(compiled.warn, "warn");
    compiled.deadline = bind_text(rule.deadline, env);
    if (compiled.deadline && compiled.deadline->type != Type::kDate && compiled.deadline->type != Type::kNull) {
      diagnostics_.error(compiled.deadline->span, "deadline must be a date, got " +
                                                      std::string(lang::to_string(compiled.deadline->type)));
    }
    if (rule.target && !paced) bind_target(compiled, rule, env);
  }

  void bind_target(CompiledRule& compiled, const RuleSpec& rule, lang::BindEnvironment& env) {
    compiled.target = bind_text(rule.target->amount, env);
    if (compiled.target && compiled.target->type != Type::kNumber) {
      diagnostics_.error(compiled.target->span, "target must be a number");
    }
  }

  // An annual target paced linearly is a fail condition of its own
  // (DESIGN.md "annual targets with pacing"): the cumulative value against
  // target × elapsed share of the year at the period's end,
  // `value < target * year_share(period)`, built from the bound target (an
  // explicit `fail:` overrides it). Null when the target did not bind.
  BoundPtr paced_target_fail(const CompiledRule& compiled, const lang::BindEnvironment& env) {
    if (!compiled.target || compiled.target->type != Type::kNumber) return nullptr;
    const SourceSpan& span = compiled.target->span;
    if (env.value_type != Type::kNumber && env.value_type != Type::kNull) {
      diagnostics_.error(span, "a target needs a number value, got " + std::string(lang::to_string(env.value_type)));
      return nullptr;
    }
    auto value = lang::make_bound(BoundKind::kLet, env.value_type, span);
    value->payload_as<lang::LetRef>().slot = env.value_slot;
    value->depends_on_period = true;
    auto period = lang::make_bound(BoundKind::kPeriod, Type::kPeriod, span);
    period->depends_on_period = true;
    auto share = lang::make_bound(BoundKind::kCall, Type::kNumber, span);
    share->payload_as<lang::CallNode>().builtin = &lang::builtin("year_share");
    share->depends_on_period = true;
    share->operands.push_back(std::move(period));
    auto expected = lang::make_bound(BoundKind::kBinary, Type::kNumber, span);
    expected->payload_as<lang::BinaryNode>().op = lang::BinaryOp::kMultiply;
    expected->depends_on_period = true;
    expected->operands.push_back(lang::clone(*compiled.target));
    expected->operands.push_back(std::move(share));
    auto fail = lang::make_bound(BoundKind::kBinary, Type::kBool, span);
    fail->payload_as<lang::BinaryNode>().op = lang::BinaryOp::kLess;
    fail->depends_on_period = true;
    fail->operands.push_back(std::move(value));
    fail->operands.push_back(std::move(expected));
    return fail;
  }

  // `value <op> constant` in fail: the threshold, and the conditions that
  // can never fire or make no sense for a rate.
  void check_fail_threshold(CompiledRule& compiled, const Plan& plan) {
    CADENCE_ASSERT(compiled.fail != nullptr);
    compiled.has_threshold =
        extract_threshold(*compiled.fail, compiled.value_slot, compiled.threshold, compiled.comparison);
    if (!compiled.has_threshold) compiled.line = extract_line(*compiled.fail, compiled.value_slot, compiled.comparison);
    if (compiled.line != nullptr && compiled.value_is_ratio) {
      // A finding carries either a rate's parts or its line, never both.
      diagnostics_.error(compiled.line->span,
                         "a rate can only be compared with a constant, such as value < 60%: the gap in people and "
                         "the score need a fixed line; for a line that varies compare the rate's parts instead, "
                         "e.g. fail: learners < target * active");
      compiled.line = nullptr;
    }
    if (is_constant_false(*compiled.fail)) {
      diagnostics_.warning(compiled.fail->span, "this fail condition is always false: the rule can never fire");
    }
    if (compiled.has_threshold && compiled.value_is_ratio) {
      const auto& t = compiled.threshold;
      if (t.numerator < 0 || t.numerator > t.denominator) {
        diagnostics_.error(compiled.fail->operands[1]->span, rate_threshold_message(t, "60%"));
      }
    }
    // `count(...) < 0` can never hold: counts start at zero.
    bool value_is_count = compiled.value && compiled.value->kind == BoundKind::kAggregate &&
                          plan.aggregates.at(compiled.value->aggregate()).function == lang::AggregateFunction::kCount;
    if (compiled.has_threshold && value_is_count && compiled.comparison == Comparison::kLess &&
        compiled.threshold.numerator <= 0) {
      diagnostics_.warning(compiled.fail->span, "a count is never below 0: the rule can never fire");
    }
  }

  void check_warn_threshold(CompiledRule& compiled) {
    CADENCE_ASSERT(compiled.warn != nullptr);
    compiled.warn_has_threshold = extract_threshold(*compiled.warn, compiled.value_slot, compiled.warn_threshold,
                                                    compiled.warn_comparison);
    if (compiled.warn_has_threshold && compiled.value_is_ratio) {
      const auto& t = compiled.warn_threshold;
      if (t.numerator < 0 || t.numerator > t.denominator) {
        diagnostics_.error(compiled.warn->operands[1]->span, rate_threshold_message(t, "80%"));
      }
    }
  }

  // shortfall: auto is relative for `ratio < threshold` and for a value
  // below a line that varies (a target: 0 of 42 is further behind than 499
  // of 500), else in units (contract.md: 1 for count and presence rules).
  void choose_shortfall(CompiledRule& compiled, const RuleSpec& rule) {
    const bool below = compiled.comparison == Comparison::kLess || compiled.comparison == Comparison::kLessEqual;
    if (compiled.shortfall == ShortfallKind::kAuto) {
      bool relative = below && ((compiled.value_is_ratio && compiled.has_threshold) || compiled.line != nullptr);
      compiled.shortfall = relative ? ShortfallKind::kRelative : ShortfallKind::kUnit;
    } else if (compiled.shortfall == ShortfallKind::kRelative && !(below && (compiled.has_threshold || compiled.line))) {
      diagnostics_.error(rule.span,
                         "shortfall: relative measures how far the value is below its line, so it needs a fail "
                         "condition of the form 'value < threshold' or 'value <= threshold' (a constant or an "
                         "expression such as a target); write shortfall: unit for any other condition");
    }
  }

  // `only_events:` names one of plan.event_calendars.
  void find_event_calendar(CompiledRule& compiled, const Plan& plan, const RuleSpec& rule) {
    if (rule.only_events.empty()) return;
    const auto& names = plan.event_calendars;
    auto found = std::find(names.begin(), names.end(), rule.only_events);
    if (found == names.end()) {
      diagnostics_.error(rule.only_events_span, "unknown event calendar '" + rule.only_events + "'");
    } else {
      compiled.event_calendar = static_cast<int>(found - names.begin());
    }
  }

  // "{org.name} {period} 参学率 {value:percent}": text and placeholders
  // (engine/lang/template.h); a placeholder is an expression with an
  // optional format.
  void compile_message(CompiledRule& compiled, const RuleSpec& rule, lang::BindEnvironment& env) {
    auto parts = lang::parse_template(rule.message.text, rule.message.where, "message", diagnostics_);
    static const char* const kFormats[] = {"", "percent", "int", "decimal", "date"};
    for (auto& part : parts) {
      if (part.kind == lang::TemplatePart::Kind::kLiteral) {
        compiled.message.push_back({std::move(part.literal), nullptr, ""});
        continue;
      }
      if (std::find(std::begin(kFormats), std::end(kFormats), part.format) == std::end(kFormats)) {
        diagnostics_.error(part.format_span, "unknown format '" + part.format + "' (known: percent, int, decimal, date)");
      }
      BoundPtr bound;
      if (part.expression == "threshold") {
        // The rule's own threshold, as a constant.
        bound = lang::make_bound(BoundKind::kConstant, Type::kNumber, SourceSpan{});
        bound->payload_as<lang::Constant>().type = compiled.has_threshold ? Type::kNumber : Type::kNull;
        bound->payload_as<lang::Constant>().number = compiled.threshold;
      } else {
        auto parsed = lang::parse_expression(part.expression, part.expression_origin, diagnostics_);
        if (parsed) bound = lang::bind_expression(*parsed, env, diagnostics_);
      }
      if (bound) compiled.message.push_back({"", std::move(bound), part.format});
    }
  }

  // Rule dependencies form a DAG; Boost.Graph orders them. A cycle is an
  // error naming its rules in order.
  void order_rules(Plan& plan) {
    using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
    const int count = static_cast<int>(plan.rules.size());
    Graph graph(static_cast<std::size_t>(count));
    for (const auto& rule : plan.rules) {
      for (int dependency : rule.depends_on) {
        if (dependency == rule.index) {
          diagnostics_.error(rule.spec->id_span, "rule '" + rule.spec->id + "' depends on itself");
          continue;
        }
        boost::add_edge(static_cast<std::size_t>(dependency), static_cast<std::size_t>(rule.index), graph);
      }
    }
    if (diagnostics_.has_errors()) return;
    std::vector<std::size_t> reversed;
    try {
      boost::topological_sort(graph, std::back_inserter(reversed));
    } catch (const boost::not_a_dag&) {
      report_cycle(plan);
      return;
    }
    for (auto it = reversed.rbegin(); it != reversed.rend(); ++it) plan.order.push_back(static_cast<int>(*it));
  }

  void report_cycle(const Plan& plan) {
    // Walk dependencies from each rule until a rule repeats: that loop is a cycle.
    std::set<std::vector<int>> reported;
    for (const auto& start : plan.rules) {
      std::vector<int> path{start.index};
      std::vector<int> position(plan.rules.size(), -1);
      position[static_cast<std::size_t>(start.index)] = 0;
      int current = start.index;
      while (!plan.rules[static_cast<std::size_t>(current)].depends_on.empty()) {
        int next = plan.rules[static_cast<std::size_t>(current)].depends_on.front();
        if (position[static_cast<std::size_t>(next)] >= 0) {
          std::vector<int> cycle(path.begin() + position[static_cast<std::size_t>(next)], path.end());
          auto smallest = std::min_element(cycle.begin(), cycle.end());
          std::rotate(cycle.begin(), smallest, cycle.end());
          if (reported.insert(cycle).second) {
            std::string text;
            for (int rule : cycle) text += plan.rules[static_cast<std::size_t>(rule)].spec->id + " → ";
            text += plan.rules[static_cast<std::size_t>(cycle.front())].spec->id;
            diagnostics_.error(plan.rules[static_cast<std::size_t>(cycle.front())].spec->id_span,
                               "rules depend on each other in a cycle: " + text);
          }
          break;
        }
        position[static_cast<std::size_t>(next)] = static_cast<int>(path.size());
        path.push_back(next);
        current = next;
      }
    }
  }

  const Pack& pack_;
  Diagnostics& diagnostics_;
  std::vector<std::optional<PeriodKind>> event_calendar_kinds_;
};

}  // namespace

std::unique_ptr<Plan> compile(const Pack& pack, Diagnostics& diagnostics) {
  Compiler compiler(pack, diagnostics);
  return compiler.run();
}

std::string explain(const Plan& plan) {
  std::string out = "pack " + plan.pack->id + " " + plan.pack->version + "\n";
  out += "aggregates:\n";
  for (int i = 0; i < plan.aggregates.size(); ++i) {
    const auto& spec = plan.aggregates.at(i);
    out += "  #" + std::to_string(i) + " " + spec.canonical + (spec.snapshot ? "  [snapshot]" : "") + "\n";
  }
  out += "rules (evaluation order):\n";
  for (int index : plan.order) {
    const CompiledRule& rule = plan.rules[static_cast<std::size_t>(index)];
    const RuleSpec& spec = *rule.spec;
    out += "  " + spec.id + " every " + std::string(to_string(spec.cadence));
    char weight[32];
    std::snprintf(weight, sizeof weight, "%g", spec.weight);
    out += ", weight " + std::string(weight);
    if (rule.event_calendar >= 0) out += ", only " + spec.only_events;
    out += "\n";
    for (std::size_t slot = 0; slot < rule.lets.size(); ++slot) {
      out += "    let " + std::to_string(slot) + " " + rule.lets[slot].name + " = " +
             (rule.lets[slot].expr ? lang::to_string(*rule.lets[slot].expr) : "?") + "\n";
    }
    if (rule.scope) {
      out += "    scope " + lang::to_string(*rule.scope) +
             (rule.scope_depends_on_period ? "  [per period]" : "  [once]") + "\n";
    }
    if (rule.value) out += "    value (let " + std::to_string(rule.value_slot) + ") = " + lang::to_string(*rule.value) + "\n";
    if (rule.fail) out += "    fail " + lang::to_string(*rule.fail) + "\n";
    if (rule.warn) out += "    warn " + lang::to_string(*rule.warn) + "\n";
    if (rule.deadline) out += "    deadline " + lang::to_string(*rule.deadline) + "\n";
    out += std::string("    shortfall ") + (rule.shortfall == ShortfallKind::kRelative ? "relative" : "unit");
    if (rule.has_threshold) {
      out += ", threshold " + std::to_string(rule.threshold.numerator) +
             (rule.threshold.denominator == 1 ? "" : "/" + std::to_string(rule.threshold.denominator));
    }
    out += "\n";
    if (!rule.depends_on.empty()) {
      out += "    after";
      for (int dependency : rule.depends_on) out += " " + plan.rules[static_cast<std::size_t>(dependency)].spec->id;
      out += "\n";
    }
  }
  return out;
}

}  // namespace cadence

// `cadence explain --rule R --org O --period P`: one finding (or pass) in
// words and numbers — the rule and the plan clause it encodes, the org and
// the period's dates, every let and the value, the threshold and the
// verdict, the gap to compliance, the score, and the evidence: the records
// that made the value (or their absence). With --run N, the finding as that
// recorded run had it.
#include <algorithm>
#include <array>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>

#include "adapters/i18n/translate.h"
#include "adapters/cli/commands.h"
#include "adapters/cli/pack_session.h"
#include "adapters/cli/period_selection.h"
#include "adapters/store/store.h"
#include "engine/eval/evaluator.h"
#include "engine/eval/message.h"
#include "engine/eval/requirement.h"

namespace cadence {
namespace {

// The engine's verdict names (engine/eval/finding.h), translated where shown.
constexpr std::array kVerdictNames{tr_noop("out of scope"), tr_noop("pass"),
                                   tr_noop("warn"),         tr_noop("fail"),
                                   tr_noop("no event in this period"), tr_noop("zero denominator"),
                                   tr_noop("waived"),       tr_noop("no value")};
static_assert(kVerdictNames.size() == 8);

struct ExplainCommand {
  std::string db = "cadence.db";
  std::string pack;
  std::string rule;
  std::string org;
  std::string period;
  int64_t run = 0;
  bool run_given = false;
};

std::string org_label(const Dataset& dataset, OrgIndex org) {
  const RecordSet& orgs = dataset.orgs();
  std::string label = dataset.tree().id(org);
  for (const char* attribute : {"name", "kind", "category"}) {
    int column = orgs.schema().column_index(attribute);
    if (column < 0) continue;
    const Column& values = orgs.column(static_cast<std::size_t>(column));
    if (!values.is_null(static_cast<std::size_t>(org))) label += " " + values.format(static_cast<std::size_t>(org));
  }
  return label + ", depth " + std::to_string(dataset.tree().depth(org));
}

int explain_recorded(Store& store, const ExplainCommand& command) {
  auto runs = store.audit_runs();
  if (!runs.is_ok()) {
    std::cerr << "cadence explain: " << runs.status().message() << "\n";
    return 2;
  }
  if (std::none_of(runs->begin(), runs->end(), [&](const AuditRun& run) { return run.id == command.run; })) {
    std::cerr << "cadence explain: " << fill(tr("no run {1} in the store (see cadence history)"), {std::to_string(command.run)})
              << "\n";
    return 2;
  }
  auto findings = store.run_findings(command.run);
  if (!findings.is_ok()) {
    std::cerr << "cadence explain: " << findings.status().message() << "\n";
    return 2;
  }
  for (const auto& finding : *findings) {
    if (finding.rule != command.rule || finding.org_id != command.org || finding.period != command.period) continue;
    std::cout << fill(tr("run {1}: {2} {3} {4}: {5}"),
                      {std::to_string(command.run), finding.rule, finding.org_id, finding.period, tr(finding.status)})
              << "\n  " << fill(tr("value {1}"), {format_micros(finding.value_micros)});
    if (finding.numerator && finding.denominator) {
      std::cout << " (" << *finding.numerator << "/" << *finding.denominator << ")";
    }
    std::cout << fill(tr(", score {1}"), {format_micros(finding.score_micros)})
              << (finding.gap.empty() ? std::string() : fill(tr(", needs {1}"), {finding.gap})) << "\n  "
              << finding.message << "\n";
    return 0;
  }
  std::cout << fill(tr("run {1} recorded no finding for {2} {3} {4}"),
                    {std::to_string(command.run), command.rule, command.org, command.period})
            << "\n";
  return 0;
}

int run_explain(const ExplainCommand& command) {
  if (command.run_given && command.run <= 0) {
    std::cerr << "cadence explain: "
              << fill(tr("--run must be a run id (see cadence history), not {1}"), {std::to_string(command.run)}) << "\n";
    return 2;
  }
  auto store = Store::open(command.db, StoreAccess::kReadOnly);
  if (!store.is_ok()) {
    std::cerr << "cadence explain: " << fill(tr("cannot open the store {1}: {2}"), {command.db, store.status().message()})
              << "\n";
    return 2;
  }
  if (command.run_given) return explain_recorded(*store, command);
  auto compiled = load_compiled_pack(resolve_pack_path(command.pack), false);
  if (!compiled) return 2;
  const Plan& plan = *compiled->plan;
  int rule_index = plan.find_rule(command.rule);
  if (rule_index < 0) {
    std::cerr << "cadence explain: " << fill(tr("the pack has no rule '{1}'"), {command.rule}) << "\n";
    return 2;
  }
  const CompiledRule& rule = plan.rules[static_cast<std::size_t>(rule_index)];
  auto period = parse_period_option("--period", command.period, std::nullopt);
  if (!period.is_ok()) {
    std::cerr << "cadence explain: " << period.status().message() << "\n";
    return 2;
  }
  if (period->kind() != rule.spec->cadence) {
    std::cerr << "cadence explain: --period must be a " << to_string(rule.spec->cadence) << " (rule "
              << rule.spec->id << " runs every " << to_string(rule.spec->cadence) << ")\n";
    return 2;
  }
  Diagnostics diagnostics;
  auto dataset = store->load_dataset(compiled->pack->schema, diagnostics);
  if (!dataset.is_ok()) {
    std::cerr << render_all(diagnostics) << "cadence explain: " << tr("cannot load the data") << "\n";
    return 2;
  }
  auto org = dataset->tree().find(command.org);
  if (!org) {
    std::cerr << "cadence explain: " << fill(tr("no org with id '{1}'"), {command.org}) << "\n";
    return 2;
  }
  Calendars calendars = resolve_calendars(plan, *dataset);
  CellExplanation cell;
  std::vector<Evidence> evidence_list;
  try {
    cell = explain_cell(plan, *dataset, calendars, rule_index, *org, *period);
    evidence_list = collect_evidence(plan, *dataset, calendars, rule_index, *org, *period);
  } catch (const CalendarRangeError& error) {
    return report_calendar_range_error(*compiled, "explain", error);
  }
  const RuleSpec& spec = *rule.spec;
  std::cout << fill(tr("rule    {1} — {2}"), {spec.id, spec.title}) << "\n";
  std::cout << fill(tr("source  {1}"), {spec.source}) << "\n";
  std::cout << fill(tr("org     {1}"), {org_label(*dataset, *org)}) << "\n";
  std::cout << fill(tr("period  {1} ({2}..{3})"),
                    {period->to_string(), period->first_day().to_string(), period->last_day().to_string()})
            << "\n";
  std::cout << fill(tr("verdict {1}"), {tr(std::string(to_string(cell.verdict)))}) << "\n";
  if (cell.verdict == Verdict::kOutOfScope) return 0;
  for (const auto& [name, value] : cell.lets) std::cout << "  " << name << " = " << value << "\n";
  std::cout << "  value = " << cell.value << "   (" << spec.value.text << ")\n";
  std::cout << "  " << fill(tr("fails when {1}"), {spec.fail.text}) << "\n";
  if (!spec.warn.text.empty()) std::cout << "  " << fill(tr("warns when {1}"), {spec.warn.text}) << "\n";
  if (cell.finding) {
    const Finding& finding = *cell.finding;
    if (finding.has_ratio) {
      std::cout << "  " << tr("ratio") << " " << finding.numerator << "/" << finding.denominator << " = "
                << format_micros(finding.value_micros) << "\n";
    }
    const Requirement requirement = requirement_of(rule, finding);
    if (requirement.has_threshold) {
      std::cout << "  " << tr("threshold") << " " << format_micros(to_micros(requirement.threshold)) << "\n";
    }
    if (requirement.has_gap) {
      std::cout << "  "
                << fill(tr("gap: needs {1}"), {gap_text(requirement) + (spec.unit.empty() ? "" : " " + tr(spec.unit))})
                << "\n";
    } else {
      std::cout << "  " << tr("gap: not measured (the fail condition does not compare the value with a line)") << "\n";
    }
    std::cout << "  "
              << fill(tr("score {1} = weight {2} × (1 + shortfall)"),
                      {format_micros(finding.score_micros), (std::ostringstream() << spec.weight).str()})
              << "\n";
    std::cout << "  " << fill(tr("message: {1}"), {finding.message}) << "\n";
    for (const auto& contributor : finding.pulled_down) {
      std::cout << "  "
                << fill(tr("pulled down by {1}: {2}/{3}, short by {4}"),
                        {org_label(*dataset, contributor.org), std::to_string(contributor.numerator),
                         std::to_string(contributor.denominator), format_number(contributor.shortfall, "decimal")})
                << "\n";
    }
  }
  std::cout << tr("evidence") << "\n";
  for (const auto& evidence : evidence_list) {
    std::cout << "  "
              << fill(evidence.matching == 1 ? tr("{1} over {2}: {3} row") : tr("{1} over {2}: {3} rows"),
                      {evidence.aggregate, evidence.window, std::to_string(evidence.matching)})
              << (evidence.matching == 0 ? tr(" (the absence is the data)") : "") << "\n";
    const RecordSet* set = dataset->find(evidence.record_set);
    if (set == nullptr || evidence.rows.empty()) continue;
    std::string header = "    ";
    for (std::size_t c = 0; c < set->column_count(); ++c) header += (c ? "," : "") + set->schema().columns[c].name;
    std::cout << header << "\n";
    for (uint32_t row : evidence.rows) {
      std::string line = "    ";
      for (std::size_t c = 0; c < set->column_count(); ++c) line += (c ? "," : "") + set->column(c).format(row);
      std::cout << line << "\n";
    }
    if (evidence.matching > evidence.rows.size()) {
      std::cout << "    … " << fill(tr("{1} more"), {std::to_string(evidence.matching - evidence.rows.size())}) << "\n";
    }
  }
  return 0;
}

}  // namespace

CommandRunner register_explain(CLI::App& app) {
  auto command = std::make_shared<ExplainCommand>();
  auto* sub = app.add_subcommand("explain", "Explain one finding: the computation, the evidence, the gap");
  sub->add_option("--db", command->db, "The store (SQLite file)")->capture_default_str();
  sub->add_option("--pack", command->pack, "The rule pack");
  sub->add_option("--rule", command->rule, "Rule id")->required();
  sub->add_option("--org", command->org, "Org id")->required();
  sub->add_option("--period", command->period, "Period, e.g. 2023-W10")->required();
  auto* run = sub->add_option("--run", command->run, "Show the finding as this recorded run had it");
  return [command, run] {
    command->run_given = run->count() > 0;
    return run_explain(*command);
  };
}

}  // namespace cadence

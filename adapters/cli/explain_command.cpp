// `cadence explain --rule R --org O --period P`: one finding (or pass) in
// words and numbers — the rule and the plan clause it encodes, the org and
// the period's dates, every let and the value, the threshold and the
// verdict, the gap to compliance, the score, and the evidence: the records
// that made the value (or their absence). With --run N, the finding as that
// recorded run had it.
#include <algorithm>
#include <iostream>
#include <memory>
#include <string>

#include "adapters/cli/commands.h"
#include "adapters/cli/pack_session.h"
#include "adapters/cli/period_selection.h"
#include "adapters/store/store.h"
#include "engine/eval/evaluator.h"
#include "engine/eval/message.h"
#include "engine/eval/requirement.h"

namespace cadence {
namespace {

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
    std::cerr << "cadence explain: no run " << command.run << " in the store (see cadence history)\n";
    return 2;
  }
  auto findings = store.run_findings(command.run);
  if (!findings.is_ok()) {
    std::cerr << "cadence explain: " << findings.status().message() << "\n";
    return 2;
  }
  for (const auto& finding : *findings) {
    if (finding.rule != command.rule || finding.org_id != command.org || finding.period != command.period) continue;
    std::cout << "run " << command.run << ": " << finding.rule << " " << finding.org_id << " " << finding.period
              << ": " << finding.status << "\n  value " << format_micros(finding.value_micros);
    if (finding.numerator && finding.denominator) {
      std::cout << " (" << *finding.numerator << "/" << *finding.denominator << ")";
    }
    std::cout << ", score " << format_micros(finding.score_micros) << (finding.gap.empty() ? "" : ", needs " + finding.gap) << "\n  "
              << finding.message << "\n";
    return 0;
  }
  std::cout << "run " << command.run << " recorded no finding for " << command.rule << " " << command.org << " "
            << command.period << "\n";
  return 0;
}

int run_explain(const ExplainCommand& command) {
  if (command.run_given && command.run <= 0) {
    std::cerr << "cadence explain: --run must be a run id (see cadence history), not " << command.run << "\n";
    return 2;
  }
  auto store = Store::open(command.db, StoreAccess::kReadOnly);
  if (!store.is_ok()) {
    std::cerr << "cadence explain: cannot open the store " << command.db << ": " << store.status().message() << "\n";
    return 2;
  }
  if (command.run_given) return explain_recorded(*store, command);
  auto compiled = load_compiled_pack(resolve_pack_path(command.pack), false);
  if (!compiled) return 2;
  const Plan& plan = *compiled->plan;
  int rule_index = plan.find_rule(command.rule);
  if (rule_index < 0) {
    std::cerr << "cadence explain: the pack has no rule '" << command.rule << "'\n";
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
    std::cerr << render_all(diagnostics) << "cadence explain: cannot load the data\n";
    return 2;
  }
  auto org = dataset->tree().find(command.org);
  if (!org) {
    std::cerr << "cadence explain: no org with id '" << command.org << "'\n";
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
  std::cout << "rule    " << spec.id << " — " << spec.title << "\n";
  std::cout << "source  " << spec.source << "\n";
  std::cout << "org     " << org_label(*dataset, *org) << "\n";
  std::cout << "period  " << period->to_string() << " (" << period->first_day().to_string() << ".."
            << period->last_day().to_string() << ")\n";
  std::cout << "verdict " << to_string(cell.verdict) << "\n";
  if (cell.verdict == Verdict::kOutOfScope) return 0;
  for (const auto& [name, value] : cell.lets) std::cout << "  " << name << " = " << value << "\n";
  std::cout << "  value = " << cell.value << "   (" << spec.value.text << ")\n";
  std::cout << "  fails when " << spec.fail.text << "\n";
  if (!spec.warn.text.empty()) std::cout << "  warns when " << spec.warn.text << "\n";
  if (cell.finding) {
    const Finding& finding = *cell.finding;
    if (finding.has_ratio) {
      std::cout << "  ratio " << finding.numerator << "/" << finding.denominator << " = "
                << format_micros(finding.value_micros) << "\n";
    }
    const Requirement requirement = requirement_of(rule, finding);
    if (requirement.has_threshold) {
      std::cout << "  threshold " << format_micros(to_micros(requirement.threshold)) << "\n";
    }
    if (requirement.has_gap) {
      std::cout << "  gap: needs " << gap_text(requirement) << (spec.unit.empty() ? "" : " " + spec.unit) << "\n";
    } else {
      std::cout << "  gap: not measured (the fail condition does not compare the value with a line)\n";
    }
    std::cout << "  score " << format_micros(finding.score_micros) << " = weight " << spec.weight << " × (1 + shortfall)\n";
    std::cout << "  message: " << finding.message << "\n";
    for (const auto& contributor : finding.pulled_down) {
      std::cout << "  pulled down by " << org_label(*dataset, contributor.org) << ": " << contributor.numerator << "/"
                << contributor.denominator << ", short by " << format_number(contributor.shortfall, "decimal")
                << "\n";
    }
  }
  std::cout << "evidence\n";
  for (const auto& evidence : evidence_list) {
    std::cout << "  " << evidence.aggregate << " over " << evidence.window << ": " << evidence.matching
              << (evidence.matching == 1 ? " row" : " rows") << (evidence.matching == 0 ? " (the absence is the data)" : "")
              << "\n";
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
      std::cout << "    … " << evidence.matching - evidence.rows.size() << " more\n";
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

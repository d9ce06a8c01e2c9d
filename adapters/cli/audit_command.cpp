#include <chrono>
#include <ctime>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <utility>

#include "adapters/cli/commands.h"
#include "adapters/cli/pack_session.h"
#include "adapters/cli/period_selection.h"
#include "adapters/cli/report_output.h"
#include "adapters/i18n/translate.h"
#include "adapters/report/audit_report.h"
#include "adapters/report/run_diff.h"
#include "adapters/store/coded_findings.h"
#include "adapters/store/finding_codec.h"
#include "adapters/store/store.h"
#include "engine/eval/audit_schedule.h"
#include "engine/eval/evaluator.h"
#include "engine/rank/bulletin.h"
#include "engine/rank/ranking.h"

namespace cadence {
namespace {

std::optional<AuditFormat> parse_format(const std::string& name) {
  if (name == "table") return AuditFormat::kTable;
  if (name == "csv") return AuditFormat::kCsv;
  if (name == "contract") return AuditFormat::kContractCsv;
  if (name == "json") return AuditFormat::kJson;
  if (name == "md" || name == "markdown") return AuditFormat::kMarkdown;
  return std::nullopt;
}

struct AuditCommand {
  std::string db = "cadence.db";
  std::string pack;
  PeriodOptions periods;
  std::string under;
  std::string format = "table";
  std::string csv_encoding = "utf-8";
  std::string out;
  bool fail_on = false;     // --fail-on given
  std::string fail_on_level;  // its level: empty = any finding
  bool dry_run = false;
  bool timings = false;
  bool since_last = false;
  int threads = 2;
  int limit = 20;
};

// The run as the store keeps it: what was evaluated on which data.
AuditRun describe_run(const Pack& pack, const PeriodSelection& selection, const std::vector<ImportBatch>& batches,
                      std::size_t findings) {
  AuditRun run;
  run.pack_id = pack.id;
  run.pack_version = pack.version;
  run.pack_checksum = pack.checksum;
  for (const auto& period : selection.periods) run.periods += (run.periods.empty() ? "" : ",") + period.to_string();
  run.as_of = selection.as_of ? selection.as_of->to_string() : "";
  run.batches = batch_ids(batches);  // the batches of the snapshot read
  run.started_at = now_utc();
  run.finding_count = static_cast<int64_t>(findings);
  return run;
}

// The store's earlier runs of this pack, for the weekly audit's "not yet
// audited" (engine/eval/audit_schedule.h).
Result<std::vector<PastAudit>> past_audits(Store& store, const Pack& pack) {
  auto runs = store.audit_runs();
  if (!runs.is_ok()) return runs.status();
  std::vector<PastAudit> history;
  for (const auto& run : *runs) {
    if (run.pack_id != pack.id) continue;
    PastAudit past;
    for (const auto& name : run_period_names(run)) {
      if (auto period = Period::parse(name)) past.periods.push_back(*period);
    }
    if (!run.as_of.empty()) past.as_of = Date::parse(run.as_of);
    past.recorded_on = local_date_of(run.started_at);
    history.push_back(std::move(past));
  }
  return history;
}

// Org id → name, for the comparison with the last run.
std::map<std::string, std::string> org_names(const Dataset& dataset) {
  std::map<std::string, std::string> names;
  const OrgTree& tree = dataset.tree();
  for (OrgIndex org = 0; org < tree.size(); ++org) names.emplace(tree.id(org), org_display_name(dataset, org));
  return names;
}

// A rate above 100 % passes a floor as written; say so once per rule, with
// the first org, so that the data is checked before anyone is commended.
void warn_rates_above_one(const Plan& plan, const Dataset& dataset, const Outcome& outcome) {
  for (std::size_t r = 0; r < outcome.rules.size(); ++r) {
    const RuleOutcome& rule = outcome.rules[r];
    int64_t cells = 0;
    OrgIndex first = kNoOrg;
    std::size_t first_slot = 0;
    for (std::size_t slot = 0; slot < rule.rates_above_one.size(); ++slot) {
      if (!rule.requested[slot] || rule.rates_above_one[slot] == 0) continue;
      cells += rule.rates_above_one[slot];
      if (first == kNoOrg) {
        first = rule.first_above_one[slot];
        first_slot = slot;
      }
    }
    if (cells == 0) continue;
    std::cerr << "cadence audit: warning: rule " << plan.rules[r].spec->id << " has a rate above 100 % in " << cells
              << (cells == 1 ? " cell" : " cells") << " (first: " << dataset.tree().id(first) << " in "
              << rule.periods[first_slot].to_string()
              << "): more are counted than the denominator holds, a fault of the data that the rule grades as "
                 "written; check the data before commending anyone.\n";
  }
}

int run_audit(const AuditCommand& command) {
  auto format = parse_format(command.format);
  if (!format) {
    std::cerr << "cadence audit: " << fill(tr("unknown --format '{1}' (table, csv, contract, json, md)"), {command.format}) << "\n";
    return 2;
  }
  PeriodOptions period_options = command.periods;
  auto today_date = today();
  if (!today_date.is_ok()) {
    std::cerr << "cadence audit: " << today_date.status().message() << "\n";
    return 2;
  }
  period_options.today = *today_date;
  auto selection = select_periods(period_options);
  if (!selection.is_ok()) {
    std::cerr << "cadence audit: " << selection.status().message() << "\n";
    return 2;
  }
  std::optional<RuleSeverity> fail_level = RuleSeverity::kLow;
  if (!command.fail_on_level.empty()) fail_level = parse_rule_severity(command.fail_on_level);
  if (!fail_level) {
    std::cerr << "cadence audit: unknown --fail-on level '" << command.fail_on_level
              << "' (low, medium, high, critical; without a level: any finding)\n";
    return 2;
  }
  auto compiled = load_compiled_pack(resolve_pack_path(command.pack), false);
  if (!compiled) return 2;
  // A dry run only reads: it works on a store it cannot write.
  auto store = Store::open(command.db, command.dry_run ? StoreAccess::kReadOnly : StoreAccess::kWriteExisting);
  if (!store.is_ok()) {
    std::cerr << "cadence audit: " << fill(tr("cannot open the store {1}: {2}"), {command.db, store.status().message()})
              << (command.dry_run ? "" : tr(" (--dry-run audits without recording the run)")) << "\n";
    return 2;
  }
  // One read transaction from the data to the recording of the run: the
  // data, its batches and the earlier runs all come from one state of the
  // store, and the run records exactly the batches of that snapshot, even
  // when an import commits meanwhile (Store::save_audit_run).
  if (Status status = store->begin_read(); !status.is_ok()) {
    std::cerr << "cadence audit: " << fill(tr("cannot read the store {1}: {2}"), {command.db, status.message()}) << "\n";
    return 2;
  }
  using Clock = std::chrono::steady_clock;
  auto phase_start = Clock::now();
  auto phase = [&](const char* name) {
    auto now = Clock::now();
    if (command.timings) {
      std::cerr << "cadence audit: " << name << " "
                << std::chrono::duration_cast<std::chrono::milliseconds>(now - phase_start).count() << " ms\n";
    }
    phase_start = now;
  };
  Diagnostics diagnostics;
  auto dataset = store->load_dataset(compiled->pack->schema, diagnostics);
  phase("load");
  if (!diagnostics.empty()) std::cerr << render_all(diagnostics);
  if (!dataset.is_ok()) {
    std::cerr << "cadence audit: " << fill(tr("cannot load the data: {1}"), {dataset.status().message()}) << "\n";
    return 2;
  }
  // The batches the data came from: read in the same transaction.
  auto batches = store->batches();
  if (!batches.is_ok()) {
    std::cerr << "cadence audit: " << batches.status().message() << "\n";
    return 2;
  }
  std::optional<AuditRun> previous;
  if (command.since_last && !command.dry_run) {
    auto runs = store->audit_runs();
    if (runs.is_ok() && !runs->empty()) previous = runs->back();
  }
  Calendars calendars = resolve_calendars(*compiled->plan, *dataset);
  EvaluationRequest request;
  if (selection->weekly_audit) {
    auto history = past_audits(*store, *compiled->pack);
    if (!history.is_ok()) {
      std::cerr << "cadence audit: " << fill(tr("cannot read the run history: {1}"), {history.status().message()}) << "\n";
      return 2;
    }
    AuditSchedule schedule;
    try {
      schedule = schedule_weekly_audit(*compiled->plan, *dataset, calendars, *selection->weekly_audit,
                                       *selection->as_of, *history);
    } catch (const CalendarRangeError& error) {
      return report_calendar_range_error(*compiled, "audit", error);
    }
    if (schedule.all.size() > kMaxPeriodsPerAudit) {
      std::cerr << "cadence audit: "
                << fill(tr("the weekly audit would grade {1} periods (everything due by {2} since the store's first "
                           "audited year); an audit evaluates at most {3}: audit explicit periods instead"),
                        {std::to_string(schedule.all.size()), selection->as_of->to_string(),
                         std::to_string(kMaxPeriodsPerAudit)})
                << "\n";
      return 2;
    }
    request.rule_periods = std::move(schedule.rule_periods);
    selection->periods = std::move(schedule.all);
    selection->description = describe_periods(selection->periods) + " (due by " + selection->as_of->to_string() +
                             " and not yet audited)";
  }
  request.periods = selection->periods;
  request.as_of = selection->as_of;
  request.threads = command.threads;
  // The contract's five columns need no messages; a recorded run keeps them.
  if (*format == AuditFormat::kContractCsv && command.dry_run) request.detail = EvaluationRequest::Detail::kScores;
  if (!command.under.empty()) {
    auto org = dataset->tree().find(command.under);
    if (!org) {
      std::cerr << "cadence audit: " << fill(tr("--under: no org with id '{1}'"), {command.under}) << "\n";
      return 2;
    }
    request.under = *org;
  }
  std::cerr << "cadence audit: " << fill(tr("periods {1}"), {selection->description}) << "\n";
  Outcome outcome;
  try {
    outcome = evaluate(*compiled->plan, *dataset, calendars, request);
  } catch (const CalendarRangeError& error) {
    return report_calendar_range_error(*compiled, "audit", error);
  }
  phase("evaluate");
  warn_rates_above_one(*compiled->plan, *dataset, outcome);
  auto ranked = rank_findings(*compiled->plan, *dataset, outcome.findings, command.threads);
  // The CSV formats carry findings only; the roll-up is for people's formats.
  bool wants_rollups = *format != AuditFormat::kCsv && *format != AuditFormat::kContractCsv;
  std::vector<Rollup> rollups;
  if (wants_rollups) rollups = rollup_findings(*compiled->plan, *dataset, ranked);
  phase("rank");

  AuditReportInput input;
  input.plan = compiled->plan.get();
  input.dataset = &*dataset;
  input.ranked = &ranked;
  input.rollups = &rollups;
  input.periods = selection->periods;
  const std::vector<WaivedFinding> waived = waived_findings(*compiled->plan, dataset->tree(), outcome.rules, request);
  input.waived = &waived;
  input.table_limit = command.out.empty() && *format == AuditFormat::kTable ? command.limit : 0;
  if (command.csv_encoding == "gb18030") input.csv_encoding = CsvEncoding::kGb18030;
  // The report is written whole (and flushed) before the run is recorded: a
  // report lost to a full disk or a closed pipe records nothing, and an
  // --out file appears only once the run is recorded.
  auto output = ReportOutput::open(command.out);
  if (!output.is_ok()) {
    std::cerr << "cadence audit: " << output.status().message() << "\n";
    return 2;
  }
  write_audit_report(input, *format, output->stream());
  if (Status status = output->finish(); !status.is_ok()) {
    std::cerr << "cadence audit: " << status.message() << (command.dry_run ? "" : tr("; the run was not recorded"))
              << "\n";
    return 2;
  }
  phase("report");
  AuditRun run;
  if (!command.dry_run) {
    CodedFindings coded = to_coded(*compiled->plan, *dataset, outcome.findings);
    run = describe_run(*compiled->pack, *selection, *batches, coded.findings.size());
    // --since-last: the comparison is printed, and the standard output
    // checked, before the run is recorded, so that a lost write records
    // nothing; the new run has no id yet ("this run", run_diff.h).
    if (previous) {
      auto before = store->run_findings(previous->id);
      auto after = store::decode_findings(store::kFindingFormat, store::encode_findings(coded));
      if (before.is_ok() && after.is_ok()) {
        std::cout << "\n" << tr("Since the last run:") << "\n"
                  << format_diff(*previous, run, diff_runs(*previous, *before, run, *after, {}),
                                 org_names(*dataset));
      }
      if (Status status = flush_standard_output(); !status.is_ok()) {
        std::cerr << "cadence audit: " << status.message() << tr("; the run was not recorded") << "\n";
        return 2;
      }
    }
    auto id = store->save_audit_run(run, coded);
    if (!id.is_ok()) {
      std::cerr << "cadence audit: " << fill(tr("could not record the run: {1}"), {id.status().message()})
                << (output->to_file() ? fill(tr("; {1} was not written"), {command.out}) : "") << "\n";
      return 2;
    }
    run.id = *id;
    phase("record run");
  }
  store->end_read();
  if (Status status = output->publish(); !status.is_ok()) {
    std::cerr << "cadence audit: " << status.message() << "\n";
    return 2;
  }
  if (output->to_file()) {
    std::cerr << "cadence audit: "
              << fill(tr("{1} findings written to {2}"), {std::to_string(outcome.findings.size()), command.out}) << "\n";
  }
  if (!command.dry_run) std::cerr << "cadence audit: " << fill(tr("recorded as run {1}"), {std::to_string(run.id)}) << "\n";
  if (!command.fail_on) return 0;
  // --fail-on LEVEL: only findings of rules at or above LEVEL (waived ones
  // are not findings).
  for (const Finding& finding : outcome.findings) {
    if (compiled->plan->rules[static_cast<std::size_t>(finding.rule)].spec->severity >= *fail_level) return 1;
  }
  return 0;
}

}  // namespace

void add_period_options(CLI::App& command, PeriodOptions& periods) {
  command.add_option("--week", periods.weeks, "ISO week(s) to audit, e.g. 2023-W10");
  command.add_option("--month", periods.months, "Month(s), e.g. 2023-03");
  command.add_option("--quarter", periods.quarters, "Quarter(s), e.g. 2023-Q1");
  command.add_option("--year", periods.years, "Every period lying in the year, e.g. 2023");
  command.add_option("--from", periods.from, "First day of a range (YYYY-MM-DD)");
  command.add_option("--to", periods.to, "Last day of a range (YYYY-MM-DD)");
  command.add_option("--as-of", periods.as_of, "The audit's date: which deadlines have passed (YYYY-MM-DD)");
  command.add_flag("--allow-future", periods.allow_future,
                   "Accept an as-of date after today (such a run never counts as grading)");
}

CommandRunner register_audit(CLI::App& app) {
  auto command = std::make_shared<AuditCommand>();
  auto* sub = app.add_subcommand("audit", "Run the audit for a week, month or range");
  sub->add_option("--db", command->db, "The store (SQLite file)")->capture_default_str();
  sub->add_option("--pack", command->pack, "The rule pack");
  add_period_options(*sub, command->periods);
  sub->add_option("--under", command->under, "Only orgs in the subtree of this org id");
  sub->add_option("--format", command->format, "table, csv, contract, json or md")->capture_default_str();
  sub->add_option("--out", command->out, "Write the report to this file");
  sub->add_option("--csv-encoding", command->csv_encoding,
                  "--format csv for people: utf-8 (with a byte order mark, default) or gb18030")
      ->check(CLI::IsMember({"utf-8", "gb18030"}));
  sub->add_option("--limit", command->limit, "Terminal table: at most this many orgs")->capture_default_str();
  sub->add_option("--threads", command->threads, "Worker threads")->capture_default_str();
  sub->add_option("--fail-on", command->fail_on_level,
                  "Exit 1 when there are findings; with a level (low, medium, high, critical) only findings of "
                  "rules at or above it")
      ->expected(0, 1);
  sub->add_flag("--dry-run", command->dry_run, "Do not record the run in the store");
  sub->add_flag("--timings", command->timings, "Print how long each phase took (stderr)");
  sub->add_flag("--since-last", command->since_last, "Compare with the previous recorded run");
  return [command, sub] {
    command->fail_on = sub->count("--fail-on") > 0;
    return run_audit(*command);
  };
}

}  // namespace cadence

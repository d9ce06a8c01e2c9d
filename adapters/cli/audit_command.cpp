#include <chrono>
#include <ctime>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>

#include "adapters/cli/commands.h"
#include "adapters/cli/pack_session.h"
#include "adapters/cli/period_selection.h"
#include "adapters/report/audit_report.h"
#include "adapters/report/run_diff.h"
#include "adapters/store/store.h"
#include "engine/eval/audit_schedule.h"
#include "engine/eval/evaluator.h"
#include "engine/eval/message.h"
#include "engine/eval/requirement.h"
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
  std::string out;
  bool fail_on = false;
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
  for (const auto& batch : batches) run.batches += (run.batches.empty() ? "" : ",") + std::to_string(batch.id);
  run.started_at = now_utc();
  run.finding_count = static_cast<int64_t>(findings);
  return run;
}

// Hands out a dictionary code per distinct value (a period, a verdict, a
// gap), its key two integers, adding the value's text to `texts` the first
// time. Values repeat in runs (one verdict, one org's weeks), so the last key
// is checked before the hash.
class ValueCodes {
 public:
  using Key = std::pair<uint64_t, uint64_t>;

  explicit ValueCodes(std::vector<std::string>& texts) : texts_(texts) {}

  template <typename MakeText>
  uint32_t code(const Key& key, MakeText make_text) {
    if (!texts_.empty() && key == last_key_) return last_code_;
    auto [entry, inserted] = codes_.try_emplace(key, static_cast<uint32_t>(texts_.size()));
    if (inserted) texts_.push_back(make_text());
    last_key_ = key;
    last_code_ = entry->second;
    return last_code_;
  }

 private:
  struct Hash {
    std::size_t operator()(const Key& key) const {
      return std::hash<uint64_t>()(key.first * 0x9e3779b97f4a7c15ULL ^ key.second);
    }
  };
  std::vector<std::string>& texts_;
  std::unordered_map<Key, uint32_t, Hash> codes_;
  Key last_key_;
  uint32_t last_code_ = 0;
};

// The findings as the store records them: rule ids, org ids, periods,
// verdicts and gaps once each, so that recording builds a string per
// distinct text rather than five per finding. The messages are views of
// `findings`' own, which outlive the save.
CodedFindings to_coded(const Plan& plan, const Dataset& dataset, const FindingList& findings) {
  CodedFindings coded;
  coded.rules.reserve(plan.rules.size());
  for (const auto& rule : plan.rules) coded.rules.push_back(rule.spec->id);
  const OrgTree& tree = dataset.tree();
  coded.org_ids.reserve(static_cast<std::size_t>(tree.size()));
  for (OrgIndex org = 0; org < tree.size(); ++org) coded.org_ids.push_back(tree.id(org));
  ValueCodes periods(coded.periods);
  ValueCodes statuses(coded.statuses);
  ValueCodes gaps(coded.gaps);
  coded.findings.reserve(findings.size());
  for (const auto& finding : findings) {
    CodedFindings::Finding& row = coded.findings.emplace_back();
    row.rule = static_cast<uint32_t>(finding.rule);
    row.org = static_cast<uint32_t>(finding.org);
    // Kind, year and index name a period (ordinal() would compute dates).
    const Period& period = finding.period;
    row.period =
        periods.code({static_cast<uint64_t>(period.kind()) << 32 | static_cast<uint32_t>(period.year()),
                      static_cast<uint64_t>(static_cast<uint32_t>(period.index()))},
                     [&] { return period.to_string(); });
    row.status = statuses.code({static_cast<uint64_t>(finding.status), 0},
                               [&] { return std::string(to_string(finding.status)); });
    // The gap's text depends on its value alone (format_number without a
    // format), so equal values share a code.
    const Rational gap = requirement_of(plan.rules[static_cast<std::size_t>(finding.rule)], finding).gap;
    row.gap = gaps.code({static_cast<uint64_t>(gap.numerator), static_cast<uint64_t>(gap.denominator)},
                        [&] { return format_number(gap, ""); });
    row.value_micros = finding.value_micros;
    row.score_micros = finding.score_micros;
    if (finding.has_ratio) {
      row.numerator = finding.numerator;
      row.denominator = finding.denominator;
    }
    row.message = finding.message;
  }
  return coded;
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

int run_audit(const AuditCommand& command) {
  auto format = parse_format(command.format);
  if (!format) {
    std::cerr << "cadence audit: unknown --format '" << command.format << "' (table, csv, contract, json, md)\n";
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
  auto compiled = load_compiled_pack(resolve_pack_path(command.pack), false);
  if (!compiled) return 2;
  auto store = Store::open(command.db);
  if (!store.is_ok()) {
    std::cerr << "cadence audit: cannot open the store " << command.db << ": " << store.status().message() << "\n";
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
    std::cerr << "cadence audit: cannot load the data: " << dataset.status().message() << "\n";
    return 2;
  }
  Calendars calendars = resolve_calendars(*compiled->plan, *dataset);
  EvaluationRequest request;
  if (selection->weekly_audit) {
    auto history = past_audits(*store, *compiled->pack);
    if (!history.is_ok()) {
      std::cerr << "cadence audit: cannot read the run history: " << history.status().message() << "\n";
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
      std::cerr << "cadence audit: the weekly audit would grade " << schedule.all.size()
                << " periods (everything due by " << selection->as_of->to_string()
                << " since the store's first audited year); an audit evaluates at most " << kMaxPeriodsPerAudit
                << ": audit explicit periods instead\n";
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
      std::cerr << "cadence audit: --under: no org with id '" << command.under << "'\n";
      return 2;
    }
    request.under = *org;
  }
  std::cerr << "cadence audit: periods " << selection->description << "\n";
  Outcome outcome;
  try {
    outcome = evaluate(*compiled->plan, *dataset, calendars, request);
  } catch (const CalendarRangeError& error) {
    return report_calendar_range_error(*compiled, "audit", error);
  }
  phase("evaluate");
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
  input.table_limit = command.out.empty() && *format == AuditFormat::kTable ? command.limit : 0;
  if (command.out.empty()) {
    write_audit_report(input, *format, std::cout);
  } else {
    std::ofstream file(command.out, std::ios::binary);
    write_audit_report(input, *format, file);
    file.close();
    if (!file) {
      std::cerr << "cadence audit: cannot write " << command.out << "\n";
      return 2;
    }
    std::cerr << "cadence audit: " << outcome.findings.size() << " findings written to " << command.out << "\n";
  }
  phase("report");
  if (!command.dry_run) {
    auto batches = store->batches();
    if (!batches.is_ok()) {
      std::cerr << "cadence audit: " << batches.status().message() << "\n";
      return 2;
    }
    std::optional<AuditRun> previous;
    if (command.since_last) {
      auto runs = store->audit_runs();
      if (runs.is_ok() && !runs->empty()) previous = runs->back();
    }
    CodedFindings coded = to_coded(*compiled->plan, *dataset, outcome.findings);
    AuditRun run = describe_run(*compiled->pack, *selection, *batches, coded.findings.size());
    auto id = store->save_audit_run(run, coded);
    if (!id.is_ok()) {
      std::cerr << "cadence audit: could not record the run: " << id.status().message() << "\n";
      return 2;
    }
    run.id = *id;
    phase("record run");
    std::cerr << "cadence audit: recorded as run " << run.id << "\n";
    if (previous) {
      auto before = store->run_findings(previous->id);
      auto after = store->run_findings(run.id);
      if (before.is_ok() && after.is_ok()) {
        std::cout << "\nSince the last run:\n" << format_diff(*previous, run, diff_runs(*previous, *before, run, *after, {}));
      }
    }
  }
  return command.fail_on && !outcome.findings.empty() ? 1 : 0;
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
  sub->add_option("--limit", command->limit, "Terminal table: at most this many orgs")->capture_default_str();
  sub->add_option("--threads", command->threads, "Worker threads")->capture_default_str();
  sub->add_flag("--fail-on", command->fail_on, "Exit 1 when there are findings");
  sub->add_flag("--dry-run", command->dry_run, "Do not record the run in the store");
  sub->add_flag("--timings", command->timings, "Print how long each phase took (stderr)");
  sub->add_flag("--since-last", command->since_last, "Compare with the previous recorded run");
  return [command] { return run_audit(*command); };
}

}  // namespace cadence

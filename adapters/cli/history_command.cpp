// `cadence history`: the audit runs recorded in the store, oldest first.
// `cadence diff RUN_A RUN_B`: their findings classified as new, persisting
// (open since when), revised or resolved (adapters/report/run_diff.h).
#include <iostream>
#include <map>
#include <memory>
#include <string>

#include "adapters/i18n/people_dates.h"
#include "adapters/i18n/translate.h"
#include "adapters/cli/commands.h"
#include "adapters/cli/pack_session.h"
#include "adapters/report/run_diff.h"
#include "adapters/store/store.h"

namespace cadence {
namespace {

struct HistoryCommand {
  std::string db = "cadence.db";
  bool imports = false;  // --imports: the import batches instead of the audit runs
};

// The subtrees a snapshot covered, shortened for a terminal line: the first
// three roots and how many there are (the store keeps them all).
std::string covered_for_people(const std::string& covered) {
  if (covered.empty()) return "-";
  std::size_t count = 1;
  std::size_t third_comma = std::string::npos;
  for (std::size_t at = 0; at < covered.size(); ++at) {
    if (covered[at] != ',') continue;
    if (++count == 4) third_comma = at;
  }
  if (count <= 3) return covered;
  return fill(tr("{1}, … ({2} orgs)"), {covered.substr(0, third_comma), std::to_string(count)});
}

// `cadence history --imports`: every import batch, oldest first, undone
// ones marked; the ids are what `cadence import --undo` takes.
int list_imports(Store& store) {
  auto batches = store.batches();
  if (!batches.is_ok()) {
    std::cerr << "cadence history: " << batches.status().message() << "\n";
    return 2;
  }
  if (batches->empty()) {
    std::cout << tr("no imports recorded yet") << "\n";
    return 0;
  }
  std::cout << tr("batch") << "\t" << tr("imported") << "\t" << tr("record set") << "\t" << tr("added") << "\t"
            << tr("updated") << "\t" << tr("unchanged") << "\t" << tr("rows closed") << "\t" << tr("rejected") << "\t"
            << tr("export date") << "\t" << tr("covers") << "\t" << tr("undone") << "\t" << tr("file") << "\n";
  for (const ImportBatch& batch : *batches) {
    std::cout << batch.id << "\t" << stored_time_for_people(batch.imported_at) << "\t" << batch.record_set << "\t"
              << batch.rows_added << "\t" << batch.rows_replaced << "\t" << batch.rows_unchanged << "\t"
              << batch.rows_closed << "\t" << batch.rows_rejected << "\t"
              << (batch.as_of.empty() ? std::string("-") : batch.as_of) << "\t" << covered_for_people(batch.covered)
              << "\t" << (batch.undone_at.empty() ? std::string("-") : stored_time_for_people(batch.undone_at)) << "\t"
              << batch.file << "\n";
  }
  return 0;
}

struct DiffCommand {
  std::string db = "cadence.db";
  std::string pack;  // for the orgs' names (its schema reads the orgs); default as other commands
  int64_t older = 0;
  int64_t newer = 0;
};

int run_history(const HistoryCommand& command) {
  auto store = Store::open(command.db, StoreAccess::kReadOnly);
  if (!store.is_ok()) {
    std::cerr << "cadence history: " << fill(tr("cannot open the store {1}: {2}"), {command.db, store.status().message()})
              << "\n";
    return 2;
  }
  if (command.imports) return list_imports(*store);
  auto runs = store->audit_runs();
  if (!runs.is_ok()) {
    std::cerr << "cadence history: " << runs.status().message() << "\n";
    return 2;
  }
  if (runs->empty()) {
    std::cout << tr("no audit runs recorded yet") << "\n";
    return 0;
  }
  // Chinese: the start in China Standard Time; English: the stored UTC text.
  std::cout << tr("run") << "\t" << (current_language() == Language::kEnglish ? "started (UTC)" : tr("started"))
            << "\t" << tr("pack") << "\t" << tr("findings") << "\t" << tr("as of") << "\t" << tr("periods") << "\n";
  for (const auto& run : *runs) {
    std::string periods = run.periods.size() > 60 ? run.periods.substr(0, 57) + "..." : run.periods;
    std::cout << run.id << "\t" << stored_time_for_people(run.started_at) << "\t" << run.pack_id << " " << run.pack_version << "\t"
              << run.finding_count << "\t" << (run.as_of.empty() ? "-" : run.as_of) << "\t" << periods << "\n";
  }
  return 0;
}

// Org id → name from the store's orgs, read with the pack's schema; empty
// (ids alone are printed) when the pack or the orgs cannot be read.
std::map<std::string, std::string> org_names(Store& store, const std::string& pack_path) {
  std::map<std::string, std::string> names;
  auto compiled = load_compiled_pack(resolve_pack_path(pack_path), false);
  if (!compiled) return names;
  const RecordSetSchema* orgs = compiled->pack->schema.find("orgs");
  if (orgs == nullptr) return names;
  Diagnostics diagnostics;
  auto rows = store.load_record_set(*orgs, diagnostics);
  if (!rows.is_ok() || !*rows) return names;
  const RecordSet& set = **rows;
  const Column& ids = set.column("id");
  const Column& texts = set.column("name");
  for (std::size_t row = 0; row < set.rows(); ++row) {
    if (ids.is_null(row) || texts.is_null(row)) continue;
    names.emplace(std::string(ids.text(row)), std::string(texts.text(row)));
  }
  return names;
}

int run_diff(const DiffCommand& command) {
  auto store = Store::open(command.db, StoreAccess::kReadOnly);
  if (!store.is_ok()) {
    std::cerr << "cadence diff: " << fill(tr("cannot open the store {1}: {2}"), {command.db, store.status().message()})
              << "\n";
    return 2;
  }
  // The runs and their findings from one state of the store.
  if (Status status = store->begin_read(); !status.is_ok()) {
    std::cerr << "cadence diff: " << fill(tr("cannot read the store {1}: {2}"), {command.db, status.message()}) << "\n";
    return 2;
  }
  auto runs = store->audit_runs();
  if (!runs.is_ok()) {
    std::cerr << "cadence diff: " << runs.status().message() << "\n";
    return 2;
  }
  const AuditRun* older = nullptr;
  const AuditRun* newer = nullptr;
  for (const auto& run : *runs) {
    if (run.id == command.older) older = &run;
    if (run.id == command.newer) newer = &run;
  }
  if (older == nullptr || newer == nullptr) {
    std::cerr << "cadence diff: "
              << fill(tr("no run {1} in the store (see cadence history)"),
                      {std::to_string(older == nullptr ? command.older : command.newer)})
              << "\n";
    return 2;
  }
  // "Open since": the first run, up to the newer one, that recorded each finding.
  std::map<FindingIdentity, int64_t> first_seen;
  for (const auto& run : *runs) {
    if (run.id > newer->id) break;
    auto findings = store->run_findings(run.id);
    if (!findings.is_ok()) {
      std::cerr << "cadence diff: " << findings.status().message() << "\n";
      return 2;
    }
    for (const auto& finding : *findings) first_seen.emplace(FindingIdentity{finding.rule, finding.org_id, finding.period}, run.id);
  }
  auto before = store->run_findings(older->id);
  auto after = store->run_findings(newer->id);
  if (!before.is_ok() || !after.is_ok()) {
    std::cerr << "cadence diff: " << tr("cannot read the runs' findings") << "\n";
    return 2;
  }
  std::cout << format_diff(*older, *newer, diff_runs(*older, *before, *newer, *after, first_seen),
                           org_names(*store, command.pack));
  return 0;
}

}  // namespace

CommandRunner register_history(CLI::App& app) {
  auto command = std::make_shared<HistoryCommand>();
  auto* sub = app.add_subcommand("history", "List the audit runs recorded in the store");
  sub->add_option("--db", command->db, "The store (SQLite file)")->capture_default_str();
  sub->add_flag("--imports", command->imports, "List the import batches (ids for cadence import --undo)");
  return [command] { return run_history(*command); };
}

CommandRunner register_diff(CLI::App& app) {
  auto command = std::make_shared<DiffCommand>();
  auto* sub = app.add_subcommand(
      "diff", "Compare two audit runs over the periods both graded: new, persisting, revised, resolved findings");
  sub->add_option("--db", command->db, "The store (SQLite file)")->capture_default_str();
  sub->add_option("--pack", command->pack, "The rule pack whose schema reads the orgs' names");
  sub->add_option("older", command->older, "The earlier run id")->required();
  sub->add_option("newer", command->newer, "The later run id")->required();
  return [command] { return run_diff(*command); };
}

}  // namespace cadence

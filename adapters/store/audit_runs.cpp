#include <sqlite3.h>

#include "adapters/store/statement.h"
#include "adapters/store/store.h"

namespace cadence {

using store::Statement;

Result<int64_t> Store::save_audit_run(const AuditRun& run, const std::vector<StoredFinding>& findings) {
  if (Status status = begin(); !status.is_ok()) return status;
  Statement insert_run(db_,
                       "INSERT INTO audit_runs(pack_sha256, periods, started_at, pack_id, pack_version, as_of, "
                       "batches, finding_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  if (!insert_run.ok()) {
    rollback();
    return insert_run.status();
  }
  insert_run.bind(1, run.pack_checksum);
  insert_run.bind(2, run.periods);
  insert_run.bind(3, run.started_at);
  insert_run.bind(4, run.pack_id);
  insert_run.bind(5, run.pack_version);
  if (run.as_of.empty()) {
    insert_run.bind_null(6);
  } else {
    insert_run.bind(6, run.as_of);
  }
  insert_run.bind(7, run.batches);
  insert_run.bind(8, static_cast<int64_t>(findings.size()));
  insert_run.step();
  if (!insert_run.ok()) {
    rollback();
    return insert_run.status();
  }
  const int64_t id = sqlite3_last_insert_rowid(db_);
  Statement insert_finding(db_,
                           "INSERT INTO findings(run_id, rule, org_id, period, status, value, score, value_micros, "
                           "score_micros, numerator, denominator, gap, message) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (!insert_finding.ok()) {
    rollback();
    return insert_finding.status();
  }
  for (const auto& finding : findings) {
    insert_finding.reset();
    insert_finding.bind(1, id);
    insert_finding.bind(2, finding.rule);
    insert_finding.bind(3, finding.org_id);
    insert_finding.bind(4, finding.period);
    insert_finding.bind(5, finding.status);
    insert_finding.bind(6, static_cast<double>(finding.value_micros) / 1e6);
    insert_finding.bind(7, static_cast<double>(finding.score_micros) / 1e6);
    insert_finding.bind(8, finding.value_micros);
    insert_finding.bind(9, finding.score_micros);
    if (finding.numerator) insert_finding.bind(10, *finding.numerator); else insert_finding.bind_null(10);
    if (finding.denominator) insert_finding.bind(11, *finding.denominator); else insert_finding.bind_null(11);
    insert_finding.bind(12, finding.gap);
    insert_finding.bind(13, finding.message);
    insert_finding.step();
    if (!insert_finding.ok()) {
      rollback();
      return insert_finding.status();
    }
  }
  if (Status status = commit(); !status.is_ok()) {
    rollback();
    return status;
  }
  return id;
}

Result<std::vector<AuditRun>> Store::audit_runs() {
  Statement select(db_,
                   "SELECT id, pack_id, pack_version, pack_sha256, periods, COALESCE(as_of, ''), batches, started_at, "
                   "finding_count FROM audit_runs ORDER BY id");
  if (!select.ok()) return select.status();
  std::vector<AuditRun> runs;
  while (select.step()) {
    AuditRun run;
    run.id = select.integer(0);
    run.pack_id = std::string(select.text(1));
    run.pack_version = std::string(select.text(2));
    run.pack_checksum = std::string(select.text(3));
    run.periods = std::string(select.text(4));
    run.as_of = std::string(select.text(5));
    run.batches = std::string(select.text(6));
    run.started_at = std::string(select.text(7));
    run.finding_count = select.integer(8);
    runs.push_back(std::move(run));
  }
  if (!select.ok()) return select.status();
  return runs;
}

Result<std::vector<StoredFinding>> Store::run_findings(int64_t run) {
  Statement select(db_,
                   "SELECT rule, org_id, period, status, value_micros, score_micros, numerator, denominator, gap, "
                   "message FROM findings WHERE run_id = ? ORDER BY rule, org_id, period");
  if (!select.ok()) return select.status();
  select.bind(1, run);
  std::vector<StoredFinding> findings;
  while (select.step()) {
    StoredFinding finding;
    finding.rule = std::string(select.text(0));
    finding.org_id = std::string(select.text(1));
    finding.period = std::string(select.text(2));
    finding.status = std::string(select.text(3));
    finding.value_micros = select.integer(4);
    finding.score_micros = select.integer(5);
    if (!select.is_null(6)) finding.numerator = select.integer(6);
    if (!select.is_null(7)) finding.denominator = select.integer(7);
    finding.gap = std::string(select.text(8));
    finding.message = std::string(select.text(9));
    findings.push_back(std::move(finding));
  }
  if (!select.ok()) return select.status();
  return findings;
}

}  // namespace cadence

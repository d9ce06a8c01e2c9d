#include <sqlite3.h>

#include "adapters/store/finding_codec.h"
#include "adapters/store/statement.h"
#include "adapters/store/store.h"

namespace cadence {

using store::Statement;

Result<int64_t> Store::save_audit_run(const AuditRun& run, const std::vector<StoredFinding>& findings) {
  return save_audit_run(run, store::code_findings(findings));
}

Result<int64_t> Store::save_audit_run(const AuditRun& run, const CodedFindings& findings) {
  // The findings as one blob (finding_codec.h), one row per run however many
  // findings it has; encoded before the write lock is taken.
  const std::string blob = store::encode_findings(findings);
  int64_t id = 0;
  if (transaction_ == Transaction::kRead) {
    // Upgrading the snapshot to a write succeeds only when nothing was
    // committed since it was taken (else SQLITE_BUSY_SNAPSHOT) and no writer
    // holds the lock (SQLITE_BUSY, without waiting: waiting could deadlock):
    // then the store is exactly what the audit read.
    transaction_ = Transaction::kWrite;
    int code = SQLITE_OK;
    Status status = insert_audit_run(run, findings.findings.size(), blob, id, &code);
    if (status.is_ok()) {
      if (Status committed = commit(); !committed.is_ok()) return committed;
      return id;
    }
    rollback();
    if ((code & 0xff) != SQLITE_BUSY) return status;
    // Something was committed since, or is being written: wait for the
    // lock and record the run all the same. Its provenance stays exact:
    // run.batches lists the batches of the snapshot it was computed from,
    // not those committed meanwhile.
    if (Status begun = begin(); !begun.is_ok()) return begun;
  } else if (Status status = begin(); !status.is_ok()) {
    return status;
  }
  if (Status status = insert_audit_run(run, findings.findings.size(), blob, id, nullptr); !status.is_ok()) {
    rollback();
    return status;
  }
  if (Status status = commit(); !status.is_ok()) return status;
  return id;
}

// The INSERTs of save_audit_run, inside its write transaction; a failed
// step's SQLite code goes to `failure_code` when given.
Status Store::insert_audit_run(const AuditRun& run, std::size_t finding_count, const std::string& blob,
                               int64_t& id, int* failure_code) {
  Statement insert_run(db_,
                       "INSERT INTO audit_runs(pack_sha256, periods, started_at, pack_id, pack_version, as_of, "
                       "batches, finding_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  if (!insert_run.ok()) return insert_run.status();
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
  insert_run.bind(8, static_cast<int64_t>(finding_count));
  insert_run.step();
  if (!insert_run.ok()) {
    if (failure_code != nullptr) *failure_code = insert_run.error_code();
    return insert_run.status();
  }
  id = sqlite3_last_insert_rowid(db_);
  Statement insert_findings(db_, "INSERT INTO run_findings(run_id, format, findings) VALUES (?, ?, ?)");
  if (!insert_findings.ok()) return insert_findings.status();
  insert_findings.bind(1, id);
  insert_findings.bind(2, int64_t{store::kFindingFormat});
  insert_findings.bind_stable_blob(3, blob);
  insert_findings.step();
  if (!insert_findings.ok() && failure_code != nullptr) *failure_code = insert_findings.error_code();
  return insert_findings.status();
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
  Statement select(db_, "SELECT format, findings FROM run_findings WHERE run_id = ?");
  if (!select.ok()) return select.status();
  select.bind(1, run);
  if (!select.step()) {
    // No such run: it has no findings.
    if (!select.ok()) return select.status();
    return std::vector<StoredFinding>();
  }
  auto findings = store::decode_findings(static_cast<int>(select.integer(0)), select.blob(1));
  if (!findings.is_ok()) {
    return Status::store_error("the findings of run " + std::to_string(run) + ": " +
                               findings.status().message());
  }
  return findings;
}

}  // namespace cadence

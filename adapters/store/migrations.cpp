#include "adapters/store/migrations.h"

#include <sqlite3.h>

#include <array>
#include <cstdint>
#include <vector>

#include "adapters/store/finding_codec.h"
#include "adapters/store/statement.h"

namespace cadence::store {
namespace {

// 1: imports. Record sets get their own tables (rs_<name>), created on first
// import from the pack's schema, so they are not listed here.
constexpr std::string_view kImports = R"sql(
CREATE TABLE import_batches (
  id INTEGER PRIMARY KEY,
  file TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  record_set TEXT NOT NULL,
  rows_added INTEGER NOT NULL,
  rows_replaced INTEGER NOT NULL,
  rows_unchanged INTEGER NOT NULL,
  rows_rejected INTEGER NOT NULL,
  imported_at TEXT NOT NULL
);
CREATE INDEX import_batches_by_checksum ON import_batches(record_set, sha256);
CREATE TABLE record_set_schemas (
  name TEXT PRIMARY KEY,
  schema_json TEXT NOT NULL
);
CREATE TABLE record_set_columns (
  record_set TEXT NOT NULL,
  column TEXT NOT NULL,
  type TEXT NOT NULL,
  PRIMARY KEY (record_set, column)
);
CREATE TABLE column_snapshots (
  record_set TEXT NOT NULL,
  position INTEGER NOT NULL,
  column TEXT NOT NULL,
  type TEXT NOT NULL,
  rows INTEGER NOT NULL,
  data BLOB NOT NULL,
  nulls BLOB NOT NULL,
  dictionary BLOB NOT NULL,
  PRIMARY KEY (record_set, position)
);
)sql";

// 2: reserved for the audit and rectification issues, which extend these
// tables by later migrations.
constexpr std::string_view kAudits = R"sql(
CREATE TABLE audit_runs (
  id INTEGER PRIMARY KEY,
  pack_sha256 TEXT NOT NULL,
  periods TEXT NOT NULL,
  started_at TEXT NOT NULL
);
CREATE TABLE findings (
  run_id INTEGER NOT NULL REFERENCES audit_runs(id) ON DELETE CASCADE,
  rule TEXT NOT NULL,
  org_id TEXT NOT NULL,
  period TEXT NOT NULL,
  status TEXT NOT NULL,
  value REAL,
  score REAL
);
CREATE INDEX findings_by_run ON findings(run_id, org_id);
CREATE TABLE rectifications (
  id INTEGER PRIMARY KEY,
  org_id TEXT NOT NULL,
  opened_at TEXT NOT NULL,
  closed_at TEXT,
  note TEXT
);
)sql";

// 3: audit runs as `cadence history` and `cadence diff` need them: what was
// evaluated (pack, periods, as-of, the import batches read) and each
// finding with its exact fixed-point value and score, its ratio parts, gap and
// message. A finding's identity is (rule, org_id, period).
constexpr std::string_view kAuditRuns = R"sql(
ALTER TABLE audit_runs ADD COLUMN pack_id TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_runs ADD COLUMN pack_version TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_runs ADD COLUMN as_of TEXT;
ALTER TABLE audit_runs ADD COLUMN batches TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_runs ADD COLUMN finding_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE findings ADD COLUMN value_micros INTEGER NOT NULL DEFAULT 0;
ALTER TABLE findings ADD COLUMN score_micros INTEGER NOT NULL DEFAULT 0;
ALTER TABLE findings ADD COLUMN numerator INTEGER;
ALTER TABLE findings ADD COLUMN denominator INTEGER;
ALTER TABLE findings ADD COLUMN gap TEXT NOT NULL DEFAULT '';
ALTER TABLE findings ADD COLUMN message TEXT NOT NULL DEFAULT '';
CREATE INDEX findings_by_identity ON findings(rule, org_id, period, run_id);
)sql";

// 4: the rectification ledger (DOMAIN.md DOM-G6, adapters/store/ledger.h).
// One rectifications row per org — a case that is reopened keeps its row —
// with its current state, reasons and plan due date; every step (flagged,
// plan, recheck, close, reopen, reflagged) is a row of rectification_steps, so
// the history survives a reopen.
constexpr std::string_view kLedger = R"sql(
ALTER TABLE rectifications ADD COLUMN status TEXT NOT NULL DEFAULT 'open';
ALTER TABLE rectifications ADD COLUMN reasons TEXT NOT NULL DEFAULT '';
ALTER TABLE rectifications ADD COLUMN plan_due TEXT;
CREATE UNIQUE INDEX rectifications_by_org ON rectifications(org_id);
CREATE TABLE rectification_steps (
  id INTEGER PRIMARY KEY,
  rectification_id INTEGER NOT NULL REFERENCES rectifications(id) ON DELETE CASCADE,
  step TEXT NOT NULL,
  status TEXT NOT NULL,
  on_date TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX rectification_steps_by_case ON rectification_steps(rectification_id, id);
)sql";

// 5: a run's findings are written once and only ever read back whole, by
// run (Store::run_findings). The identity index (rule, org, period, run) was
// never queried and the (run, org) index took random inserts: together they
// were most of the 4 s it took to record a full-year run of M's 524k
// findings. An index on the run alone is filled in append order.
constexpr std::string_view kLeanFindings = R"sql(
DROP INDEX findings_by_identity;
DROP INDEX findings_by_run;
CREATE INDEX findings_by_run ON findings(run_id);
)sql";

// 6: a run's findings as one blob (finding_codec.h) rather than a row each.
// Even with the lean index of 5, recording M's full-year run took 1.7-3.8 s
// of row INSERTs, more than loading and evaluating together; a blob is one
// row however many findings the run has, and is read back whole as before.
// The script makes the table; pack_findings_into_blobs converts every
// recorded run's rows and drops the findings table.
constexpr std::string_view kFindingBlobs = R"sql(
CREATE TABLE run_findings (
  run_id INTEGER PRIMARY KEY REFERENCES audit_runs(id) ON DELETE CASCADE,
  format INTEGER NOT NULL,
  findings BLOB NOT NULL
);
)sql";

// Every run of audit_runs gets its blob (an empty one when it has no rows),
// built from its rows in the order run_findings has always returned them.
// Rows of no run cannot exist: the store always runs with foreign keys on,
// and findings.run_id cascades from audit_runs.
Status pack_findings_into_blobs(sqlite3* db) {
  std::vector<int64_t> runs;
  {
    Statement select(db, "SELECT id FROM audit_runs ORDER BY id");
    if (!select.ok()) return select.status();
    while (select.step()) runs.push_back(select.integer(0));
    if (!select.ok()) return select.status();
  }
  Statement select(
      db,
      "SELECT rule, org_id, period, status, value_micros, score_micros, numerator, denominator, gap, "
      "message FROM findings WHERE run_id = ? ORDER BY rule, org_id, period");
  if (!select.ok()) return select.status();
  Statement insert(db, "INSERT INTO run_findings(run_id, format, findings) VALUES (?, ?, ?)");
  if (!insert.ok()) return insert.status();
  for (int64_t run : runs) {
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
    const std::string blob = encode_findings(code_findings(findings));
    insert.rewind();
    insert.bind(1, run);
    insert.bind(2, int64_t{kFindingFormat});
    insert.bind_stable_blob(3, blob);
    insert.step();
    if (!insert.ok()) return insert.status();
  }
  if (sqlite3_exec(db, "DROP TABLE findings", nullptr, nullptr, nullptr) != SQLITE_OK) {
    return sqlite_error(db, "dropping the findings table");
  }
  return Status::ok();
}

// 7: audit_runs.pack_sha256 holds what its name says from now on, the
// SHA-256 of the pack's files (adapters/pack/pack_digest.h). Runs recorded
// before held the 64-bit FNV-1a of the files in reading order under that
// name; it cannot be turned into a SHA-256 (the pack's files of that day are
// not kept), so it moves unchanged to legacy_pack_fnv1a, and their
// pack_sha256 becomes '' (unknown) rather than a digest of another kind. Runs
// recorded from now on have legacy_pack_fnv1a NULL.
constexpr std::string_view kPackSha256 = R"sql(
ALTER TABLE audit_runs ADD COLUMN legacy_pack_fnv1a TEXT;
UPDATE audit_runs SET legacy_pack_fnv1a = pack_sha256, pack_sha256 = '';
)sql";

// 8: accounts of `cadence serve` (adapters/web). A user's scope is one org's
// subtree; the password is an argon2id string (libsodium crypto_pwhash_str).
// A session's token is kept only as its SHA-256, so a copy of the store
// logs nobody in; sessions die idle or at their absolute expiry (unix
// seconds). web_actions is the audit log: every login, logout and change.
constexpr std::string_view kWebAccounts = R"sql(
CREATE TABLE web_users (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  scope_org TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('viewer', 'editor', 'admin')),
  password_hash TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
CREATE TABLE web_sessions (
  token_sha256 TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES web_users(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_seen INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX web_sessions_by_user ON web_sessions(user_id);
CREATE TABLE web_actions (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  user_name TEXT NOT NULL,
  address TEXT NOT NULL,
  action TEXT NOT NULL,
  org_id TEXT NOT NULL DEFAULT '',
  detail TEXT NOT NULL DEFAULT ''
);
)sql";

// 9: imports keep history (issue 22). A batch also records the rows it
// closed, a snapshot's export date and the subtrees it covered, and when it
// was undone. The versions themselves live in one table per record set,
// rs_<name>__history, made beside rs_<name> when a set is next imported
// (Store::ensure_record_set), from its current rows for a store made before.
constexpr std::string_view kImportHistory = R"sql(
ALTER TABLE import_batches ADD COLUMN rows_closed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE import_batches ADD COLUMN as_of TEXT NOT NULL DEFAULT '';
ALTER TABLE import_batches ADD COLUMN covered TEXT NOT NULL DEFAULT '';
ALTER TABLE import_batches ADD COLUMN undone_at TEXT NOT NULL DEFAULT '';
)sql";

constexpr std::array<Migration, 9> kMigrations = {
    Migration{kImports},       Migration{kAudits},
    Migration{kAuditRuns},     Migration{kLedger},
    Migration{kLeanFindings},  Migration{kFindingBlobs, pack_findings_into_blobs},
    Migration{kPackSha256},    Migration{kWebAccounts},   Migration{kImportHistory}};

}  // namespace

std::span<const Migration> migrations() {
  return kMigrations;
}

int latest_schema_version() { return static_cast<int>(kMigrations.size()); }

}  // namespace cadence::store

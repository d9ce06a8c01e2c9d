#include "adapters/store/migrations.h"

#include <array>

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

constexpr std::array<std::string_view, 5> kMigrations = {kImports, kAudits, kAuditRuns, kLedger, kLeanFindings};

}  // namespace

std::span<const std::string_view> migrations() { return kMigrations; }

int latest_schema_version() { return static_cast<int>(kMigrations.size()); }

}  // namespace cadence::store

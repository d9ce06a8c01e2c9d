// The SQLite store: imported record sets with their import batches, and the
// tables later issues fill (audit runs, findings, rectifications).
//
// Layout. One table per record set, rs_<name>, created on the first import
// from the RecordSetSchema and typed by column type:
//   integer → INTEGER, number → REAL, text/enum → TEXT, date → INTEGER (days
//   since 1970-01-01), week/month/quarter/year → INTEGER (Period ordinal),
//   bool → INTEGER 0/1.
// An enum column with a code map also keeps the cell as it was in the file in
// <column>__raw (contract: "keep the original value"). Beside the rows, each
// record set has a columnar snapshot (column_snapshots, see column_codec.h)
// rebuilt from the rows whenever they change; load_dataset reads only the
// snapshots. import_batches records every import (file, SHA-256, record set,
// rows added/replaced/unchanged/closed/rejected, time, export date).
//
// History. Beside rs_<name>, rs_<name>__history keeps every version of
// every row: the same columns plus valid_from and valid_to (days; snapshot
// sets only, NULL = unbounded), batch (the import that made the version; 0
// for rows stored before history existed) and closed_by (the import that
// replaced or closed it; NULL while it is current). rs_<name> holds exactly
// the versions with closed_by NULL: it is the current view the engine reads.
//
// Durability. The database runs in WAL mode. Callers group the writes of one
// import command between begin() and commit(); until commit() nothing is
// visible, and a crash (even kill -9) leaves the store as it was before
// begin().
//
// Concurrency. Several processes may use one store at once. begin() takes
// SQLite's write lock at once (BEGIN IMMEDIATE, waiting up to the busy
// timeout for another writer), so a writer that reads what it validates
// against after begin() sees every earlier writer's commit and no later one:
// two imports are serialised, the second validated against the first.
// begin_read() opens a read transaction: every read until end_read() sees
// one state of the store (one WAL snapshot), whatever commits meanwhile.
//
// Access. A store opened kReadOnly is never written, not even to create or
// upgrade it: read-only commands work on a file (or folder) they cannot
// write, and a missing file is an error rather than a new empty store.
//
// Every SQL value is a bound parameter. Identifiers (record set and column
// names) come from the schema; they are checked against [a-z][a-z0-9_]* and
// quoted anyway.
//
// Errors are Status values: kStoreError for SQLite failures, kInvalidInput
// for names or schemas the store cannot hold. No exception escapes. A Store is
// used by one thread at a time; it is movable, not copyable.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/diagnostic.h"
#include "engine/core/status.h"
#include "adapters/store/audit_run.h"
#include "engine/table/dataset.h"
#include "engine/table/record_set.h"
#include "engine/table/schema.h"

struct sqlite3;

namespace cadence {

struct ImportBatch {
  int64_t id = 0;  // assigned by add_batch
  std::string file;
  std::string sha256;  // lowercase hex
  std::string record_set;
  int64_t rows_added = 0;
  int64_t rows_replaced = 0;  // rows updated: an existing key with changed values
  int64_t rows_unchanged = 0;
  int64_t rows_rejected = 0;
  std::string imported_at;  // ISO 8601 UTC, "2023-03-06T08:15:00Z"
  int64_t rows_closed = 0;  // snapshot sets: stored rows the file's subtrees no longer have
  std::string as_of;        // snapshot sets: the export date, "2023-03-06"; "" for events
  std::string covered;      // snapshot sets: the subtree roots covered, "C1,C2"; "" for none
  std::string undone_at;    // when `cadence import --undo` undid it; "" while it stands
};

// The key a record set's rows are merged by: its declared key, or every
// column when it declares none (then no row ever replaces another: a file
// adds the rows not stored yet).
std::vector<std::string> natural_key(const RecordSetSchema& schema);

// How one file's rows join what is stored (Store::merge).
struct MergeScope {
  int64_t batch = 0;  // the batch the rows belong to (add_batch first)
  // Snapshot sets: the export date (days since 1970-01-01), from which the
  // file's versions are valid and at which the rows it closes end.
  int32_t as_of = 0;
  // Snapshot sets: the orgs the file covers (sorted ids). A stored row whose
  // org column names one of them and whose key the file lacks is closed.
  std::vector<std::string> covered_orgs;
  // How many keys of each kind MergeCounts lists (for --dry-run).
  std::size_t sample_rows = 0;
};

// What merging a file's rows into a record set changed. Rows are matched
// by natural_key (an empty key cell matches an empty one): added = new
// keys, replaced = existing keys whose values changed (updated),
// unchanged = existing keys with equal values, closed = snapshot rows of
// the covered orgs the file no longer has. No other row is ever removed.
struct MergeCounts {
  int64_t added = 0;
  int64_t replaced = 0;
  int64_t unchanged = 0;
  int64_t closed = 0;
  // The set was empty before: its stored rows are now exactly the merged
  // rows, in their order.
  bool into_empty = false;
  // The first keys of each kind ("B1, 2023-W10"), MergeScope::sample_rows at most.
  std::vector<std::string> added_keys;
  std::vector<std::string> updated_keys;
  std::vector<std::string> closed_keys;
};

enum class StoreAccess : uint8_t {
  kReadWrite,      // created if missing, migrated, written (import)
  kWriteExisting,  // must exist; migrated, written (audit, weak, rectify)
  kReadOnly,       // must exist; never written (begin() and every write fail)
};

class Store {
 public:
  // kReadWrite: opens or creates the database at `path`, switches on WAL,
  // foreign keys and a busy timeout, and runs pending migrations.
  // kWriteExisting: the same on a database that must exist already ("no
  // store at PATH" otherwise): only an import creates a store.
  // kReadOnly: opens an existing database without writing to it; a store
  // whose schema is older than ours is migrated first if the file can be
  // written, else refused with a message saying so. A file SQLite cannot
  // give a WAL index to (no -shm beside it and a folder we cannot write) is
  // read as immutable: nobody can be writing it then, since every writer of
  // a WAL database keeps a -shm file. Either way, a database written by a
  // newer cadence (user_version above ours) is refused.
  static Result<Store> open(const std::string& path, StoreAccess access = StoreAccess::kReadWrite);

  Store(Store&& other) noexcept;
  Store& operator=(Store&& other) noexcept;
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;
  ~Store();  // rolls back an open transaction

  // PRAGMA user_version.
  Result<int> schema_version();

  // One write transaction per import command, begun before the command
  // reads what it validates against. rollback() is a no-op without a
  // transaction and also ends a read transaction.
  Status begin();
  Status commit();
  void rollback();
  bool in_transaction() const { return transaction_ != Transaction::kNone; }

  // A read transaction: the reads until end_read() (load_dataset, batches,
  // audit_runs...) all see the state of the store at begin_read(). Ends
  // with end_read(), or with save_audit_run, which records within it.
  Status begin_read();
  void end_read();

  // The batch that already imported a file with this checksum into this
  // record set, if any.
  Result<std::optional<int64_t>> find_batch(std::string_view record_set, std::string_view sha256);
  // Records a batch; returns its id.
  Result<int64_t> add_batch(const ImportBatch& batch);
  // Rewrites the counts of a batch (added, replaced, unchanged, closed,
  // rejected) once its merge is done.
  Status update_batch(const ImportBatch& batch);
  // All batches, oldest first, undone ones included (undone_at set).
  Result<std::vector<ImportBatch>> batches();

  // `cadence import --replace`: removes the current rows of a record set
  // within a scope, inside the caller's transaction, as batch `scope.batch`
  // (add_batch first): their versions are closed (at scope.as_of for a
  // snapshot set), so the removal is in the history and can be undone.
  // `time_from`/`time_to` bound the time column's stored values (inclusive;
  // nullopt: every time); `scope.covered_orgs` limits it to rows of those
  // orgs (empty: every org). Returns closed and closed_keys.
  Result<MergeCounts> remove_rows(const RecordSetSchema& schema, std::optional<int64_t> time_from,
                                  std::optional<int64_t> time_to, const MergeScope& scope);

  // Undoes a batch and every later batch that depends on it, inside the
  // caller's write transaction (begin/commit): the versions they made are
  // removed, the versions they closed are open again, the current rows and
  // the snapshots are rebuilt from the versions, and the batches are marked
  // undone. A later batch depends on an undone one when it changed or
  // closed a row version the undone one made, or when the undone one added
  // orgs (or members) and the later one is of another record set (its rows
  // may name them). Returns the batches undone, oldest first. `schema` is
  // the pack's (the snapshots are rebuilt with it). An unknown or already
  // undone batch is kInvalidInput.
  Result<std::vector<int64_t>> undo_batch(int64_t batch, const Schema& schema);

  // Creates rs_<name> (and records the schema) if missing. An existing table
  // keeps its columns; columns the schema added since are added (as NULL for
  // old rows). A column whose type changed is refused: re-import into a new
  // database.
  Status ensure_record_set(const RecordSetSchema& schema);

  // Merges typed rows (columns in schema order) into rs_<name> by
  // natural_key, see MergeCounts; every version it makes or closes is
  // recorded in rs_<name>__history under scope.batch (snapshot sets valid
  // from scope.as_of). `raw_texts[c]` holds the original cells of column c,
  // one per row, for enum columns with codes; empty otherwise (or entirely
  // empty). Into an empty table the rows are simply inserted, in order (they
  // must then have unique keys). Fails (kInvalidInput) when a snapshot's
  // export date is before that of a stored version it would change: import
  // snapshots in date order. Does not touch the snapshot: call
  // rebuild_snapshot (or write_snapshot) once per record set after all
  // merges of a command.
  Result<MergeCounts> merge(const RecordSet& rows, const std::vector<std::vector<std::string>>& raw_texts,
                            const MergeScope& scope = {});

  // Rewrites the columnar snapshot of a record set from its rows.
  Status rebuild_snapshot(const RecordSetSchema& schema);
  // Writes the snapshot from rows in memory, which the caller guarantees are
  // the stored rows in table order (as after one merge into an empty table):
  // the same snapshot rebuild_snapshot would write, without reading the rows
  // back.
  Status write_snapshot(const RecordSet& rows);

  // The stored rows of a record set as the snapshot has them, as a RecordSet
  // of `schema` (columns missing from the snapshot are all null). nullopt
  // when the set was never imported. Type mismatches between the snapshot
  // and the schema are diagnostics (the caller's pack disagrees with the
  // data): the result is then a failed Status kInvalidInput.
  Result<std::optional<RecordSet>> load_record_set(const RecordSetSchema& schema, Diagnostics& diagnostics);

  // Every record set of the schema from its snapshot (empty when never
  // imported), then Dataset::build. Problems in the data are diagnostics
  // plus a failed Status kInvalidInput. Sorts the record sets on a second
  // thread while it reads the next (the result does not depend on it), all
  // from one read transaction.
  Result<Dataset> load_dataset(const Schema& schema, Diagnostics& diagnostics);

  // The dataset as it was on `as_of` (days since 1970-01-01): snapshot sets
  // from their versions valid that day (valid_from <= as_of < valid_to),
  // event sets as load_dataset reads them. load_dataset is the current view
  // (the latest snapshots) and stays the engine's default.
  Result<Dataset> load_dataset_as_of(const Schema& schema, int32_t as_of, Diagnostics& diagnostics);
  // One snapshot set's rows valid on `as_of`, from its versions.
  Result<RecordSet> load_versions_as_of(const RecordSetSchema& schema, int32_t as_of);

  // Rows in rs_<name>; 0 when the set was never imported.
  Result<int64_t> row_count(std::string_view record_set);

  // PRAGMA integrity_check: "ok" when the file is sound.
  Result<std::string> integrity_check();

  // Audit runs (audit_runs.cpp). save_audit_run writes the run and its
  // findings (one blob, finding_codec.h) in one transaction of its own and
  // returns the run's id. The CodedFindings form is the audit's: it saves
  // half a million findings without a string per finding.
  //
  // Called inside a read transaction (begin_read), run.batches must list
  // the import batches that transaction saw ("1,2,5", the ids of batches()
  // read in it): the run's provenance is then exactly the data it was
  // computed from, even when an import committed meanwhile. It first
  // upgrades the read transaction to a write (possible only when nothing
  // was committed since the snapshot); failing that, it waits for the write
  // lock. The read transaction ends either way.
  Result<int64_t> save_audit_run(const AuditRun& run, const CodedFindings& findings);
  Result<int64_t> save_audit_run(const AuditRun& run, const std::vector<StoredFinding>& findings);
  // All runs, oldest first.
  Result<std::vector<AuditRun>> audit_runs();
  // The findings of a run, ordered by rule, org id, period (compared as
  // bytes); none for a run id that was never recorded. A damaged findings
  // blob is a kStoreError naming the run.
  Result<std::vector<StoredFinding>> run_findings(int64_t run);

 private:
  // The ledger takes over an opened Store's connection (ledger.h).
  friend class Ledger;
  enum class Transaction : uint8_t { kNone, kRead, kWrite };

  explicit Store(sqlite3* db) : db_(db) {}
  static Result<Store> open_read_only(const std::string& path);
  Status exec(const std::string& sql);
  Result<bool> table_exists(const std::string& table);
  Result<std::vector<std::string>> table_columns(const std::string& table);
  Status add_missing_columns(const std::string& table, const RecordSetSchema& schema,
                             const std::vector<std::string>& existing);
  Status ensure_key_index(const RecordSetSchema& schema);
  Status ensure_history(const RecordSetSchema& schema);
  Result<std::vector<std::string>> sample_keys(const RecordSetSchema& schema, const std::string& sql,
                                               std::size_t limit);
  Status rebuild_current(const std::string& record_set);
  Status insert_audit_run(const AuditRun& run, std::size_t finding_count, const std::string& blob, int64_t& id,
                          int* failure_code);

  sqlite3* db_ = nullptr;
  Transaction transaction_ = Transaction::kNone;
};

// The ids of `batches` as AuditRun::batches writes them: "1,2,5".
std::string batch_ids(const std::vector<ImportBatch>& batches);

// Record set and column names the store accepts: [a-z][a-z0-9_]*, at most 64
// bytes, and not ending in "__raw" (reserved for original values).
bool is_valid_store_name(std::string_view name);

}  // namespace cadence

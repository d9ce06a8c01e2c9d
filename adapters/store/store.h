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
// rows added/replaced/unchanged/rejected, time).
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
  int64_t rows_replaced = 0;
  int64_t rows_unchanged = 0;
  int64_t rows_rejected = 0;
  std::string imported_at;  // ISO 8601 UTC, "2023-03-06T08:15:00Z"
};

// What merging a file's rows into a record set changed.
//
// Keyed record sets: added = new keys, replaced = existing keys whose values
// changed, unchanged = existing keys with equal values.
// Record sets without a key: the rows of the file replace every stored row
// whose time value occurs in the file (all stored rows when the set has no
// time column). Rows equal to a removed row (as a multiset) are unchanged,
// the others added; replaced counts the removed rows that did not come back.
struct MergeCounts {
  int64_t added = 0;
  int64_t replaced = 0;
  int64_t unchanged = 0;
  // The set was empty before: its stored rows are now exactly the merged
  // rows, in their order.
  bool into_empty = false;
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
  // All batches, oldest first.
  Result<std::vector<ImportBatch>> batches();

  // Creates rs_<name> (and records the schema) if missing. An existing table
  // keeps its columns; columns the schema added since are added (as NULL for
  // old rows). A column whose type changed is refused: re-import into a new
  // database.
  Status ensure_record_set(const RecordSetSchema& schema);

  // Merges typed rows (columns in schema order) into rs_<name>, see
  // MergeCounts. `raw_texts[c]` holds the original cells of column c, one per
  // row, for enum columns with codes; empty otherwise (or entirely empty).
  // Into an empty table the rows are simply inserted, in order (they must
  // then have unique keys); otherwise keyed sets are upserted and unkeyed
  // ones swapped by period. Does not touch the snapshot: call
  // rebuild_snapshot (or write_snapshot) once per record set after all
  // merges of a command.
  Result<MergeCounts> merge(const RecordSet& rows, const std::vector<std::vector<std::string>>& raw_texts);

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

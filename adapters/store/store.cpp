#include "adapters/store/store.h"

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <climits>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <system_error>
#include <thread>
#include <utility>

#include "adapters/store/column_codec.h"
#include "adapters/store/migrations.h"
#include "adapters/store/statement.h"
#include "engine/calendar/date.h"
#include "engine/table/huge_pages.h"

namespace cadence {
namespace {

using store::Statement;
using store::sqlite_error;

// How long a writer waits for another one (BEGIN IMMEDIATE) before it gives
// up with "database is locked": imports are serialised, and one import of a
// large export holds the lock for tens of seconds.
constexpr int kBusyTimeoutMs = 60000;
// Pages of a new database (an existing one keeps its own): 16 KiB halves the
// page writes of a large import's commit against 4 KiB pages, without the
// slower inserts of 64 KiB ones (measured on the M data, BENCHMARKS.md).
constexpr int kPageSize = 16384;
// Rows per INSERT statement (fewer when the columns would pass SQLite's
// limit on bound variables): 256 took the fewest instructions at S among
// 16, 64, 256 and 1024.
constexpr std::size_t kRowsPerInsert = 256;
constexpr std::string_view kRawSuffix = "__raw";
// How much of the database load_dataset maps into memory (SQLite caps it at
// its compile-time SQLITE_MAX_MMAP_SIZE, 2 GiB in Debian's build).
constexpr int64_t kLoadMmapBytes = int64_t{1} << 40;

std::string quote_identifier(std::string_view name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// A path as an SQLite URI filename (absolute; '%', '?' and '#' escaped).
std::string file_uri(const std::string& path) {
  std::error_code error;
  std::filesystem::path absolute = std::filesystem::absolute(path, error);
  const std::string text = error ? path : absolute.string();
  std::string uri = "file:";
  for (char c : text) {
    if (c == '%' || c == '?' || c == '#') {
      static constexpr char kHex[] = "0123456789ABCDEF";
      const auto byte = static_cast<unsigned char>(c);
      uri += '%';
      uri += kHex[byte >> 4];
      uri += kHex[byte & 15];
    } else {
      uri += c;
    }
  }
  return uri;
}

std::string table_name(std::string_view record_set) { return "rs_" + std::string(record_set); }
// Every version of every row of a record set (store.h "History").
std::string history_name(std::string_view record_set) { return "rs_" + std::string(record_set) + "__history"; }
constexpr std::string_view kHistorySuffix = "__history";

const char* sql_type(ColumnType type) {
  switch (type) {
    case ColumnType::kNumber: return "REAL";
    case ColumnType::kText:
    case ColumnType::kEnum: return "TEXT";
    default: return "INTEGER";
  }
}

bool keeps_raw_text(const ColumnSchema& column) {
  return column.type == ColumnType::kEnum && !column.codes.empty();
}

// The stored columns of a record set in table order: each schema column,
// then the __raw companions.
std::vector<std::string> stored_columns(const RecordSetSchema& schema) {
  std::vector<std::string> names;
  for (const ColumnSchema& column : schema.columns) names.push_back(column.name);
  for (const ColumnSchema& column : schema.columns) {
    if (keeps_raw_text(column)) names.push_back(column.name + std::string(kRawSuffix));
  }
  return names;
}

// A key column as the key index has it: an optional column's empty cell is
// x'' so that empty matches empty (NULLs are all distinct in a UNIQUE index,
// and a row with an empty key part would be stored again at every import,
// issue 29); x'' is a blob, which no stored value is.
std::string key_expression(const RecordSetSchema& schema, const std::string& column, std::string_view prefix = "") {
  const ColumnSchema* declared = schema.column(column);
  const std::string name = std::string(prefix) + quote_identifier(column);
  return declared != nullptr && declared->required ? name : "ifnull(" + name + ", x'')";
}

std::string key_expressions(const RecordSetSchema& schema, std::string_view prefix = "") {
  std::string out;
  for (const std::string& column : natural_key(schema)) {
    out += (out.empty() ? "" : ", ") + key_expression(schema, column, prefix);
  }
  return out;
}

// "a.k1 = b.k1 AND ifnull(a.k2, x'') = ifnull(b.k2, x'')".
std::string key_match(const RecordSetSchema& schema, std::string_view left, std::string_view right) {
  std::string out;
  for (const std::string& column : natural_key(schema)) {
    out += (out.empty() ? "" : " AND ") + key_expression(schema, column, left) + " = " +
           key_expression(schema, column, right);
  }
  return out;
}

std::string json_string(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (byte < 0x20) {
      static constexpr char kHex[] = "0123456789abcdef";
      out += "\\u00";
      out += kHex[byte >> 4];
      out += kHex[byte & 15];
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string json_strings(const std::vector<std::string>& texts) {
  std::string out = "[";
  for (std::size_t i = 0; i < texts.size(); ++i) out += (i ? "," : "") + json_string(texts[i]);
  return out + "]";
}

// The schema a record set was imported under, for people reading the
// database (the store itself reads record_set_columns).
std::string schema_json(const RecordSetSchema& schema) {
  std::string out = "{\"name\":" + json_string(schema.name) + ",\"columns\":[";
  for (std::size_t i = 0; i < schema.columns.size(); ++i) {
    const ColumnSchema& column = schema.columns[i];
    out += i ? "," : "";
    out += "{\"name\":" + json_string(column.name) + ",\"type\":" + json_string(to_string(column.type));
    out += std::string(",\"required\":") + (column.required ? "true" : "false");
    if (!column.aliases.empty()) out += ",\"aliases\":" + json_strings(column.aliases);
    if (!column.values.empty()) out += ",\"values\":" + json_strings(column.values);
    if (!column.codes.empty()) {
      out += ",\"codes\":{";
      bool first = true;
      for (const auto& [code, value] : column.codes) {
        out += (first ? "" : ",") + json_string(code) + ":" + json_string(value);
        first = false;
      }
      out += "}";
    }
    if (!column.otherwise.empty()) out += ",\"otherwise\":" + json_string(column.otherwise);
    out += "}";
  }
  out += "],\"key\":" + json_strings(schema.key);
  out += ",\"org_column\":" + json_string(schema.org_column);
  out += ",\"member_column\":" + json_string(schema.member_column);
  out += ",\"time_column\":" + json_string(schema.time_column);
  out += ",\"org_references\":" + json_strings(schema.org_references);
  out += ",\"file_names\":" + json_strings(schema.file_names) + "}";
  return out;
}

void bind_value(Statement& statement, int index, const Column& column, std::size_t row) {
  if (column.is_null(row)) {
    statement.bind_null(index);
    return;
  }
  switch (column.type()) {
    case ColumnType::kInteger: statement.bind(index, column.integer(row)); break;
    case ColumnType::kNumber: statement.bind(index, column.number(row)); break;
    case ColumnType::kText:
    // The dictionary holds the text until the merge is done: no copy.
    case ColumnType::kEnum: statement.bind_stable(index, column.text(row)); break;
    default: statement.bind(index, static_cast<int64_t>(column.code(row))); break;
  }
}

void append_value(Column& column, const Statement& statement, int index) {
  if (statement.is_null(index)) {
    column.append_null();
    return;
  }
  switch (column.type()) {
    case ColumnType::kInteger: column.append_integer(statement.integer(index)); break;
    case ColumnType::kNumber: column.append_number(statement.number(index)); break;
    case ColumnType::kText:
    case ColumnType::kEnum: column.append_text(statement.text(index)); break;
    default: column.append_code(static_cast<int32_t>(statement.integer(index))); break;
  }
}

std::string column_list(const std::vector<std::string>& names, std::string_view prefix = "") {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    out += (i ? ", " : "") + std::string(prefix) + quote_identifier(names[i]);
  }
  return out;
}

std::string placeholders(std::size_t count) {
  std::string out;
  for (std::size_t i = 0; i < count; ++i) out += i ? ", ?" : "?";
  return out;
}

// Runs `insert_into VALUES (...), (...) suffix` over `rows` rows of
// `columns` values, many rows per statement: one step inserts a batch, so
// SQLite's per-statement work (reset, program start) is paid once per batch.
// bind_row(statement, first parameter, row) binds one row. Returns the rows
// SQLite changed.
template <typename BindRow>
Result<int64_t> insert_rows(sqlite3* db, const std::string& insert_into, const std::string& suffix,
                            std::size_t columns, std::size_t rows, const BindRow& bind_row) {
  const auto variable_limit = static_cast<std::size_t>(sqlite3_limit(db, SQLITE_LIMIT_VARIABLE_NUMBER, -1));
  const std::size_t batch =
      std::max<std::size_t>(1, std::min(kRowsPerInsert, variable_limit / std::max<std::size_t>(columns, 1)));
  auto sql_for = [&](std::size_t count) {
    std::string row = "(" + placeholders(columns) + ")";
    std::string sql = insert_into + " VALUES ";
    for (std::size_t i = 0; i < count; ++i) sql += (i ? ", " : "") + row;
    return sql + suffix;
  };
  int64_t changed = 0;
  std::size_t row = 0;
  auto run = [&](Statement& statement, std::size_t count) {
    statement.rewind();
    for (std::size_t i = 0; i < count; ++i) bind_row(statement, static_cast<int>(i * columns) + 1, row + i);
    statement.step();
    if (!statement.ok()) return false;
    changed += sqlite3_changes64(db);
    row += count;
    return true;
  };
  if (rows >= batch) {
    Statement many(db, sql_for(batch));
    if (!many.ok()) return many.status();
    while (rows - row >= batch) {
      if (!run(many, batch)) return many.status();
    }
  }
  if (row < rows) {
    Statement rest(db, sql_for(rows - row));
    if (!rest.ok()) return rest.status();
    if (!run(rest, rows - row)) return rest.status();
  }
  return changed;
}

Status check_names(const RecordSetSchema& schema) {
  if (!is_valid_store_name(schema.name)) {
    return Status::invalid_input("record set name '" + schema.name + "' is not storable (use [a-z][a-z0-9_]*)");
  }
  std::set<std::string, std::less<>> seen;
  for (const ColumnSchema& column : schema.columns) {
    if (!is_valid_store_name(column.name)) {
      return Status::invalid_input("column name '" + column.name + "' of record set '" + schema.name +
                                   "' is not storable (use [a-z][a-z0-9_]*)");
    }
    if (!seen.insert(column.name).second) {
      return Status::invalid_input("record set '" + schema.name + "' declares column '" + column.name + "' twice");
    }
  }
  for (const std::string& key : schema.key) {
    if (!seen.contains(key)) {
      return Status::invalid_input("key column '" + key + "' is not a column of '" + schema.name + "'");
    }
  }
  return Status::ok();
}

// Reads the blobs of column_snapshots rows with sqlite3_blob_read. Through
// sqlite3_column_blob every blob was first copied into an allocation of
// SQLite's own, fresh memory each time; here data and nulls land in buffers
// reused from column to column, and a dictionary straight in the string that
// becomes the column's packed dictionary. The open blob handles hold one
// read transaction until the reader is destroyed.
class SnapshotReader {
 public:
  enum Field { kData, kNulls, kDictionary };

  explicit SnapshotReader(sqlite3* db) : db_(db) {}
  ~SnapshotReader() {
    for (sqlite3_blob* blob : blobs_) sqlite3_blob_close(blob);
  }
  SnapshotReader(const SnapshotReader&) = delete;
  SnapshotReader& operator=(const SnapshotReader&) = delete;

  // kData or kNulls of the row: valid until the next read of that field.
  Result<std::string_view> read(Field field, int64_t rowid) {
    std::string& buffer = buffers_[field];
    if (Status status = read_into(field, rowid, buffer); !status.is_ok()) return status;
    return std::string_view(buffer);
  }
  // The bytes as a string of their own.
  Result<std::string> take(Field field, int64_t rowid) {
    std::string bytes;
    if (Status status = read_into(field, rowid, bytes); !status.is_ok()) return status;
    return bytes;
  }

 private:
  Status read_into(Field field, int64_t rowid, std::string& out) {
    static constexpr const char* kColumns[] = {"data", "nulls", "dictionary"};
    sqlite3_blob*& blob = blobs_[field];
    const int opened =
        blob == nullptr ? sqlite3_blob_open(db_, "main", "column_snapshots", kColumns[field], rowid, 0, &blob)
                        : sqlite3_blob_reopen(blob, rowid);
    int read = opened;
    if (opened == SQLITE_OK) {
      const auto bytes = static_cast<std::size_t>(sqlite3_blob_bytes(blob));
      // Growing: a new buffer, without copying the old bytes over.
      if (out.capacity() < bytes) {
        out = std::string();
        out.reserve(bytes);
        advise_huge_pages(out.data(), bytes);
      }
      out.resize(bytes);
      if (!out.empty()) read = sqlite3_blob_read(blob, out.data(), static_cast<int>(out.size()), 0);
    }
    if (read != SQLITE_OK) {
      Status status = sqlite_error(db_, "reading a column snapshot");
      // A failed handle only closes; the next read opens a new one.
      sqlite3_blob_close(blob);
      blob = nullptr;
      return status;
    }
    return Status::ok();
  }

  sqlite3* db_;
  std::array<sqlite3_blob*, 3> blobs_{};
  std::array<std::string, 2> buffers_;  // kData, kNulls
};

// Runs tasks one after another, in the order posted, on a thread of its own;
// on the calling thread when no thread can be started. finish() (or the
// destructor) waits for every task posted.
class SerialWorker {
 public:
  SerialWorker() {
    try {
      thread_ = std::thread([this] { run(); });
    } catch (const std::system_error&) {
      // No thread: post() runs each task itself.
    }
  }
  ~SerialWorker() { finish(); }
  SerialWorker(const SerialWorker&) = delete;
  SerialWorker& operator=(const SerialWorker&) = delete;

  void post(std::function<void()> task) {
    if (!thread_.joinable()) {
      task();
      return;
    }
    {
      std::lock_guard lock(mutex_);
      tasks_.push_back(std::move(task));
    }
    wake_.notify_one();
  }

  void finish() {
    if (!thread_.joinable()) return;
    {
      std::lock_guard lock(mutex_);
      done_ = true;
    }
    wake_.notify_one();
    thread_.join();
  }

 private:
  void run() {
    while (true) {
      std::function<void()> task;
      {
        std::unique_lock lock(mutex_);
        wake_.wait(lock, [this] { return done_ || !tasks_.empty(); });
        if (tasks_.empty()) return;  // done_ and nothing left
        task = std::move(tasks_.front());
        tasks_.pop_front();
      }
      task();
    }
  }

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> tasks_;
  bool done_ = false;
  std::thread thread_;  // last: starts after the members it uses exist
};

// The stored rows of a record set from its snapshot (Store::load_record_set).
Result<std::optional<RecordSet>> load_snapshot(sqlite3* db, SnapshotReader& reader,
                                               const RecordSetSchema& schema, Diagnostics& diagnostics) {
  Statement select(
      db, "SELECT column, type, rows, rowid FROM column_snapshots WHERE record_set = ? ORDER BY position");
  if (!select.ok()) return select.status();
  select.bind(1, std::string_view(schema.name));
  RecordSet rows(schema);
  std::vector<bool> filled(schema.columns.size(), false);
  bool found = false;
  std::size_t row_total = 0;
  bool mismatch = false;
  while (select.step()) {
    found = true;
    const std::string_view name = select.text(0);
    const int index = schema.column_index(name);
    const auto rows_here = static_cast<std::size_t>(select.integer(2));
    row_total = rows_here;
    if (index < 0) continue;  // a column the pack no longer uses
    const ColumnSchema& column_schema = schema.columns[static_cast<std::size_t>(index)];
    if (select.text(1) != to_string(column_schema.type)) {
      diagnostics.error(column_schema.span, "column '" + schema.name + "." + column_schema.name +
                                                "' is declared " + std::string(to_string(column_schema.type)) +
                                                " but was imported as " + std::string(select.text(1)));
      mismatch = true;
      continue;
    }
    const int64_t rowid = select.integer(3);
    Result<std::string_view> data = reader.read(SnapshotReader::kData, rowid);
    if (!data.is_ok()) return data.status();
    Result<std::string_view> nulls = reader.read(SnapshotReader::kNulls, rowid);
    if (!nulls.is_ok()) return nulls.status();
    Result<std::string> dictionary = reader.take(SnapshotReader::kDictionary, rowid);
    if (!dictionary.is_ok()) return dictionary.status();
    std::optional<Column> column =
        store::decode_column(column_schema.type, rows_here, *data, *nulls, std::move(*dictionary));
    if (!column) return Status::store_error("the snapshot of '" + schema.name + "." + column_schema.name + "' is damaged");
    rows.column(static_cast<std::size_t>(index)) = std::move(*column);
    filled[static_cast<std::size_t>(index)] = true;
  }
  if (!select.ok()) return select.status();
  if (!found) return std::optional<RecordSet>();
  for (std::size_t c = 0; c < schema.columns.size(); ++c) {
    if (filled[c]) {
      if (rows.column(c).size() != row_total) return Status::store_error("the snapshot of '" + schema.name + "' is damaged");
      continue;
    }
    if (mismatch) continue;
    if (schema.columns[c].required) {
      diagnostics.error(schema.columns[c].span, "required column '" + schema.name + "." + schema.columns[c].name +
                                                    "' was not in the imported data; import it again");
      mismatch = true;
      continue;
    }
    Column& column = rows.column(c);
    column.reserve(row_total);
    for (std::size_t row = 0; row < row_total; ++row) column.append_null();
  }
  if (mismatch) return Status::invalid_input("the stored record set '" + schema.name + "' does not match the schema");
  return std::optional<RecordSet>(std::move(rows));
}

// A connection to `name` (a path or a file: URI) opened with `flags`, with
// extended result codes and the busy timeout every Store uses; errors name
// `path`.
Result<sqlite3*> connect_sqlite(const std::string& name, const std::string& path, int flags) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(name.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    Status status = sqlite_error(db, "opening " + path);
    sqlite3_close(db);
    return status;
  }
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, kBusyTimeoutMs);
  return db;
}

}  // namespace

std::string batch_ids(const std::vector<ImportBatch>& batches) {
  std::string ids;
  for (const ImportBatch& batch : batches) ids += (ids.empty() ? "" : ",") + std::to_string(batch.id);
  return ids;
}

bool is_valid_store_name(std::string_view name) {
  if (name.empty() || name.size() > 64 || name[0] < 'a' || name[0] > 'z') return false;
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return !name.ends_with(kRawSuffix) && !name.ends_with(kHistorySuffix);
}

std::vector<std::string> natural_key(const RecordSetSchema& schema) {
  if (!schema.key.empty()) return schema.key;
  std::vector<std::string> all;
  for (const ColumnSchema& column : schema.columns) all.push_back(column.name);
  return all;
}

Result<Store> Store::open(const std::string& path, StoreAccess access) {
  if (access == StoreAccess::kReadOnly) return open_read_only(path);
  // Only an import may create a store: any other command on a mistyped
  // path would otherwise audit (and record into) an empty new file.
  if (access == StoreAccess::kWriteExisting) {
    std::error_code error;
    if (!std::filesystem::is_regular_file(path, error)) {
      return Status::store_error("no store at " + path + (error ? " (" + error.message() + ")" : "") +
                                 "; cadence import creates one");
    }
  }
  // NOMUTEX: a Store is used from one thread, so SQLite's per-call locking
  // is pure overhead (it showed in the import profile).
  Result<sqlite3*> connection =
      connect_sqlite(path, path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX);
  if (!connection.is_ok()) return connection.status();
  sqlite3* db = *connection;
  Store store(db);
  // A file we may not write opens read-only without an error: say so now,
  // not at the first write.
  if (sqlite3_db_readonly(db, "main") == 1) {
    return Status::store_error(path + " is read-only: this command writes to the store");
  }
  // WAL: readers never block the importer, and a killed writer leaves only
  // an uncommitted WAL tail that the next open ignores. synchronous=NORMAL is
  // crash-consistent in WAL mode; only the last commits before a power loss
  // can be lost, never half of one. A 64 MiB page cache: imports append and
  // audits read the snapshots once, so 256 MiB was no faster (first import,
  // re-import and load of M measured) and cost 170 MB of peak memory.
  if (Status status = store.exec("PRAGMA page_size=" + std::to_string(kPageSize) +
                                 "; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
                                             "PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY;");
      !status.is_ok()) {
    return Status::store_error("opening " + path + ": " + status.message());
  }
  Result<int> version = store.schema_version();
  if (!version.is_ok()) return version.status();
  const int latest = store::latest_schema_version();
  if (*version > latest) {
    return Status::store_error(path + " was written by a newer cadence (schema version " + std::to_string(*version) +
                               ", this cadence knows " + std::to_string(latest) + ")");
  }
  const auto migrations = store::migrations();
  for (int next = *version + 1; next <= latest; ++next) {
    // Each migration and its version bump commit together, so an
    // interrupted upgrade resumes at the first migration not yet applied.
    const store::Migration& migration = migrations[static_cast<std::size_t>(next - 1)];
    Status status = store.exec("BEGIN IMMEDIATE");
    if (status.is_ok()) status = store.exec(std::string(migration.script));
    if (status.is_ok() && migration.convert != nullptr) status = migration.convert(db);
    if (status.is_ok()) status = store.exec("PRAGMA user_version = " + std::to_string(next));
    if (status.is_ok()) status = store.exec("COMMIT");
    if (!status.is_ok()) {
      sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
      return Status::store_error("migration " + std::to_string(next) + " failed: " + status.message());
    }
  }
  return store;
}

Result<Store> Store::open_read_only(const std::string& path) {
  // Opening never creates the file; a read that needs a WAL index nobody can
  // make (SQLITE_READONLY_DIRECTORY or _CANTINIT: no -shm, and a folder we
  // cannot write) is retried on the file as immutable (see store.h).
  auto connect = [&](bool immutable, int& probe) -> Result<Store> {
    int flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX;
    std::string name = path;
    if (immutable) {
      flags |= SQLITE_OPEN_URI;
      name = file_uri(path) + "?immutable=1";
    }
    Result<sqlite3*> connection = connect_sqlite(name, path, flags);
    if (!connection.is_ok()) return connection.status();
    sqlite3* db = *connection;
    Store store(db);
    // The first read opens the WAL index: its code tells whether one can.
    probe = sqlite3_exec(db, "SELECT count(*) FROM sqlite_schema", nullptr, nullptr, nullptr);
    if (probe != SQLITE_OK) return sqlite_error(db, "reading " + path);
    if (Status status = store.exec("PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY;"); !status.is_ok()) {
      return status;
    }
    return store;
  };
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) {
    return Status::store_error("no store at " + path + (error ? " (" + error.message() + ")" : ""));
  }
  int probe = SQLITE_OK;
  Result<Store> store = connect(false, probe);
  if (!store.is_ok() && (probe == SQLITE_READONLY_CANTINIT || probe == SQLITE_READONLY_DIRECTORY)) {
    // Immutable reads the main file alone: only right when no WAL holds
    // commits not yet copied into it.
    const std::string wal = path + "-wal";
    if (std::filesystem::exists(wal, error) && std::filesystem::file_size(wal, error) > 0) {
      return Status::store_error("cannot read " + path + " in a folder we cannot write: its " + wal +
                                 " holds commits that need a -shm file beside it; open it once where it can be "
                                 "written");
    }
    store = connect(true, probe);
  }
  if (!store.is_ok()) return store.status();
  Result<int> version = store->schema_version();
  if (!version.is_ok()) return Status::store_error("reading " + path + ": " + version.status().message());
  const int latest = store::latest_schema_version();
  if (*version > latest) {
    return Status::store_error(path + " was written by a newer cadence (schema version " + std::to_string(*version) +
                               ", this cadence knows " + std::to_string(latest) + ")");
  }
  if (*version < latest) {
    // An older store: upgrade it if we may write it, then read it as usual.
    Result<Store> upgraded = open(path, StoreAccess::kReadWrite);
    if (!upgraded.is_ok()) {
      return Status::store_error(path + " has schema version " + std::to_string(*version) + " and needs upgrading to " +
                                 std::to_string(latest) + ", which needs write access: " + upgraded.status().message());
    }
    return open_read_only(path);
  }
  return store;
}

Store::Store(Store&& other) noexcept : db_(std::exchange(other.db_, nullptr)),
                                       transaction_(std::exchange(other.transaction_, Transaction::kNone)) {}

Store& Store::operator=(Store&& other) noexcept {
  if (this != &other) {
    rollback();
    sqlite3_close(db_);
    db_ = std::exchange(other.db_, nullptr);
    transaction_ = std::exchange(other.transaction_, Transaction::kNone);
  }
  return *this;
}

Store::~Store() {
  rollback();
  sqlite3_close(db_);
}

Status Store::exec(const std::string& sql) {
  char* message = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    std::string text = message ? message : sqlite3_errmsg(db_);
    sqlite3_free(message);
    return Status::store_error(text);
  }
  return Status::ok();
}

Result<int> Store::schema_version() {
  Statement statement(db_, "PRAGMA user_version");
  if (!statement.ok()) return statement.status();
  if (!statement.step()) return statement.ok() ? Status::store_error("no user_version") : statement.status();
  return static_cast<int>(statement.integer(0));
}

Status Store::begin() {
  CADENCE_ASSERT(transaction_ == Transaction::kNone);
  // SQLite would begin (and fail at the first write): say it now.
  if (sqlite3_db_readonly(db_, "main") == 1) return Status::store_error("the store is read-only");
  // IMMEDIATE takes the write lock now, waiting for another writer up to the
  // busy timeout: what the caller reads next is the state it will write on.
  Status status = exec("BEGIN IMMEDIATE");
  if (status.is_ok()) transaction_ = Transaction::kWrite;
  return status;
}

Status Store::commit() {
  CADENCE_ASSERT(transaction_ == Transaction::kWrite);
  Status status = exec("COMMIT");
  if (!status.is_ok()) {
    rollback();
    return status;
  }
  transaction_ = Transaction::kNone;
  return status;
}

void Store::rollback() {
  if (transaction_ == Transaction::kNone || db_ == nullptr) return;
  transaction_ = Transaction::kNone;
  // A failed statement may already have rolled back; ROLLBACK then reports
  // "no transaction is active", which is the state we want.
  sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
}

Status Store::begin_read() {
  CADENCE_ASSERT(transaction_ == Transaction::kNone);
  // A deferred BEGIN takes its snapshot at the first read: read now, so the
  // snapshot is the state at begin_read(), not at some later statement.
  Status status = exec("BEGIN DEFERRED; SELECT count(*) FROM sqlite_schema;");
  if (!status.is_ok()) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    return status;
  }
  transaction_ = Transaction::kRead;
  return status;
}

void Store::end_read() {
  CADENCE_ASSERT(transaction_ != Transaction::kWrite);
  rollback();
}

Result<std::optional<int64_t>> Store::find_batch(std::string_view record_set, std::string_view sha256) {
  // An undone batch no longer holds its file: importing it again is new.
  Statement statement(db_,
                      "SELECT id FROM import_batches WHERE record_set = ? AND sha256 = ? AND undone_at = '' "
                      "ORDER BY id LIMIT 1");
  if (!statement.ok()) return statement.status();
  statement.bind(1, record_set);
  statement.bind(2, sha256);
  if (statement.step()) return std::optional<int64_t>(statement.integer(0));
  if (!statement.ok()) return statement.status();
  return std::optional<int64_t>();
}

Result<int64_t> Store::add_batch(const ImportBatch& batch) {
  Statement statement(db_,
                      "INSERT INTO import_batches (file, sha256, record_set, rows_added, rows_replaced, "
                      "rows_unchanged, rows_rejected, imported_at, rows_closed, as_of, covered) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (!statement.ok()) return statement.status();
  statement.bind(1, std::string_view(batch.file));
  statement.bind(2, std::string_view(batch.sha256));
  statement.bind(3, std::string_view(batch.record_set));
  statement.bind(4, batch.rows_added);
  statement.bind(5, batch.rows_replaced);
  statement.bind(6, batch.rows_unchanged);
  statement.bind(7, batch.rows_rejected);
  statement.bind(8, std::string_view(batch.imported_at));
  statement.bind(9, batch.rows_closed);
  statement.bind(10, std::string_view(batch.as_of));
  statement.bind(11, std::string_view(batch.covered));
  statement.step();
  if (!statement.ok()) return statement.status();
  return static_cast<int64_t>(sqlite3_last_insert_rowid(db_));
}

Status Store::update_batch(const ImportBatch& batch) {
  Statement statement(db_,
                      "UPDATE import_batches SET rows_added = ?, rows_replaced = ?, rows_unchanged = ?, "
                      "rows_rejected = ?, rows_closed = ?, as_of = ?, covered = ? WHERE id = ?");
  if (!statement.ok()) return statement.status();
  statement.bind(1, batch.rows_added);
  statement.bind(2, batch.rows_replaced);
  statement.bind(3, batch.rows_unchanged);
  statement.bind(4, batch.rows_rejected);
  statement.bind(5, batch.rows_closed);
  statement.bind(6, std::string_view(batch.as_of));
  statement.bind(7, std::string_view(batch.covered));
  statement.bind(8, batch.id);
  statement.step();
  return statement.status();
}

Result<std::vector<ImportBatch>> Store::batches() {
  Statement statement(db_,
                      "SELECT id, file, sha256, record_set, rows_added, rows_replaced, rows_unchanged, "
                      "rows_rejected, imported_at, rows_closed, as_of, covered, undone_at FROM import_batches "
                      "ORDER BY id");
  if (!statement.ok()) return statement.status();
  std::vector<ImportBatch> out;
  while (statement.step()) {
    ImportBatch batch;
    batch.id = statement.integer(0);
    batch.file = statement.text(1);
    batch.sha256 = statement.text(2);
    batch.record_set = statement.text(3);
    batch.rows_added = statement.integer(4);
    batch.rows_replaced = statement.integer(5);
    batch.rows_unchanged = statement.integer(6);
    batch.rows_rejected = statement.integer(7);
    batch.imported_at = statement.text(8);
    batch.rows_closed = statement.integer(9);
    batch.as_of = statement.text(10);
    batch.covered = statement.text(11);
    batch.undone_at = statement.text(12);
    out.push_back(std::move(batch));
  }
  if (!statement.ok()) return statement.status();
  return out;
}

Result<bool> Store::table_exists(const std::string& table) {
  Statement statement(db_, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?");
  if (!statement.ok()) return statement.status();
  statement.bind(1, std::string_view(table));
  const bool found = statement.step();
  if (!statement.ok()) return statement.status();
  return found;
}

Result<std::vector<std::string>> Store::table_columns(const std::string& table) {
  Statement statement(db_, "SELECT name FROM pragma_table_info(?) ORDER BY cid");
  if (!statement.ok()) return statement.status();
  statement.bind(1, std::string_view(table));
  std::vector<std::string> names;
  while (statement.step()) names.emplace_back(statement.text(0));
  if (!statement.ok()) return statement.status();
  return names;
}

Status Store::add_missing_columns(const std::string& table, const RecordSetSchema& schema,
                                  const std::vector<std::string>& existing) {
  const std::set<std::string, std::less<>> present(existing.begin(), existing.end());
  for (const ColumnSchema& column : schema.columns) {
    if (!present.contains(column.name)) {
      if (Status status = exec("ALTER TABLE " + quote_identifier(table) + " ADD COLUMN " +
                               quote_identifier(column.name) + " " + sql_type(column.type));
          !status.is_ok()) {
        return status;
      }
    }
    const std::string raw = column.name + std::string(kRawSuffix);
    if (keeps_raw_text(column) && !present.contains(raw)) {
      if (Status status =
              exec("ALTER TABLE " + quote_identifier(table) + " ADD COLUMN " + quote_identifier(raw) + " TEXT");
          !status.is_ok()) {
        return status;
      }
    }
  }
  return Status::ok();
}

// The unique index merge() upserts by: on natural_key, an optional column
// through key_expression. A store made when the set had another key (or
// none) gets the index of today's key; rows stored twice under it are
// refused by name.
Status Store::ensure_key_index(const RecordSetSchema& schema) {
  const std::string table = table_name(schema.name);
  const std::string index = table + "__key";
  // A set without a key is keyed by all its columns, and equal rows are
  // then parts of one fact (counted as a multiset), as KeyRows::kMany.
  const bool unique = schema.key_rows == KeyRows::kOne && !schema.key.empty();
  const std::string create = std::string(unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ") +
                             quote_identifier(index) + " ON " + quote_identifier(table) + " (" +
                             key_expressions(schema) + ")";
  Statement existing(db_, "SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = ?");
  if (!existing.ok()) return existing.status();
  existing.bind(1, std::string_view(index));
  if (existing.step() && existing.text(0) == create) return Status::ok();
  if (!existing.ok()) return existing.status();
  if (Status status = exec("DROP INDEX IF EXISTS " + quote_identifier(index)); !status.is_ok()) return status;
  if (Status status = exec(create); !status.is_ok()) {
    std::string key;
    for (const std::string& column : natural_key(schema)) key += (key.empty() ? "" : ", ") + column;
    return Status::invalid_input("the stored rows of '" + schema.name + "' repeat a key (" + key +
                                 "), which the schema now declares unique; import into a new database (" +
                                 status.message() + ")");
  }
  return Status::ok();
}

// rs_<name>__history beside rs_<name>, with the current rows as versions of
// batch 0 when the set was stored before history existed.
Status Store::ensure_history(const RecordSetSchema& schema) {
  const std::string table = table_name(schema.name);
  const std::string history = history_name(schema.name);
  Result<bool> exists = table_exists(history);
  if (!exists.is_ok()) return exists.status();
  Result<std::vector<std::string>> columns = table_columns(table);
  if (!columns.is_ok()) return columns.status();
  if (*exists) {
    Result<std::vector<std::string>> present = table_columns(history);
    if (!present.is_ok()) return present.status();
    return add_missing_columns(history, schema, *present);
  }
  if (Status status = exec("CREATE TABLE " + quote_identifier(history) + " AS SELECT * FROM " +
                           quote_identifier(table) + " WHERE 0");
      !status.is_ok()) {
    return status;
  }
  if (Status status = exec("ALTER TABLE " + quote_identifier(history) +
                           " ADD COLUMN valid_from INTEGER; ALTER TABLE " + quote_identifier(history) +
                           " ADD COLUMN valid_to INTEGER; ALTER TABLE " + quote_identifier(history) +
                           " ADD COLUMN batch INTEGER NOT NULL DEFAULT 0; ALTER TABLE " +
                           quote_identifier(history) + " ADD COLUMN closed_by INTEGER");
      !status.is_ok()) {
    return status;
  }
  // The current version of a key is found through this index when a file
  // changes or closes it.
  if (Status status = exec("CREATE INDEX " + quote_identifier(history + "_open") + " ON " +
                           quote_identifier(history) + " (" + key_expressions(schema) +
                           ") WHERE closed_by IS NULL");
      !status.is_ok()) {
    return status;
  }
  return exec("INSERT INTO " + quote_identifier(history) + " (" + column_list(*columns) + ") SELECT " +
              column_list(*columns) + " FROM " + quote_identifier(table) + " ORDER BY rowid");
}

Status Store::ensure_record_set(const RecordSetSchema& schema) {
  if (Status status = check_names(schema); !status.is_ok()) return status;
  const std::string table = table_name(schema.name);
  Result<bool> exists = table_exists(table);
  if (!exists.is_ok()) return exists.status();

  // Types recorded at the first import; a changed type would reinterpret
  // stored integers (days as ordinals), so it is refused.
  std::map<std::string, std::string, std::less<>> stored_types;
  {
    Statement statement(db_, "SELECT column, type FROM record_set_columns WHERE record_set = ?");
    if (!statement.ok()) return statement.status();
    statement.bind(1, std::string_view(schema.name));
    while (statement.step()) stored_types.emplace(statement.text(0), statement.text(1));
    if (!statement.ok()) return statement.status();
  }
  for (const ColumnSchema& column : schema.columns) {
    auto found = stored_types.find(column.name);
    if (found != stored_types.end() && found->second != to_string(column.type)) {
      return Status::invalid_input("column '" + column.name + "' of record set '" + schema.name +
                                   "' was stored as " + found->second + ", the schema now says " +
                                   std::string(to_string(column.type)) + "; import into a new database");
    }
  }

  if (!*exists) {
    std::string sql = "CREATE TABLE " + quote_identifier(table) + " (";
    bool first = true;
    for (const ColumnSchema& column : schema.columns) {
      sql += (first ? "" : ", ") + quote_identifier(column.name) + " " + sql_type(column.type);
      first = false;
    }
    for (const ColumnSchema& column : schema.columns) {
      if (keeps_raw_text(column)) sql += ", " + quote_identifier(column.name + std::string(kRawSuffix)) + " TEXT";
    }
    sql += ")";
    if (Status status = exec(sql); !status.is_ok()) return status;
  } else {
    Result<std::vector<std::string>> existing = table_columns(table);
    if (!existing.is_ok()) return existing.status();
    if (Status status = add_missing_columns(table, schema, *existing); !status.is_ok()) return status;
  }
  if (Status status = ensure_key_index(schema); !status.is_ok()) return status;
  if (Status status = ensure_history(schema); !status.is_ok()) return status;

  Statement save(db_, "INSERT OR REPLACE INTO record_set_schemas (name, schema_json) VALUES (?, ?)");
  if (!save.ok()) return save.status();
  save.bind(1, std::string_view(schema.name));
  save.bind(2, std::string_view(schema_json(schema)));
  save.step();
  if (!save.ok()) return save.status();
  Statement save_column(db_, "INSERT OR REPLACE INTO record_set_columns (record_set, column, type) VALUES (?, ?, ?)");
  if (!save_column.ok()) return save_column.status();
  for (const ColumnSchema& column : schema.columns) {
    save_column.reset();
    save_column.bind(1, std::string_view(schema.name));
    save_column.bind(2, std::string_view(column.name));
    save_column.bind(3, to_string(column.type));
    save_column.step();
    if (!save_column.ok()) return save_column.status();
  }
  return Status::ok();
}

Result<int64_t> Store::row_count(std::string_view record_set) {
  if (!is_valid_store_name(record_set)) return Status::invalid_input("bad record set name");
  const std::string table = table_name(record_set);
  Result<bool> exists = table_exists(table);
  if (!exists.is_ok()) return exists.status();
  if (!*exists) return int64_t{0};
  Statement statement(db_, "SELECT count(*) FROM " + quote_identifier(table));
  if (!statement.ok()) return statement.status();
  if (!statement.step()) return statement.ok() ? Status::store_error("count returned no row") : statement.status();
  return statement.integer(0);
}

Result<MergeCounts> Store::merge(const RecordSet& rows, const std::vector<std::vector<std::string>>& raw_texts,
                                 const MergeScope& scope) {
  const RecordSetSchema& schema = rows.schema();
  if (Status status = check_names(schema); !status.is_ok()) return status;
  CADENCE_ASSERT(rows.column_count() == schema.columns.size());
  const std::string table = quote_identifier(table_name(schema.name));
  const std::vector<std::string> columns = stored_columns(schema);
  // Which stored column binds which value: schema columns first, then raw texts.
  std::vector<std::size_t> raw_sources;
  for (std::size_t c = 0; c < schema.columns.size(); ++c) {
    if (keeps_raw_text(schema.columns[c])) raw_sources.push_back(c);
  }
  const std::size_t row_count_in = rows.rows();
  // Every text is bound in place (SQLITE_STATIC): the dictionaries and
  // raw_texts outlive each statement's step.
  auto bind_row = [&](Statement& statement, int index, std::size_t row) {
    for (std::size_t c = 0; c < schema.columns.size(); ++c) bind_value(statement, index++, rows.column(c), row);
    for (std::size_t source : raw_sources) {
      if (source < raw_texts.size() && row < raw_texts[source].size()) {
        statement.bind_stable(index++, std::string_view(raw_texts[source][row]));
      } else {
        bind_value(statement, index++, rows.column(source), row);
      }
    }
  };
  const std::string insert_into = "INSERT INTO " + table + " (" + column_list(columns) + ")";

  const bool snapshot = schema.kind == RecordSetKind::kSnapshot;
  const std::string history = quote_identifier(history_name(schema.name));
  const std::string all_columns = column_list(columns);
  // A version's validity: from the export date for a snapshot, unbounded
  // for events (their rows carry their own time).
  const std::string valid_from = snapshot ? std::to_string(scope.as_of) : std::string("NULL");
  const std::string batch = std::to_string(scope.batch);

  Result<int64_t> before = row_count(schema.name);
  if (!before.is_ok()) return before.status();
  MergeCounts counts;
  if (*before == 0) {
    // The first import of a set (or of a set emptied since): every row is
    // new, so nothing needs comparing, and keys were checked unique by the
    // importer (a duplicate here fails on the unique index).
    Result<int64_t> inserted = insert_rows(db_, insert_into, "", columns.size(), row_count_in, bind_row);
    if (!inserted.is_ok()) return inserted.status();
    if (Status status = exec("INSERT INTO " + history + " (" + all_columns + ", valid_from, batch) SELECT " +
                             all_columns + ", " + valid_from + ", " + batch + " FROM " + table + " ORDER BY rowid");
        !status.is_ok()) {
      return status;
    }
    counts.added = static_cast<int64_t>(row_count_in);
    counts.into_empty = true;
    if (scope.sample_rows > 0) {
      Result<std::vector<std::string>> keys =
          sample_keys(schema, "SELECT " + column_list(natural_key(schema)) + " FROM " + table + " ORDER BY rowid",
                      scope.sample_rows);
      if (!keys.is_ok()) return keys.status();
      counts.added_keys = std::move(*keys);
    }
    return counts;
  }

  // Stage the file's rows and group them by key. Each key group's fate:
  // 0 added (no stored row has the key), 1 updated (the stored rows of the
  // key differ from the file's, as multisets: a key with several rows is
  // replaced as a whole), 2 unchanged. Each file row counts with its group.
  const std::string incoming = "temp." + quote_identifier("incoming_" + schema.name);
  const std::string groups = "temp." + quote_identifier("groups_" + schema.name);
  const std::string incoming_groups = "temp." + quote_identifier("incoming_groups_" + schema.name);
  const std::string matched = "temp." + quote_identifier("matched_" + schema.name);
  const std::string fates = "temp." + quote_identifier("fates_" + schema.name);
  const std::string closing = "temp." + quote_identifier("closing_" + schema.name);
  const std::string temporaries[] = {incoming, groups, incoming_groups, matched, fates, closing};
  for (const std::string& temporary : temporaries) {
    if (Status status = exec("DROP TABLE IF EXISTS " + temporary); !status.is_ok()) return status;
  }
  if (Status status = exec("CREATE TABLE " + incoming + " AS SELECT " + all_columns + " FROM " + table + " WHERE 0");
      !status.is_ok()) {
    return status;
  }
  {
    Result<int64_t> staged = insert_rows(db_, "INSERT INTO " + incoming, "", columns.size(), row_count_in, bind_row);
    if (!staged.is_ok()) return staged.status();
  }
  const std::vector<std::string> key = natural_key(schema);
  std::string group_columns;  // k0, k1, ...
  std::string group_values;   // key_expression(i.col) AS k0, ...
  std::string group_match;    // g.k0 = key_expression(x.col) AND ...
  for (std::size_t k = 0; k < key.size(); ++k) {
    const std::string name = "k" + std::to_string(k);
    group_columns += (k ? ", " : "") + name;
    group_values += (k ? ", " : "") + key_expression(schema, key[k], "i.") + " AS " + name;
  }
  auto match_group = [&](std::string_view alias) {
    std::string out;
    for (std::size_t k = 0; k < key.size(); ++k) {
      out += (k ? " AND " : "") + std::string("g.k") + std::to_string(k) + " = " +
             key_expression(schema, key[k], std::string(alias) + ".");
    }
    return out;
  };
  const std::string setup[] = {
      "CREATE TABLE " + groups + " AS SELECT DISTINCT " + group_values + " FROM " + incoming + " AS i",
      "CREATE UNIQUE INDEX " + groups.substr(0, 5) + quote_identifier("groups_key_" + schema.name) + " ON " +
          quote_identifier("groups_" + schema.name) + " (" + group_columns + ")",
      "CREATE TABLE " + incoming_groups + " AS SELECT i.rowid AS incoming_row, g.rowid AS grp FROM " + incoming +
          " AS i JOIN " + groups + " AS g ON " + match_group("i"),
      "CREATE TABLE " + matched + " AS SELECT c.rowid AS current_row, g.rowid AS grp FROM " + groups + " AS g JOIN " +
          table + " AS c ON " + match_group("c"),
      // Per group, each distinct row with its count on either side.
      "CREATE TABLE " + fates + " AS SELECT grp, CASE WHEN sum(old_rows) = 0 THEN 0 WHEN sum(old_rows <> new_rows) " +
          "> 0 THEN 1 ELSE 2 END AS fate FROM (SELECT grp, sum(side = 0) AS old_rows, sum(side = 1) AS new_rows FROM " +
          "(SELECT m.grp AS grp, " + column_list(columns, "c.") + ", 0 AS side FROM " + matched + " AS m JOIN " + table +
          " AS c ON c.rowid = m.current_row UNION ALL SELECT ig.grp, " + column_list(columns, "i.") + ", 1 FROM " +
          incoming_groups + " AS ig JOIN " + incoming + " AS i ON i.rowid = ig.incoming_row) GROUP BY grp, " +
          all_columns + ") GROUP BY grp",
  };
  for (const std::string& statement : setup) {
    if (Status status = exec(statement); !status.is_ok()) return status;
  }
  {
    Statement tally(db_, "SELECT f.fate, count(*) FROM " + incoming_groups + " AS ig JOIN " + fates +
                             " AS f ON f.grp = ig.grp GROUP BY f.fate");
    if (!tally.ok()) return tally.status();
    while (tally.step()) {
      const int64_t rows_of_fate = tally.integer(1);
      switch (tally.integer(0)) {
        case 0: counts.added = rows_of_fate; break;
        case 1: counts.replaced = rows_of_fate; break;
        default: counts.unchanged = rows_of_fate; break;
      }
    }
    if (!tally.ok()) return tally.status();
  }
  // A snapshot closes the stored rows of the orgs it covers that it no
  // longer has (never those of other orgs: a county's file speaks for that
  // county only).
  const bool closes = snapshot && !scope.covered_orgs.empty() && !schema.org_column.empty() &&
                      schema.column(schema.org_column) != nullptr;
  if (closes) {
    const std::string covered = "temp." + quote_identifier("covered_" + schema.name);
    if (Status status = exec("DROP TABLE IF EXISTS " + covered + "; CREATE TABLE " + covered +
                             " (org TEXT PRIMARY KEY) WITHOUT ROWID");
        !status.is_ok()) {
      return status;
    }
    Statement add(db_, "INSERT OR IGNORE INTO " + covered + " (org) VALUES (?)");
    if (!add.ok()) return add.status();
    for (const std::string& org : scope.covered_orgs) {
      add.reset();
      add.bind(1, std::string_view(org));
      add.step();
      if (!add.ok()) return add.status();
    }
    if (Status status = exec("CREATE TABLE " + closing + " AS SELECT rowid AS current_row FROM " + table + " WHERE " +
                             quote_identifier(schema.org_column) + " IN (SELECT org FROM " + covered +
                             ") AND rowid NOT IN (SELECT current_row FROM " + matched + "); DROP TABLE " + covered);
        !status.is_ok()) {
      return status;
    }
  } else if (Status status = exec("CREATE TABLE " + closing + " (current_row INTEGER)"); !status.is_ok()) {
    return status;
  }
  {
    Statement closed(db_, "SELECT count(*) FROM " + closing);
    if (!closed.ok()) return closed.status();
    if (closed.step()) counts.closed = closed.integer(0);
    if (!closed.ok()) return closed.status();
  }
  // The current rows this file ends: those of updated groups, and closed ones.
  const std::string ending = "SELECT m.current_row FROM " + matched + " AS m JOIN " + fates +
                             " AS f ON f.grp = m.grp AND f.fate = 1 UNION ALL SELECT current_row FROM " + closing;
  // The incoming rows that become current: those of added and updated groups.
  const std::string arriving = "SELECT ig.incoming_row FROM " + incoming_groups + " AS ig JOIN " + fates +
                               " AS f ON f.grp = ig.grp AND f.fate < 2";
  if (snapshot) {
    // Versions are a timeline: a snapshot older than the version it would
    // end cannot be placed after it.
    Statement latest(db_, "SELECT max(h.valid_from) FROM " + history + " AS h JOIN " + table + " AS c ON " +
                              key_match(schema, "h.", "c.") + " WHERE h.closed_by IS NULL AND c.rowid IN (" + ending +
                              ")");
    if (!latest.ok()) return latest.status();
    if (latest.step() && !latest.is_null(0) && latest.integer(0) > scope.as_of) {
      const int64_t stored_from = latest.integer(0);
      return Status::invalid_input("the export date " + Date::from_days(scope.as_of).to_string() + " of this '" +
                                   schema.name + "' snapshot is before " +
                                   Date::from_days(static_cast<int32_t>(stored_from)).to_string() +
                                   ", the export date of stored rows it would change; import snapshots in date order");
    }
    if (!latest.ok()) return latest.status();
  }
  if (scope.sample_rows > 0) {
    const std::string key_columns = column_list(key, "i.");
    const std::string limit = " LIMIT " + std::to_string(scope.sample_rows);
    for (int fate = 0; fate < 2; ++fate) {
      Result<std::vector<std::string>> keys =
          sample_keys(schema,
                      "SELECT " + key_columns + " FROM " + incoming + " AS i JOIN " + incoming_groups +
                          " AS ig ON ig.incoming_row = i.rowid JOIN " + fates + " AS f ON f.grp = ig.grp WHERE f.fate = " +
                          std::to_string(fate) + " ORDER BY i.rowid" + limit,
                      scope.sample_rows);
      if (!keys.is_ok()) return keys.status();
      (fate == 0 ? counts.added_keys : counts.updated_keys) = std::move(*keys);
    }
    Result<std::vector<std::string>> keys =
        sample_keys(schema,
                    "SELECT " + key_columns + " FROM " + table + " AS i WHERE rowid IN (SELECT current_row FROM " +
                        closing + ") ORDER BY rowid" + limit,
                    scope.sample_rows);
    if (!keys.is_ok()) return keys.status();
    counts.closed_keys = std::move(*keys);
  }
  // History: end the open versions of the keys being replaced or closed (a
  // key's open versions are exactly its current rows), add the new ones;
  // then the current table follows.
  const std::string valid_to = snapshot ? std::to_string(scope.as_of) : std::string("NULL");
  const std::string changes[] = {
      "UPDATE " + history + " SET valid_to = " + valid_to + ", closed_by = " + batch +
          " WHERE closed_by IS NULL AND rowid IN (SELECT h.rowid FROM " + table + " AS c JOIN " + history + " AS h ON " +
          key_match(schema, "h.", "c.") + " AND h.closed_by IS NULL WHERE c.rowid IN (" + ending + "))",
      "INSERT INTO " + history + " (" + all_columns + ", valid_from, batch) SELECT " + all_columns + ", " + valid_from +
          ", " + batch + " FROM " + incoming + " WHERE rowid IN (" + arriving + ") ORDER BY rowid",
      "DELETE FROM " + table + " WHERE rowid IN (" + ending + ")",
      "INSERT INTO " + table + " (" + all_columns + ") SELECT " + all_columns + " FROM " + incoming +
          " WHERE rowid IN (" + arriving + ") ORDER BY rowid",
  };
  for (const std::string& statement : changes) {
    if (Status status = exec(statement); !status.is_ok()) return status;
  }
  for (const std::string& temporary : temporaries) {
    if (Status status = exec("DROP TABLE " + temporary); !status.is_ok()) return status;
  }
  return counts;
}

Result<MergeCounts> Store::remove_rows(const RecordSetSchema& schema, std::optional<int64_t> time_from,
                                       std::optional<int64_t> time_to, const MergeScope& scope) {
  if (Status status = check_names(schema); !status.is_ok()) return status;
  MergeCounts counts;
  Result<bool> exists = table_exists(table_name(schema.name));
  if (!exists.is_ok()) return exists.status();
  if (!*exists) return counts;
  const std::string table = quote_identifier(table_name(schema.name));
  const std::string history = quote_identifier(history_name(schema.name));
  std::string where = "1";
  if (time_from || time_to) {
    const std::string time = quote_identifier(schema.time_column);
    where += " AND " + time + " BETWEEN " + std::to_string(time_from.value_or(INT64_MIN)) + " AND " +
             std::to_string(time_to.value_or(INT64_MAX));
  }
  const std::string removing = "temp." + quote_identifier("removing_" + schema.name);
  if (Status status = exec("DROP TABLE IF EXISTS " + removing + "; CREATE TABLE " + removing +
                           " (current_row INTEGER PRIMARY KEY)");
      !status.is_ok()) {
    return status;
  }
  if (!scope.covered_orgs.empty()) {
    // Bound one id at a time: the org list may be long.
    Statement add(db_, "INSERT INTO " + removing + " SELECT rowid FROM " + table + " WHERE " + where + " AND " +
                           quote_identifier(schema.org_column) + " = ?");
    if (!add.ok()) return add.status();
    for (const std::string& org : scope.covered_orgs) {
      add.reset();
      add.bind(1, std::string_view(org));
      add.step();
      if (!add.ok()) return add.status();
    }
  } else if (Status status = exec("INSERT INTO " + removing + " SELECT rowid FROM " + table + " WHERE " + where);
             !status.is_ok()) {
    return status;
  }
  {
    Statement count(db_, "SELECT count(*) FROM " + removing);
    if (!count.ok()) return count.status();
    if (count.step()) counts.closed = count.integer(0);
    if (!count.ok()) return count.status();
  }
  Result<std::vector<std::string>> keys =
      sample_keys(schema,
                  "SELECT " + column_list(natural_key(schema)) + " FROM " + table + " WHERE rowid IN (SELECT " +
                      "current_row FROM " + removing + ") ORDER BY rowid LIMIT " + std::to_string(scope.sample_rows),
                  scope.sample_rows);
  if (!keys.is_ok()) return keys.status();
  counts.closed_keys = std::move(*keys);
  const std::string valid_to =
      schema.kind == RecordSetKind::kSnapshot ? std::to_string(scope.as_of) : std::string("NULL");
  const std::string batch = std::to_string(scope.batch);
  const std::string changes[] = {
      "UPDATE " + history + " SET valid_to = " + valid_to + ", closed_by = " + batch +
          " WHERE closed_by IS NULL AND rowid IN (SELECT h.rowid FROM " + table + " AS c JOIN " + history + " AS h ON " +
          key_match(schema, "h.", "c.") + " AND h.closed_by IS NULL WHERE c.rowid IN (SELECT current_row FROM " +
          removing + "))",
      "DELETE FROM " + table + " WHERE rowid IN (SELECT current_row FROM " + removing + ")",
      "DROP TABLE " + removing,
  };
  for (const std::string& statement : changes) {
    if (Status status = exec(statement); !status.is_ok()) return status;
  }
  return counts;
}

// The keys the rows of `sql` (key columns in natural_key order) hold, as
// people write them: "B1, 2023-W10".
Result<std::vector<std::string>> Store::sample_keys(const RecordSetSchema& schema, const std::string& sql,
                                                    std::size_t limit) {
  const std::vector<std::string> key = natural_key(schema);
  std::vector<Column> values;
  for (const std::string& name : key) values.emplace_back(schema.column(name)->type);
  Statement select(db_, sql);
  if (!select.ok()) return select.status();
  std::vector<std::string> out;
  while (out.size() < limit && select.step()) {
    std::string text;
    for (std::size_t c = 0; c < key.size(); ++c) {
      append_value(values[c], select, static_cast<int>(c));
      const std::size_t row = values[c].size() - 1;
      text += (c ? ", " : "") + (values[c].is_null(row) ? std::string() : values[c].format(row));
    }
    out.push_back(std::move(text));
  }
  if (!select.ok()) return select.status();
  return out;
}

Status Store::rebuild_snapshot(const RecordSetSchema& schema) {
  if (Status status = check_names(schema); !status.is_ok()) return status;
  RecordSet rows(schema);
  std::vector<std::string> names;
  for (const ColumnSchema& column : schema.columns) names.push_back(column.name);
  if (!names.empty()) {
    Statement select(db_, "SELECT " + column_list(names) + " FROM " + quote_identifier(table_name(schema.name)) +
                              " ORDER BY rowid");
    if (!select.ok()) return select.status();
    while (select.step()) {
      for (std::size_t c = 0; c < names.size(); ++c) append_value(rows.column(c), select, static_cast<int>(c));
    }
    if (!select.ok()) return select.status();
  }
  return write_snapshot(rows);
}

Status Store::write_snapshot(const RecordSet& rows) {
  const RecordSetSchema& schema = rows.schema();
  if (Status status = check_names(schema); !status.is_ok()) return status;
  Statement clear(db_, "DELETE FROM column_snapshots WHERE record_set = ?");
  if (!clear.ok()) return clear.status();
  clear.bind(1, std::string_view(schema.name));
  clear.step();
  if (!clear.ok()) return clear.status();
  Statement insert(db_,
                   "INSERT INTO column_snapshots (record_set, position, column, type, rows, data, nulls, dictionary) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  if (!insert.ok()) return insert.status();
  for (std::size_t c = 0; c < schema.columns.size(); ++c) {
    const store::ColumnBlobs blobs = store::encode_column(rows.column(c));
    insert.reset();
    insert.bind(1, std::string_view(schema.name));
    insert.bind(2, static_cast<int64_t>(c));
    insert.bind(3, std::string_view(schema.columns[c].name));
    insert.bind(4, to_string(schema.columns[c].type));
    insert.bind(5, static_cast<int64_t>(rows.rows()));
    insert.bind_stable_blob(6, blobs.data);
    insert.bind_stable_blob(7, blobs.nulls);
    insert.bind_stable_blob(8, blobs.dictionary);
    insert.step();
    if (!insert.ok()) return insert.status();
  }
  return Status::ok();
}

Result<std::optional<RecordSet>> Store::load_record_set(const RecordSetSchema& schema, Diagnostics& diagnostics) {
  SnapshotReader reader(db_);
  return load_snapshot(db_, reader, schema, diagnostics);
}

Result<Dataset> Store::load_dataset(const Schema& schema, Diagnostics& diagnostics) {
  // The snapshots are read once, in big sequential pieces: mapping the file
  // lets SQLite hand out pages of the OS's own cache instead of copying each
  // into its page cache (64 MiB of fresh memory at M, a fifth of the load's
  // page faults). Only for the load: writes keep the default.
  if (Status status = exec("PRAGMA mmap_size=" + std::to_string(kLoadMmapBytes)); !status.is_ok()) return status;
  struct Unmap {
    Store* store;
    ~Unmap() { (void)store->exec("PRAGMA mmap_size=0"); }
  } unmap{this};

  // Reading a record set and sorting one take about as long: while this
  // thread reads a set, a second one sorts the sets read before it
  // (DatasetBuilder), in schema order, so the result and the diagnostics do
  // not depend on the threads. The builder's diagnostics are kept apart and
  // added after the load's own, as Dataset::build after the loop used to.
  std::vector<RecordSet> loaded(schema.record_sets.size());
  Diagnostics build_diagnostics;
  std::optional<DatasetBuilder> builder;
  std::optional<Dataset> dataset;
  std::size_t orgs_at = schema.record_sets.size();  // the builder starts with orgs
  std::vector<std::size_t> before_orgs;             // sets read before orgs, waiting
  {
    SerialWorker worker;
    bool failed = false;
    // One reader: its open blob handles keep one read transaction, so every
    // record set comes from the same state of the store.
    SnapshotReader reader(db_);
    for (std::size_t index = 0; index < schema.record_sets.size(); ++index) {
      const RecordSetSchema& record_set = schema.record_sets[index];
      Result<std::optional<RecordSet>> read = load_snapshot(db_, reader, record_set, diagnostics);
      if (!read.is_ok()) {
        if (read.status().code() != StatusCode::kInvalidInput) return read.status();
        failed = true;
        continue;
      }
      if (failed) continue;  // nothing will be built: stop handing sets over
      loaded[index] = read->has_value() ? std::move(**read) : RecordSet(record_set);
      if (record_set.name == kOrgsRecordSet && orgs_at == schema.record_sets.size()) {
        orgs_at = index;
        worker.post([&, index] {
          builder.emplace(std::move(loaded[index]), build_diagnostics);
          for (std::size_t waiting : before_orgs) builder->add(std::move(loaded[waiting]));
        });
      } else {
        worker.post([&, index] {
          if (builder) {
            builder->add(std::move(loaded[index]));
          } else {
            before_orgs.push_back(index);
          }
        });
      }
    }
    if (!failed) {
      worker.post([&] {
        // This thread is done reading by now: the builder may use two.
        if (builder) dataset = builder->finish(2);
      });
    }
    worker.finish();
    if (failed) return Status::invalid_input("the stored data does not match the pack's schema");
  }
  if (!builder) return Status::invalid_input("the schema has no 'orgs' record set");
  diagnostics.append(build_diagnostics);
  if (!dataset) return Status::invalid_input("the stored data does not form a valid dataset");
  return std::move(*dataset);
}

Result<RecordSet> Store::load_versions_as_of(const RecordSetSchema& schema, int32_t as_of) {
  if (Status status = check_names(schema); !status.is_ok()) return status;
  RecordSet rows(schema);
  Result<bool> exists = table_exists(history_name(schema.name));
  if (!exists.is_ok()) return exists.status();
  if (!*exists) return rows;
  Result<std::vector<std::string>> stored = table_columns(history_name(schema.name));
  if (!stored.is_ok()) return stored.status();
  const std::set<std::string, std::less<>> present(stored->begin(), stored->end());
  // A column the history lacks (added to the schema since) reads as NULL.
  std::string select_list;
  for (const ColumnSchema& column : schema.columns) {
    select_list += (select_list.empty() ? "" : ", ") +
                   (present.contains(column.name) ? quote_identifier(column.name) : std::string("NULL"));
  }
  // Valid on the day: from valid_from (NULL: always) until before valid_to
  // (NULL: still). A version closed without a date (an event's) is not.
  Statement select(db_, "SELECT " + select_list + " FROM " + quote_identifier(history_name(schema.name)) +
                            " WHERE (valid_from IS NULL OR valid_from <= ?1) AND (valid_to > ?1 OR (valid_to IS NULL "
                            "AND closed_by IS NULL)) ORDER BY rowid");
  if (!select.ok()) return select.status();
  select.bind(1, static_cast<int64_t>(as_of));
  while (select.step()) {
    for (std::size_t c = 0; c < schema.columns.size(); ++c) append_value(rows.column(c), select, static_cast<int>(c));
  }
  if (!select.ok()) return select.status();
  return rows;
}

Result<Dataset> Store::load_dataset_as_of(const Schema& schema, int32_t as_of, Diagnostics& diagnostics) {
  // One read transaction for every set, as load_dataset has.
  const bool own_read = transaction_ == Transaction::kNone;
  if (own_read) {
    if (Status status = begin_read(); !status.is_ok()) return status;
  }
  struct EndRead {
    Store* store;
    bool own;
    ~EndRead() {
      if (own) store->end_read();
    }
  } end_read_at_exit{this, own_read};
  std::optional<RecordSet> orgs;
  std::vector<RecordSet> others;
  bool failed = false;
  for (const RecordSetSchema& record_set : schema.record_sets) {
    std::optional<RecordSet> rows;
    if (record_set.kind == RecordSetKind::kSnapshot) {
      Result<RecordSet> versions = load_versions_as_of(record_set, as_of);
      if (!versions.is_ok()) return versions.status();
      rows = std::move(*versions);
    } else {
      Result<std::optional<RecordSet>> read = load_record_set(record_set, diagnostics);
      if (!read.is_ok()) {
        if (read.status().code() != StatusCode::kInvalidInput) return read.status();
        failed = true;
        continue;
      }
      rows = read->has_value() ? std::move(**read) : RecordSet(record_set);
    }
    if (record_set.name == kOrgsRecordSet && !orgs) {
      orgs = std::move(*rows);
    } else {
      others.push_back(std::move(*rows));
    }
  }
  if (failed) return Status::invalid_input("the stored data does not match the pack's schema");
  if (!orgs) return Status::invalid_input("the schema has no 'orgs' record set");
  std::optional<Dataset> dataset = Dataset::build(std::move(*orgs), std::move(others), diagnostics);
  if (!dataset) return Status::invalid_input("the stored data does not form a valid dataset");
  return std::move(*dataset);
}

// rs_<name> made again from the versions still current.
Status Store::rebuild_current(const std::string& record_set) {
  const std::string table = table_name(record_set);
  Result<std::vector<std::string>> columns = table_columns(table);
  if (!columns.is_ok()) return columns.status();
  const std::string list = column_list(*columns);
  return exec("DELETE FROM " + quote_identifier(table) + "; INSERT INTO " + quote_identifier(table) + " (" + list +
              ") SELECT " + list + " FROM " + quote_identifier(history_name(record_set)) +
              " WHERE closed_by IS NULL ORDER BY rowid");
}

Result<std::vector<int64_t>> Store::undo_batch(int64_t batch, const Schema& schema) {
  Result<std::vector<ImportBatch>> all = batches();
  if (!all.is_ok()) return all.status();
  auto found = std::find_if(all->begin(), all->end(), [&](const ImportBatch& b) { return b.id == batch; });
  if (found == all->end()) return Status::invalid_input("there is no import batch " + std::to_string(batch));
  if (!found->undone_at.empty()) {
    return Status::invalid_input("import batch " + std::to_string(batch) + " was already undone at " +
                                 found->undone_at);
  }
  std::set<int64_t> undone{batch};
  std::set<std::string> record_sets;
  for (const ImportBatch& b : *all) record_sets.insert(b.record_set);
  std::vector<std::string> histories;
  for (const std::string& name : record_sets) {
    Result<bool> exists = table_exists(history_name(name));
    if (!exists.is_ok()) return exists.status();
    if (*exists) histories.push_back(name);
  }
  auto ids_text = [](const std::set<int64_t>& ids) {
    std::string out;
    for (int64_t id : ids) out += (out.empty() ? "" : ",") + std::to_string(id);
    return out;
  };
  // The later batches that depend on an undone one, until none is added.
  for (bool grew = true; grew;) {
    grew = false;
    for (const std::string& name : histories) {
      Statement closers(db_, "SELECT DISTINCT closed_by FROM " + quote_identifier(history_name(name)) +
                                 " WHERE batch IN (" + ids_text(undone) + ") AND closed_by IS NOT NULL");
      if (!closers.ok()) return closers.status();
      while (closers.step()) grew = undone.insert(closers.integer(0)).second || grew;
      if (!closers.ok()) return closers.status();
    }
    for (const ImportBatch& b : *all) {
      if (!b.undone_at.empty() || undone.contains(b.id) || b.imported_at < found->imported_at) continue;
      // Rows of another set may name the orgs or members an undone batch added.
      // (An import stores snapshot files last, so a batch of the same
      // command may have a smaller id than the orgs or members it names.)
      const bool names_them = std::any_of(all->begin(), all->end(), [&](const ImportBatch& earlier) {
        return undone.contains(earlier.id) && earlier.imported_at <= b.imported_at && earlier.rows_added > 0 &&
               earlier.record_set != b.record_set &&
               (earlier.record_set == kOrgsRecordSet || earlier.record_set == kMembersRecordSet);
      });
      if (names_them) grew = undone.insert(b.id).second || grew;
    }
  }
  std::set<std::string> touched;
  for (const ImportBatch& b : *all) {
    if (undone.contains(b.id)) touched.insert(b.record_set);
  }
  const std::string ids = ids_text(undone);
  for (const std::string& name : touched) {
    const RecordSetSchema* set_schema = schema.find(name);
    if (set_schema == nullptr) {
      return Status::invalid_input("record set '" + name + "' of an undone batch is not in the pack's schema");
    }
    Result<bool> exists = table_exists(history_name(name));
    if (!exists.is_ok()) return exists.status();
    if (!*exists) {
      return Status::invalid_input("record set '" + name +
                                   "' was imported before the store kept history; its batches cannot be undone");
    }
    const std::string history = quote_identifier(history_name(name));
    if (Status status = exec("DELETE FROM " + history + " WHERE batch IN (" + ids + "); UPDATE " + history +
                             " SET valid_to = NULL, closed_by = NULL WHERE closed_by IN (" + ids + ")");
        !status.is_ok()) {
      return status;
    }
    if (Status status = rebuild_current(name); !status.is_ok()) return status;
    if (Status status = rebuild_snapshot(*set_schema); !status.is_ok()) return status;
  }
  Statement mark(db_, "UPDATE import_batches SET undone_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id IN (" +
                          ids + ")");
  if (!mark.ok()) return mark.status();
  mark.step();
  if (!mark.ok()) return mark.status();
  return std::vector<int64_t>(undone.begin(), undone.end());
}

Result<std::string> Store::integrity_check() {
  Statement statement(db_, "PRAGMA integrity_check");
  if (!statement.ok()) return statement.status();
  std::string out;
  while (statement.step()) {
    if (!out.empty()) out += "\n";
    out += statement.text(0);
  }
  if (!statement.ok()) return statement.status();
  return out;
}

}  // namespace cadence

// A prepared SQLite statement, finalized on destruction. Values are always
// bound, never spliced into SQL text (issue: "Every SQL statement uses bound
// parameters"). Internal to adapters/store.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "engine/core/status.h"

namespace cadence::store {

inline Status sqlite_error(sqlite3* db, std::string_view what) {
  return Status::store_error(std::string(what) + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
}

class Statement {
 public:
  Statement(sqlite3* db, const std::string& sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql.c_str(), static_cast<int>(sql.size()), &statement_, nullptr) != SQLITE_OK) {
      error_ = sqlite_error(db, "preparing '" + sql + "'");
    }
  }
  ~Statement() { sqlite3_finalize(statement_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  const Status& status() const { return error_; }
  // The (extended) SQLite result code of the failed step; SQLITE_OK if none.
  int error_code() const { return error_code_; }
  bool ok() const { return error_.is_ok(); }

  void bind_null(int index) { sqlite3_bind_null(statement_, index); }
  void bind(int index, int64_t value) { sqlite3_bind_int64(statement_, index, value); }
  void bind(int index, double value) { sqlite3_bind_double(statement_, index, value); }
  void bind(int index, std::string_view text) {
    sqlite3_bind_text(statement_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  }
  // For text that outlives the statement's next step (a column's
  // dictionary): SQLite reads it in place instead of copying it.
  void bind_stable(int index, std::string_view text) {
    sqlite3_bind_text(statement_, index, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
  }
  void bind_blob(int index, std::string_view bytes) { bind_blob_as(index, bytes, SQLITE_TRANSIENT); }
  // For bytes that outlive the statement's next step: read in place.
  void bind_stable_blob(int index, std::string_view bytes) { bind_blob_as(index, bytes, SQLITE_STATIC); }

  // SQLITE_ROW → true, SQLITE_DONE → false (and resets), error → status().
  bool step() {
    const int rc = sqlite3_step(statement_);
    if (rc == SQLITE_ROW) return true;
    if (rc != SQLITE_DONE) {
      error_ = sqlite_error(db_, "executing statement");
      error_code_ = rc;
    }
    sqlite3_reset(statement_);
    return false;
  }
  void reset() {
    sqlite3_reset(statement_);
    sqlite3_clear_bindings(statement_);
  }
  // Ready to run again with new values; the caller binds every parameter.
  void rewind() { sqlite3_reset(statement_); }

  bool is_null(int column) const { return sqlite3_column_type(statement_, column) == SQLITE_NULL; }
  int64_t integer(int column) const { return sqlite3_column_int64(statement_, column); }
  double number(int column) const { return sqlite3_column_double(statement_, column); }
  std::string_view text(int column) const {
    const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(statement_, column));
    return data ? std::string_view(data, static_cast<std::size_t>(sqlite3_column_bytes(statement_, column)))
                : std::string_view();
  }
  std::string_view blob(int column) const {
    const auto* data = static_cast<const char*>(sqlite3_column_blob(statement_, column));
    return data ? std::string_view(data, static_cast<std::size_t>(sqlite3_column_bytes(statement_, column)))
                : std::string_view();
  }

 private:
  void bind_blob_as(int index, std::string_view bytes, sqlite3_destructor_type lifetime) {
    // A zero-length blob must still be a blob, not NULL: pass a valid pointer.
    static const char kEmpty = 0;
    sqlite3_bind_blob64(statement_, index, bytes.empty() ? &kEmpty : bytes.data(),
                        static_cast<sqlite3_uint64>(bytes.size()), lifetime);
  }

  sqlite3* db_;
  sqlite3_stmt* statement_ = nullptr;
  Status error_;
  int error_code_ = SQLITE_OK;
};

}  // namespace cadence::store

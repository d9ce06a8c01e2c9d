#include "adapters/web/web_database.h"

#include <sqlite3.h>

namespace cadence::web {

Result<WebDatabase> WebDatabase::open(const std::string& path) {
  sqlite3* db = nullptr;
  // Never create: only an import creates a store.
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
    std::string message = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return Status::store_error("cannot open the store " + path + ": " + message);
  }
  sqlite3_busy_timeout(db, 5000);
  sqlite3_exec(db, "PRAGMA foreign_keys = ON", nullptr, nullptr, nullptr);
  return WebDatabase(db);
}

WebDatabase::WebDatabase(WebDatabase&& other) noexcept : db_(other.db_) { other.db_ = nullptr; }

WebDatabase& WebDatabase::operator=(WebDatabase&& other) noexcept {
  if (this != &other) {
    sqlite3_close(db_);
    db_ = other.db_;
    other.db_ = nullptr;
  }
  return *this;
}

WebDatabase::~WebDatabase() { sqlite3_close(db_); }

ConnectionPool::Lease::~Lease() {
  if (database_ == nullptr) return;
  std::lock_guard lock(pool_->mutex_);
  pool_->idle_.push_back(std::move(database_));
}

Result<ConnectionPool::Lease> ConnectionPool::borrow() {
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      auto database = std::move(idle_.back());
      idle_.pop_back();
      return Lease(*this, std::move(database));
    }
  }
  auto opened = WebDatabase::open(path_);
  if (!opened.is_ok()) return opened.status();
  return Lease(*this, std::make_unique<WebDatabase>(std::move(opened).value()));
}

}  // namespace cadence::web

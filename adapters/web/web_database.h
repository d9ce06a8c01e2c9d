// A connection to the store for the web workspace's own tables (web_users,
// web_sessions, web_actions of migration 8) and its reads. The store must
// exist and be migrated already (Store::open did it); a connection waits up
// to 5 s for another writer (an import running beside the server) and has
// foreign keys on. One thread at a time; ConnectionPool hands them out.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "engine/core/status.h"

struct sqlite3;

namespace cadence::web {

class WebDatabase {
 public:
  static Result<WebDatabase> open(const std::string& path);
  WebDatabase(WebDatabase&& other) noexcept;
  WebDatabase& operator=(WebDatabase&& other) noexcept;
  WebDatabase(const WebDatabase&) = delete;
  WebDatabase& operator=(const WebDatabase&) = delete;
  ~WebDatabase();

  sqlite3* handle() const { return db_; }

 private:
  explicit WebDatabase(sqlite3* db) : db_(db) {}
  sqlite3* db_ = nullptr;
};

// Connections reused across requests: borrow() gives one back to the pool
// when the lease dies. Thread-safe.
class ConnectionPool {
 public:
  explicit ConnectionPool(std::string path) : path_(std::move(path)) {}

  class Lease {
   public:
    Lease(ConnectionPool& pool, std::unique_ptr<WebDatabase> database) : pool_(&pool), database_(std::move(database)) {}
    Lease(Lease&&) noexcept = default;
    Lease& operator=(Lease&&) noexcept = default;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease();
    sqlite3* handle() const { return database_->handle(); }

   private:
    ConnectionPool* pool_;
    std::unique_ptr<WebDatabase> database_;
  };

  Result<Lease> borrow();
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<WebDatabase>> idle_;
};

}  // namespace cadence::web

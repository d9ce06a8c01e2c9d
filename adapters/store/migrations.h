// The store's schema history as a numbered list of migrations.
//
// Migration i (1-based) takes a database from PRAGMA user_version i-1 to i.
// Migrations are appended, never edited once released: a database created by
// an older cadence is upgraded by running the migrations it has not seen yet,
// in order, each in its own transaction together with the user_version bump.
// Most are a SQL script; the few that move data in a way SQL cannot (rows
// re-encoded as a blob) add a conversion that runs after the script, in the
// same transaction, so a failed conversion leaves the database as it was.
#pragma once

#include <span>
#include <string_view>

#include "engine/core/status.h"

struct sqlite3;

namespace cadence::store {

struct Migration {
  std::string_view script;
  // Runs after the script in the same transaction; null for plain scripts.
  Status (*convert)(sqlite3* db) = nullptr;
};

// All migrations, oldest first. migrations()[i] is migration i + 1.
std::span<const Migration> migrations();

// The user_version a fully migrated database has.
int latest_schema_version();

}  // namespace cadence::store

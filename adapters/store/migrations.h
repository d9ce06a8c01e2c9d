// The store's schema history as a numbered list of SQL scripts.
//
// Migration i (1-based) takes a database from PRAGMA user_version i-1 to i.
// Scripts are appended, never edited once released: a database created by an
// older cadence is upgraded by running the scripts it has not seen yet, in
// order, each in its own transaction together with the user_version bump.
// Later issues (audit runs, findings, rectifications) add their columns by
// appending scripts here.
#pragma once

#include <span>
#include <string_view>

struct sqlite3;

namespace cadence::store {

// All migrations, oldest first. migrations()[i] is migration i + 1.
std::span<const std::string_view> migrations();

// The user_version a fully migrated database has.
int latest_schema_version();

}  // namespace cadence::store

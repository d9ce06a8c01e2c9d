// Accounts of the web workspace (`cadence user add|list|disable`, and login).
//
// A user has a name ([A-Za-z0-9._-], 1..64 bytes), a scope org (they see and
// act only within its subtree) and a role: viewer (reads), editor (also moves
// the rectification ledger), admin (as editor; user management stays on the
// command line). Passwords (8..1024 bytes) are stored only as argon2id
// strings (libsodium crypto_pwhash_str, interactive limits).
//
// verify() answers nullopt for a wrong password, an unknown name and a
// disabled account alike, and spends one argon2id verification on each, so
// the answer's timing does not say which names exist. Call sodium_init()
// (crypto.h) before any of these. Errors are Status values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/status.h"

struct sqlite3;

namespace cadence::web {

enum class Role : unsigned char { kViewer, kEditor, kAdmin };
std::string_view to_string(Role role);
std::optional<Role> parse_role(std::string_view text);

struct User {
  int64_t id = 0;
  std::string name;
  std::string scope_org;
  Role role = Role::kViewer;
  bool disabled = false;
  std::string created_at;
};

bool is_valid_user_name(std::string_view name);

// kInvalidInput for a bad name or password, or a name already taken.
Result<int64_t> add_user(sqlite3* db, std::string_view name, std::string_view scope_org, Role role,
                         std::string_view password, std::string_view now_iso);
Result<std::vector<User>> list_users(sqlite3* db);  // by name
// kNotFound for an unknown name. Disabling also ends the user's sessions.
Status disable_user(sqlite3* db, std::string_view name);
Result<std::optional<User>> find_user(sqlite3* db, int64_t id);
Result<std::optional<User>> verify_password(sqlite3* db, std::string_view name, std::string_view password);

}  // namespace cadence::web

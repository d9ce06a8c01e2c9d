#include "adapters/web/accounts.h"

#include <sodium.h>

#include <mutex>

#include "adapters/store/statement.h"

namespace cadence::web {
namespace {

using store::Statement;

constexpr std::size_t kMinPassword = 8;
constexpr std::size_t kMaxPassword = 1024;

Result<std::string> hash_password(std::string_view password) {
  std::string hashed(crypto_pwhash_STRBYTES, '\0');
  if (crypto_pwhash_str(hashed.data(), password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    return Status::internal("not enough memory to hash the password");
  }
  hashed.resize(hashed.find('\0'));
  return hashed;
}

// Verified against when the name is unknown, so that the time spent does
// not tell names apart.
const std::string& dummy_hash() {
  static std::once_flag once;
  static std::string hashed;
  std::call_once(once, [] {
    auto made = hash_password("cadence-no-such-user");
    hashed = made.is_ok() ? *made : std::string();
  });
  return hashed;
}

User read_user(const Statement& select) {
  User user;
  user.id = select.integer(0);
  user.name = std::string(select.text(1));
  user.scope_org = std::string(select.text(2));
  user.role = parse_role(select.text(3)).value_or(Role::kViewer);
  user.disabled = select.integer(4) != 0;
  user.created_at = std::string(select.text(5));
  return user;
}

constexpr const char* kUserColumns = "id, name, scope_org, role, disabled, created_at";

}  // namespace

std::string_view to_string(Role role) {
  switch (role) {
    case Role::kViewer: return "viewer";
    case Role::kEditor: return "editor";
    case Role::kAdmin: return "admin";
  }
  return "viewer";
}

std::optional<Role> parse_role(std::string_view text) {
  if (text == "viewer") return Role::kViewer;
  if (text == "editor") return Role::kEditor;
  if (text == "admin") return Role::kAdmin;
  return std::nullopt;
}

bool is_valid_user_name(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                    c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

Result<int64_t> add_user(sqlite3* db, std::string_view name, std::string_view scope_org, Role role,
                         std::string_view password, std::string_view now_iso) {
  if (!is_valid_user_name(name)) {
    return Status::invalid_input("a user name is 1 to 64 letters, digits, '.', '_' or '-', not '" + std::string(name) + "'");
  }
  if (password.size() < kMinPassword || password.size() > kMaxPassword) {
    return Status::invalid_input("a password has 8 to 1024 bytes");
  }
  auto hashed = hash_password(password);
  if (!hashed.is_ok()) return hashed.status();
  Statement insert(db,
                   "INSERT INTO web_users(name, scope_org, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?)");
  if (!insert.ok()) return insert.status();
  insert.bind(1, name);
  insert.bind(2, scope_org);
  insert.bind(3, to_string(role));
  insert.bind(4, std::string_view(*hashed));
  insert.bind(5, now_iso);
  insert.step();
  if (insert.error_code() == SQLITE_CONSTRAINT) {
    return Status::invalid_input("there is already a user named '" + std::string(name) + "'");
  }
  if (!insert.ok()) return insert.status();
  return static_cast<int64_t>(sqlite3_last_insert_rowid(db));
}

Result<std::vector<User>> list_users(sqlite3* db) {
  Statement select(db, std::string("SELECT ") + kUserColumns + " FROM web_users ORDER BY name");
  if (!select.ok()) return select.status();
  std::vector<User> users;
  while (select.step()) users.push_back(read_user(select));
  if (!select.ok()) return select.status();
  return users;
}

Status disable_user(sqlite3* db, std::string_view name) {
  Statement update(db, "UPDATE web_users SET disabled = 1 WHERE name = ?");
  if (!update.ok()) return update.status();
  update.bind(1, name);
  update.step();
  if (!update.ok()) return update.status();
  if (sqlite3_changes(db) == 0) return Status::not_found("no user named '" + std::string(name) + "'");
  Statement end(db, "DELETE FROM web_sessions WHERE user_id = (SELECT id FROM web_users WHERE name = ?)");
  if (!end.ok()) return end.status();
  end.bind(1, name);
  end.step();
  return end.status();
}

Result<std::optional<User>> find_user(sqlite3* db, int64_t id) {
  Statement select(db, std::string("SELECT ") + kUserColumns + " FROM web_users WHERE id = ?");
  if (!select.ok()) return select.status();
  select.bind(1, id);
  std::optional<User> user;
  if (select.step()) user = read_user(select);
  if (!select.ok()) return select.status();
  return user;
}

Result<std::optional<User>> verify_password(sqlite3* db, std::string_view name, std::string_view password) {
  Statement select(db, std::string("SELECT ") + kUserColumns + ", password_hash FROM web_users WHERE name = ?");
  if (!select.ok()) return select.status();
  select.bind(1, name);
  std::optional<User> user;
  std::string stored = dummy_hash();
  if (select.step()) {
    user = read_user(select);
    stored = std::string(select.text(6));
    select.rewind();
  }
  if (!select.ok()) return select.status();
  const bool matches = password.size() <= kMaxPassword && !stored.empty() &&
                       crypto_pwhash_str_verify(stored.c_str(), password.data(), password.size()) == 0;
  if (!user || !matches || user->disabled) return std::optional<User>();
  return user;
}

}  // namespace cadence::web

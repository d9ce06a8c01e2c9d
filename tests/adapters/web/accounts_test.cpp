// Accounts and sessions on a fresh store (migrations create the tables).
#include "adapters/web/accounts.h"

#include <doctest/doctest.h>
#include <sqlite3.h>

#include "adapters/store/store.h"
#include "adapters/web/action_log.h"
#include "adapters/web/crypto.h"
#include "adapters/web/sessions.h"
#include "adapters/web/web_database.h"
#include "tests/adapters/store/test_support.h"

using namespace cadence;
using namespace cadence::web;

namespace {

struct Fixture {
  testing::TempDir dir;
  std::string path = dir.path("cadence.db");
  WebDatabase database = [this] {
    REQUIRE(init_crypto());
    REQUIRE(Store::open(path).is_ok());
    return std::move(WebDatabase::open(path).value());
  }();
  sqlite3* db() const { return database.handle(); }
};

std::string stored_text(sqlite3* db, const char* sql) {
  sqlite3_stmt* statement = nullptr;
  sqlite3_prepare_v2(db, sql, -1, &statement, nullptr);
  std::string out;
  if (sqlite3_step(statement) == SQLITE_ROW) out = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
  sqlite3_finalize(statement);
  return out;
}

}  // namespace

TEST_CASE("a password is stored as an argon2id string and verified against it") {
  Fixture f;
  REQUIRE(add_user(f.db(), "county", "O2", Role::kEditor, "correct horse", "2026-01-01T00:00:00Z").is_ok());
  const std::string hashed = stored_text(f.db(), "SELECT password_hash FROM web_users");
  CHECK(hashed.rfind("$argon2id$", 0) == 0);
  CHECK(hashed.find("correct horse") == std::string::npos);
  auto good = verify_password(f.db(), "county", "correct horse");
  REQUIRE(good.is_ok());
  REQUIRE(good->has_value());
  CHECK((*good)->scope_org == "O2");
  CHECK((*good)->role == Role::kEditor);
  CHECK_FALSE(verify_password(f.db(), "county", "correct horsE")->has_value());
  CHECK_FALSE(verify_password(f.db(), "nobody", "correct horse")->has_value());
}

TEST_CASE("bad names, short passwords and taken names are refused") {
  Fixture f;
  CHECK(add_user(f.db(), "a b", "O1", Role::kViewer, "password1", "t").status().code() == StatusCode::kInvalidInput);
  CHECK(add_user(f.db(), "", "O1", Role::kViewer, "password1", "t").status().code() == StatusCode::kInvalidInput);
  CHECK(add_user(f.db(), "ok", "O1", Role::kViewer, "short", "t").status().code() == StatusCode::kInvalidInput);
  REQUIRE(add_user(f.db(), "ok", "O1", Role::kViewer, "password1", "t").is_ok());
  CHECK(add_user(f.db(), "ok", "O1", Role::kViewer, "password2", "t").status().code() == StatusCode::kInvalidInput);
  CHECK(list_users(f.db())->size() == 1);
}

TEST_CASE("a disabled user cannot log in and loses their sessions") {
  Fixture f;
  auto id = add_user(f.db(), "u", "O1", Role::kViewer, "password1", "t");
  REQUIRE(id.is_ok());
  auto session = create_session(f.db(), *id, 1000, {});
  REQUIRE(session.is_ok());
  CHECK(find_session(f.db(), session->token, 1001, {})->has_value());
  REQUIRE(disable_user(f.db(), "u").is_ok());
  CHECK_FALSE(find_session(f.db(), session->token, 1002, {})->has_value());
  CHECK_FALSE(verify_password(f.db(), "u", "password1")->has_value());
  CHECK(disable_user(f.db(), "nobody").code() == StatusCode::kNotFound);
}

TEST_CASE("sessions are stored by the hash of their token and expire idle and absolutely") {
  Fixture f;
  auto id = add_user(f.db(), "u", "O1", Role::kViewer, "password1", "t");
  REQUIRE(id.is_ok());
  const SessionPolicy policy{100, 1000};
  auto session = create_session(f.db(), *id, 0, policy);
  REQUIRE(session.is_ok());
  CHECK(session->token.size() == 64);
  CHECK(stored_text(f.db(), "SELECT token_sha256 FROM web_sessions") == sha256_hex(session->token));
  CHECK(stored_text(f.db(), "SELECT count(*) FROM web_sessions WHERE token_sha256 = (SELECT token_sha256 FROM "
                            "web_sessions) AND csrf_token <> ''") == "1");
  // Active every 90 s: the idle limit never hits, the absolute one does.
  for (int64_t now = 90; now < 1000; now += 90) {
    auto found = find_session(f.db(), session->token, now, policy);
    REQUIRE(found.is_ok());
    CHECK(found->has_value());
    CHECK((*found)->csrf_token == session->csrf_token);
  }
  CHECK_FALSE(find_session(f.db(), session->token, 1000, policy)->has_value());

  auto idle = create_session(f.db(), *id, 2000, policy);
  REQUIRE(idle.is_ok());
  CHECK(find_session(f.db(), idle->token, 2099, policy)->has_value());
  CHECK_FALSE(find_session(f.db(), idle->token, 2200, policy)->has_value());

  auto ended = create_session(f.db(), *id, 3000, policy);
  REQUIRE(ended.is_ok());
  REQUIRE(end_session(f.db(), ended->token).is_ok());
  CHECK_FALSE(find_session(f.db(), ended->token, 3001, policy)->has_value());
  CHECK_FALSE(find_session(f.db(), "not a token", 3001, policy)->has_value());
}

TEST_CASE("the session cookie is HttpOnly and SameSite=Strict") {
  const std::string cookie = session_cookie("abc", {});
  CHECK(cookie.find("cadence_session=abc") == 0);
  CHECK(cookie.find("HttpOnly") != std::string::npos);
  CHECK(cookie.find("SameSite=Strict") != std::string::npos);
  CHECK(session_cookie("", {}).find("Max-Age=0") != std::string::npos);
  CHECK(cookie.find("Secure") == std::string::npos);
  SessionPolicy behind_tls;
  behind_tls.secure_cookie = true;
  CHECK(session_cookie("abc", behind_tls).find("; Secure") != std::string::npos);
}

TEST_CASE("actions are logged newest first") {
  Fixture f;
  REQUIRE(record_action(f.db(), {"2026-01-01T00:00:00Z", "u", "127.0.0.1", "login", "", ""}).is_ok());
  REQUIRE(record_action(f.db(), {"2026-01-01T00:01:00Z", "u", "127.0.0.1", "ledger plan", "O5", "note"}).is_ok());
  auto actions = recent_actions(f.db(), 10);
  REQUIRE(actions.is_ok());
  REQUIRE(actions->size() == 2);
  CHECK(actions->at(0).action == "ledger plan");
  CHECK(actions->at(0).org_id == "O5");
}

#include "adapters/web/sessions.h"

#include "adapters/store/statement.h"
#include "adapters/web/crypto.h"

namespace cadence::web {

using store::Statement;

Result<NewSession> create_session(sqlite3* db, int64_t user_id, int64_t now, const SessionPolicy& policy) {
  NewSession session{random_token(), random_token()};
  Statement insert(db,
                   "INSERT INTO web_sessions(token_sha256, user_id, csrf_token, created_at, last_seen, expires_at) "
                   "VALUES (?, ?, ?, ?, ?, ?)");
  if (!insert.ok()) return insert.status();
  insert.bind(1, std::string_view(sha256_hex(session.token)));
  insert.bind(2, user_id);
  insert.bind(3, std::string_view(session.csrf_token));
  insert.bind(4, now);
  insert.bind(5, now);
  insert.bind(6, now + policy.absolute_seconds);
  insert.step();
  if (!insert.ok()) return insert.status();
  // Expired sessions of anyone are swept at each login, so the table stays
  // the size of the live sessions.
  Statement sweep(db, "DELETE FROM web_sessions WHERE expires_at <= ? OR last_seen <= ?");
  if (sweep.ok()) {
    sweep.bind(1, now);
    sweep.bind(2, now - policy.idle_seconds);
    sweep.step();
  }
  return session;
}

Result<std::optional<Session>> find_session(sqlite3* db, std::string_view token, int64_t now,
                                            const SessionPolicy& policy) {
  if (token.size() != 64) return std::optional<Session>();
  const std::string hashed = sha256_hex(token);
  Statement select(db, "SELECT user_id, csrf_token, last_seen, expires_at FROM web_sessions WHERE token_sha256 = ?");
  if (!select.ok()) return select.status();
  select.bind(1, std::string_view(hashed));
  if (!select.step()) {
    if (!select.ok()) return select.status();
    return std::optional<Session>();
  }
  const int64_t user_id = select.integer(0);
  Session session;
  session.csrf_token = std::string(select.text(1));
  const int64_t last_seen = select.integer(2);
  const int64_t expires_at = select.integer(3);
  select.rewind();
  if (now >= expires_at || now - last_seen >= policy.idle_seconds) {
    (void)end_session(db, token);
    return std::optional<Session>();
  }
  auto user = find_user(db, user_id);
  if (!user.is_ok()) return user.status();
  if (!user->has_value() || (*user)->disabled) return std::optional<Session>();
  session.user = std::move(**user);
  // last_seen is written at most once a minute: a page's requests do not
  // each take the write lock.
  if (now - last_seen >= 60) {
    Statement touch(db, "UPDATE web_sessions SET last_seen = ? WHERE token_sha256 = ?");
    if (!touch.ok()) return touch.status();
    touch.bind(1, now);
    touch.bind(2, std::string_view(hashed));
    touch.step();
    if (!touch.ok()) return touch.status();
  }
  return std::optional<Session>(std::move(session));
}

Status end_session(sqlite3* db, std::string_view token) {
  Statement remove(db, "DELETE FROM web_sessions WHERE token_sha256 = ?");
  if (!remove.ok()) return remove.status();
  remove.bind(1, std::string_view(sha256_hex(token)));
  remove.step();
  return remove.status();
}

std::string session_cookie(std::string_view token, const SessionPolicy& policy) {
  std::string cookie = std::string(kSessionCookie) + "=" + std::string(token) + "; Path=/; HttpOnly; SameSite=Strict";
  cookie += token.empty() ? "; Max-Age=0" : "; Max-Age=" + std::to_string(policy.absolute_seconds);
  if (policy.secure_cookie) cookie += "; Secure";
  return cookie;
}

}  // namespace cadence::web

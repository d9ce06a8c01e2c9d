// Login sessions. A session is a random token (crypto.h) given to the
// browser in a cookie (HttpOnly; SameSite=Strict; Path=/) and stored only as
// its SHA-256 with the user, a CSRF token, and times in unix seconds. It
// ends after `idle_seconds` without a request, at `absolute_seconds` after
// login whatever the activity, at logout, and when its user is disabled.
// Clock values are passed in, so tests need no waiting.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "adapters/web/accounts.h"
#include "engine/core/status.h"

struct sqlite3;

namespace cadence::web {

struct SessionPolicy {
  int64_t idle_seconds = 30 * 60;
  int64_t absolute_seconds = 12 * 60 * 60;
  // The cookie gets Secure: served over TLS behind a proxy.
  bool secure_cookie = false;
};

struct Session {
  User user;
  std::string csrf_token;  // every state-changing request must carry it
};

struct NewSession {
  std::string token;  // the cookie value; never stored
  std::string csrf_token;
};

inline constexpr std::string_view kSessionCookie = "cadence_session";

Result<NewSession> create_session(sqlite3* db, int64_t user_id, int64_t now, const SessionPolicy& policy);
// The live session of a token (and its last_seen moved to now), or nullopt:
// unknown, expired (then deleted), or its user disabled.
Result<std::optional<Session>> find_session(sqlite3* db, std::string_view token, int64_t now,
                                            const SessionPolicy& policy);
Status end_session(sqlite3* db, std::string_view token);

// The Set-Cookie value for a session token ("" expires the cookie).
std::string session_cookie(std::string_view token, const SessionPolicy& policy);

}  // namespace cadence::web

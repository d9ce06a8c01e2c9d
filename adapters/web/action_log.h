// The workspace's audit log (web_actions): who did what, when, from where,
// on which org — every login (and refused login), logout and ledger step.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/status.h"

struct sqlite3;

namespace cadence::web {

struct Action {
  std::string at;  // ISO 8601 UTC
  std::string user_name;
  std::string address;
  std::string action;  // "login", "login refused", "logout", "ledger plan", ...
  std::string org_id;
  std::string detail;
};

Status record_action(sqlite3* db, const Action& action);
// The newest `limit` actions, newest first.
Result<std::vector<Action>> recent_actions(sqlite3* db, int limit);
// The newest `limit` actions on one org, newest first.
Result<std::vector<Action>> org_actions(sqlite3* db, std::string_view org_id, int limit);

}  // namespace cadence::web

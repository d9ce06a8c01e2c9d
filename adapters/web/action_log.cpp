#include "adapters/web/action_log.h"

#include "adapters/store/statement.h"

namespace cadence::web {

using store::Statement;

Status record_action(sqlite3* db, const Action& action) {
  Statement insert(db, "INSERT INTO web_actions(at, user_name, address, action, org_id, detail) VALUES (?, ?, ?, ?, ?, ?)");
  if (!insert.ok()) return insert.status();
  insert.bind(1, std::string_view(action.at));
  insert.bind(2, std::string_view(action.user_name));
  insert.bind(3, std::string_view(action.address));
  insert.bind(4, std::string_view(action.action));
  insert.bind(5, std::string_view(action.org_id));
  insert.bind(6, std::string_view(action.detail));
  insert.step();
  return insert.status();
}

namespace {

Result<std::vector<Action>> read_actions(Statement& select) {
  std::vector<Action> actions;
  while (select.step()) {
    actions.push_back(Action{std::string(select.text(0)), std::string(select.text(1)), std::string(select.text(2)),
                             std::string(select.text(3)), std::string(select.text(4)), std::string(select.text(5))});
  }
  if (!select.ok()) return select.status();
  return actions;
}

}  // namespace

Result<std::vector<Action>> recent_actions(sqlite3* db, int limit) {
  Statement select(db, "SELECT at, user_name, address, action, org_id, detail FROM web_actions ORDER BY id DESC LIMIT ?");
  if (!select.ok()) return select.status();
  select.bind(1, int64_t{limit});
  return read_actions(select);
}

Result<std::vector<Action>> org_actions(sqlite3* db, std::string_view org_id, int limit) {
  Statement select(db,
                   "SELECT at, user_name, address, action, org_id, detail FROM web_actions WHERE org_id = ? "
                   "ORDER BY id DESC LIMIT ?");
  if (!select.ok()) return select.status();
  select.bind(1, org_id);
  select.bind(2, int64_t{limit});
  return read_actions(select);
}

}  // namespace cadence::web

// The workspace application: HttpRequest in, HttpResponse out (no sockets,
// so tests and the fuzz target drive it directly). It routes, authenticates
// and authorises:
//
//   GET  /login, POST /login, POST /logout
//   GET  /                       overview of the latest run for the scope
//   GET  /org/ID  /branch/ID  /explain/ID/RULE/PERIOD  /rule/RULE  /rules
//   GET  /search?q=  /ledger
//   POST /ledger/ID              a ledger step (step=plan|recheck|close|reopen, note)
//   GET  /api/overview  /api/org/ID  /api/branch/ID  /api/rule/RULE
//   GET  /static/NAME            the stylesheet and chart scripts (a fixed list)
//
// Every page needs a live session (else a redirect to /login; 401 for
// /api). Every org in a route is checked against the user's scope subtree:
// outside, unknown, or malformed → 404, the same answer. Every POST needs
// the form's csrf field to equal the session's token and an Origin header
// naming this server ("http://" + Host); else 403 and nothing changes.
// Viewers get 403 on ledger steps. Logins are rate-limited (login_throttle.h)
// and every login, refused login, logout and ledger step is written to the
// audit log (action_log.h).
//
// Thread-safe: handle() may run on several threads at once.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "adapters/web/http_message.h"
#include "adapters/web/login_throttle.h"
#include "adapters/web/sessions.h"
#include "adapters/web/web_database.h"
#include "adapters/web/workspace.h"
#include "engine/calendar/date.h"
#include "engine/plan/pack.h"
#include "engine/plan/plan.h"

namespace cadence::web {

struct WebConfig {
  std::string db_path;
  const Pack* pack = nullptr;  // outlive the app
  const Plan* plan = nullptr;
  // Folder of the static files: cadence.css, charts.js and
  // node_modules/echarts/dist/echarts.min.js (adapters/web/assets).
  std::string assets_dir;
  std::function<int64_t()> now;  // unix seconds
  std::function<Date()> today;   // the date of ledger steps
  SessionPolicy sessions;
  ThrottlePolicy throttle;
};

class WebApp {
 public:
  // Reads the static files once; a missing ECharts only loses the charts
  // (pages read the same without them): `warnings` says so.
  explicit WebApp(WebConfig config, std::string* warnings = nullptr);
  HttpResponse handle(const HttpRequest& request);
  // Loads the store's snapshot now, so that a store the pack cannot read is
  // an error before the server listens.
  Status warm();

 private:
  HttpResponse login(const HttpRequest& request, sqlite3* db);
  HttpResponse logout(const HttpRequest& request, sqlite3* db, const Session& session);
  HttpResponse ledger_step(const HttpRequest& request, sqlite3* db, const Session& session, OrgIndex scope,
                           const Workspace& workspace, const std::string& org_id);
  std::string now_iso() const;

  WebConfig config_;
  ConnectionPool pool_;
  WorkspaceCache workspaces_;
  LoginThrottle throttle_;
  std::map<std::string, std::pair<std::string, std::string>, std::less<>> assets_;  // name → (type, bytes)
};

}  // namespace cadence::web

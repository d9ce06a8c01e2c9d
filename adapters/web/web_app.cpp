#include "adapters/web/web_app.h"

#include <ctime>
#include <fstream>
#include <sstream>

#include "adapters/store/ledger.h"
#include "adapters/web/action_log.h"
#include "adapters/web/crypto.h"
#include "adapters/web/html.h"
#include "adapters/web/pages.h"
#include "adapters/web/request_target.h"

namespace cadence::web {
namespace {

namespace text {
constexpr std::string_view kNotFound = "页面不存在，或不在您的权限范围内。";
constexpr std::string_view kForbidden = "请求未通过安全校验（请刷新页面后重试）。";
constexpr std::string_view kViewerForbidden = "只读账号不能更改台账。";
constexpr std::string_view kBadLogin = "用户名或密码不正确。";
constexpr std::string_view kThrottled = "登录失败次数过多，请稍后再试。";
constexpr std::string_view kStoreError = "暂时无法读取数据库，请稍后再试。";
constexpr std::string_view kBadRequest = "请求格式不正确。";
}  // namespace text

HttpResponse html(int status, std::string body) {
  HttpResponse response;
  response.status = status;
  response.body = std::move(body);
  return response;
}

HttpResponse message_page(int status, std::string_view message) {
  return html(status, "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>cadence</title>"
                      "<link rel=\"stylesheet\" href=\"/static/cadence.css\"></head><body><main class=\"narrow\"><p>" +
                          escape(message) + "</p><p><a href=\"/\">返回概览</a></p></main></body></html>\n");
}

HttpResponse redirect(std::string location) {
  HttpResponse response;
  response.status = 303;
  response.headers.emplace_back("Location", std::move(location));
  return response;
}

HttpResponse json_response(std::string body) {
  HttpResponse response;
  response.content_type = "application/json; charset=utf-8";
  response.body = std::move(body);
  return response;
}

HttpResponse json_error(int status, std::string_view error) {
  HttpResponse response;
  response.status = status;
  response.content_type = "application/json; charset=utf-8";
  response.body = "{\"error\":\"" + std::string(error) + "\"}";
  return response;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "";
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

bool is_form(const HttpRequest& request) {
  return request.content_type.rfind("application/x-www-form-urlencoded", 0) == 0;
}

// Origin must name this very server; a request without one is refused (every
// browser sends it with a POST form).
bool same_origin(const HttpRequest& request) {
  return !request.host.empty() && (request.origin == "http://" + request.host || request.origin == "https://" + request.host);
}

}  // namespace

WebApp::WebApp(WebConfig config, std::string* warnings)
    : config_(std::move(config)), pool_(config_.db_path), workspaces_(config_.db_path, *config_.pack),
      throttle_(config_.throttle) {
  const std::string& dir = config_.assets_dir;
  assets_["cadence.css"] = {"text/css; charset=utf-8", read_file(dir + "/cadence.css")};
  assets_["charts.js"] = {"text/javascript; charset=utf-8", read_file(dir + "/charts.js")};
  assets_["echarts.min.js"] = {"text/javascript; charset=utf-8",
                               read_file(dir + "/node_modules/echarts/dist/echarts.min.js")};
  if (warnings != nullptr) {
    for (const auto& [name, asset] : assets_) {
      if (asset.second.empty()) *warnings += "cannot read " + name + " under " + dir + " (run npm ci in it)\n";
    }
  }
}

Status WebApp::warm() {
  auto lease = pool_.borrow();
  if (!lease.is_ok()) return lease.status();
  auto workspace = workspaces_.current(lease->handle());
  return workspace.is_ok() ? Status::ok() : workspace.status();
}

std::string WebApp::now_iso() const {
  const std::time_t seconds = config_.now();
  std::tm parts{};
  gmtime_r(&seconds, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return text;
}

HttpResponse WebApp::handle(const HttpRequest& request) {
  auto target = parse_target(request.target);
  if (!target) return message_page(400, text::kBadRequest);
  const auto& path = target->segments;
  if (request.method == Method::kOther) return message_page(405, text::kBadRequest);

  // Static files: a fixed list, never a path built from the request.
  if (path.size() == 2 && path[0] == "static" && request.method == Method::kGet) {
    auto asset = assets_.find(path[1]);
    if (asset == assets_.end() || asset->second.second.empty()) return message_page(404, text::kNotFound);
    HttpResponse response;
    response.content_type = asset->second.first;
    response.body = asset->second.second;
    return response;
  }

  auto lease = pool_.borrow();
  if (!lease.is_ok()) return message_page(503, text::kStoreError);
  sqlite3* db = lease->handle();

  if (path.size() == 1 && path[0] == "login") {
    if (request.method == Method::kGet) return html(200, login_page(""));
    return login(request, db);
  }

  const int64_t now = config_.now();
  auto session = find_session(db, cookie_value(request.cookie, kSessionCookie), now, config_.sessions);
  if (!session.is_ok()) return message_page(503, text::kStoreError);
  const bool api = !path.empty() && path[0] == "api";
  if (!session->has_value()) return api ? json_error(401, "not signed in") : redirect("/login");
  const Session& user = **session;

  auto workspace = workspaces_.current(db);
  if (!workspace.is_ok()) return message_page(503, text::kStoreError);
  const Workspace& w = **workspace;
  // A scope org that left the tree (a newer import) shows nothing.
  auto scope = w.find(user.user.scope_org);
  if (!scope) return message_page(404, text::kNotFound);

  if (request.method == Method::kPost) {
    // CSRF: the session's token in the form, and the Origin of this server.
    if (!is_form(request) || !same_origin(request)) return message_page(403, text::kForbidden);
    auto form = parse_form(request.body);
    if (!form) return message_page(400, text::kBadRequest);
    auto csrf = form->find("csrf");
    if (csrf == form->end() || !equal_in_constant_time(csrf->second, user.csrf_token)) {
      return message_page(403, text::kForbidden);
    }
    if (path.size() == 1 && path[0] == "logout") return logout(request, db, user);
    if (path.size() == 2 && path[0] == "ledger") return ledger_step(request, db, user, *scope, w, path[1]);
    return message_page(404, text::kNotFound);
  }

  const PageContext context{user, *scope, w, *config_.pack, *config_.plan, target->query, db, config_.db_path,
                            config_.today()};
  std::optional<std::string> body;
  const std::size_t n = path.size();
  if (api) {
    if (n == 2 && path[1] == "overview") body = overview_json(context);
    else if (n == 3 && path[1] == "org") body = org_json(context, path[2]);
    else if (n == 3 && path[1] == "branch") body = branch_json(context, path[2]);
    else if (n == 3 && path[1] == "rule") body = rule_json(context, path[2]);
    if (!body) return json_error(404, "not found");
    return json_response(std::move(*body));
  }
  if (n == 0) body = overview_page(context);
  else if (n == 2 && path[0] == "org") body = org_page(context, path[1]);
  else if (n == 2 && path[0] == "branch") body = branch_page(context, path[1]);
  else if (n == 4 && path[0] == "explain") body = explain_page(context, path[1], path[2], path[3]);
  else if (n == 1 && path[0] == "rules") body = rules_page(context);
  else if (n == 2 && path[0] == "rule") body = rule_page(context, path[1]);
  else if (n == 1 && path[0] == "search") body = search_page(context);
  else if (n == 1 && path[0] == "ledger") body = ledger_page(context);
  if (!body) return message_page(404, text::kNotFound);
  return html(200, std::move(*body));
}

HttpResponse WebApp::login(const HttpRequest& request, sqlite3* db) {
  if (!is_form(request) || !same_origin(request)) return message_page(403, text::kForbidden);
  auto form = parse_form(request.body);
  if (!form) return message_page(400, text::kBadRequest);
  // A name longer than any account's is cut: it cannot match, and the
  // throttle and the log keep bounded keys.
  const std::string name = form->count("name") ? form->at("name").substr(0, 65) : "";
  const std::string password = form->count("password") ? form->at("password") : "";
  const int64_t now = config_.now();
  if (!throttle_.allowed(name, request.peer, now)) {
    (void)record_action(db, {now_iso(), name, request.peer, "login throttled", "", ""});
    return html(429, login_page(text::kThrottled));
  }
  auto user = verify_password(db, name, password);
  if (!user.is_ok()) return message_page(503, text::kStoreError);
  if (!user->has_value()) {
    throttle_.failed(name, request.peer, now);
    (void)record_action(db, {now_iso(), name, request.peer, "login refused", "", ""});
    return html(401, login_page(text::kBadLogin));
  }
  throttle_.succeeded(name);
  auto session = create_session(db, (*user)->id, now, config_.sessions);
  if (!session.is_ok()) return message_page(503, text::kStoreError);
  (void)record_action(db, {now_iso(), name, request.peer, "login", "", ""});
  HttpResponse response = redirect("/");
  response.headers.emplace_back("Set-Cookie", session_cookie(session->token, config_.sessions));
  return response;
}

HttpResponse WebApp::logout(const HttpRequest& request, sqlite3* db, const Session& session) {
  (void)end_session(db, cookie_value(request.cookie, kSessionCookie));
  (void)record_action(db, {now_iso(), session.user.name, request.peer, "logout", "", ""});
  HttpResponse response = redirect("/login");
  response.headers.emplace_back("Set-Cookie", session_cookie("", config_.sessions));
  return response;
}

HttpResponse WebApp::ledger_step(const HttpRequest& request, sqlite3* db, const Session& session, OrgIndex scope,
                                 const Workspace& workspace, const std::string& org_id) {
  auto org = workspace.find(org_id);
  if (!org || !workspace.tree().in_subtree(*org, scope)) return message_page(404, text::kNotFound);
  if (session.user.role == Role::kViewer) return message_page(403, text::kViewerForbidden);
  auto form = parse_form(request.body);
  const std::string step = form && form->count("step") ? form->at("step") : "";
  const std::string note = form && form->count("note") ? form->at("note") : "";
  auto action = parse_rectify_action(step);
  if (!action || note.size() > 2000) return message_page(400, text::kBadRequest);
  auto ledger = Ledger::open(config_.db_path, StoreAccess::kWriteExisting);
  if (!ledger.is_ok()) return message_page(503, text::kStoreError);
  Status recorded = ledger->record(org_id, *action, config_.today(), note);
  if (recorded.code() == StatusCode::kNotFound) return message_page(404, text::kNotFound);
  if (!recorded.is_ok()) return message_page(409, "台账未更改：" + recorded.message());
  (void)record_action(db, {now_iso(), session.user.name, request.peer, "ledger " + step, org_id, note});
  return redirect("/branch/" + url_encode(org_id) + "#case");
}

}  // namespace cadence::web

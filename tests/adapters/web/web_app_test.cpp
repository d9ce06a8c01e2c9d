// WebApp on the demo store (made by `cadence demo` in the CTest fixture,
// $CADENCE_WEB_DEMO): the scope rule on every route with an org, CSRF and
// Origin on every state change, roles, login throttling, and bad input.
// Each test case works on its own copy of the store.
#include "adapters/web/web_app.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <regex>

#include "adapters/pack/pack_loader.h"
#include "adapters/store/ledger.h"
#include "adapters/store/store.h"
#include "adapters/web/accounts.h"
#include "adapters/web/action_log.h"
#include "adapters/web/crypto.h"
#include "adapters/web/request_target.h"
#include "tests/adapters/store/test_support.h"

using namespace cadence;
using namespace cadence::web;
namespace fs = std::filesystem;

namespace {

constexpr const char* kCity = "O0000001";
constexpr const char* kCounty = "O0000101";  // 西吉县, which has weak branches in the ledger
constexpr const char* kHost = "127.0.0.1:8080";
constexpr const char* kPassword = "a long password";

struct LoadedPack {
  std::unique_ptr<Pack> pack;
  std::unique_ptr<Plan> plan;
};

const LoadedPack& guyuan_pack() {
  static const LoadedPack loaded = [] {
    Diagnostics diagnostics;
    LoadedPack out;
    out.pack = load_pack(std::string(CADENCE_SOURCE_DIR) + "/rules/guyuan-2023", diagnostics);
    REQUIRE(out.pack);
    out.plan = compile(*out.pack, diagnostics);
    REQUIRE(out.plan);
    return out;
  }();
  return loaded;
}

// A copy of the demo store with three users, and an app on it.
struct Demo {
  testing::TempDir dir;
  std::string path = dir.path("cadence.db");
  int64_t clock = 1'800'000'000;
  std::unique_ptr<WebApp> app;

  Demo() {
    REQUIRE(init_crypto());
    const char* demo = std::getenv("CADENCE_WEB_DEMO");
    REQUIRE_MESSAGE(demo != nullptr, "CADENCE_WEB_DEMO names the folder of a cadence demo");
    for (const char* name : {"cadence.db", "cadence.db-wal", "cadence.db-shm"}) {
      if (fs::exists(fs::path(demo) / name)) fs::copy_file(fs::path(demo) / name, dir.path(name));
    }
    REQUIRE(Store::open(path, StoreAccess::kWriteExisting).is_ok());
    auto database = WebDatabase::open(path);
    REQUIRE(database.is_ok());
    REQUIRE(add_user(database->handle(), "city", kCity, Role::kEditor, kPassword, "t").is_ok());
    REQUIRE(add_user(database->handle(), "county", kCounty, Role::kEditor, kPassword, "t").is_ok());
    REQUIRE(add_user(database->handle(), "viewer", kCounty, Role::kViewer, kPassword, "t").is_ok());
    WebConfig config;
    config.db_path = path;
    config.pack = guyuan_pack().pack.get();
    config.plan = guyuan_pack().plan.get();
    config.assets_dir = std::string(CADENCE_SOURCE_DIR) + "/adapters/web/assets";
    config.now = [this] { return clock; };
    config.today = [] { return Date::from_ymd(2023, 7, 10); };
    app = std::make_unique<WebApp>(std::move(config));
  }

  HttpResponse get(const std::string& target, const std::string& cookie) {
    HttpRequest request;
    request.target = target;
    request.host = kHost;
    request.cookie = cookie;
    request.peer = "127.0.0.1";
    return app->handle(request);
  }
  HttpResponse post(const std::string& target, const std::string& body, const std::string& cookie,
                    const std::string& origin = std::string("http://") + kHost) {
    HttpRequest request;
    request.method = Method::kPost;
    request.target = target;
    request.body = body;
    request.host = kHost;
    request.origin = origin;
    request.cookie = cookie;
    request.content_type = "application/x-www-form-urlencoded";
    request.peer = "127.0.0.1";
    return app->handle(request);
  }
  // Logs in; returns the Cookie header value ("" when refused).
  std::string login(const std::string& name, const std::string& password = kPassword) {
    HttpResponse response = post("/login", "name=" + url_encode(name) + "&password=" + url_encode(password), "");
    for (const auto& [header, value] : response.headers) {
      if (header == "Set-Cookie") return value.substr(0, value.find(';'));
    }
    return "";
  }
  std::string csrf(const std::string& cookie) {
    const std::string page = get("/", cookie).body;
    std::smatch match;
    REQUIRE(std::regex_search(page, match, std::regex("name=\"csrf\" value=\"([0-9a-f]{64})\"")));
    return match[1];
  }
  std::shared_ptr<const Workspace> workspace() {
    auto loaded = Workspace::load(path, *guyuan_pack().pack);
    REQUIRE(loaded.is_ok());
    return *loaded;
  }
  // Every step of every case, as text: what "the ledger changed" compares.
  std::string ledger_state() {
    auto ledger = Ledger::open(path, StoreAccess::kReadOnly);
    REQUIRE(ledger.is_ok());
    auto cases = ledger->list(Ledger::Filter::kAll, Date::from_ymd(2023, 7, 10));
    REQUIRE(cases.is_ok());
    std::string out;
    for (const auto& item : *cases) {
      out += item.org_id + ":" + std::string(to_string(item.status)) + ";";
      for (const auto& step : item.history) out += step.step + "," + step.note + ";";
    }
    return out;
  }
  // An open case of a branch inside `scope`.
  std::string open_case_in(OrgIndex scope, const Workspace& w) {
    auto ledger = Ledger::open(path, StoreAccess::kReadOnly);
    auto cases = ledger->list(Ledger::Filter::kAll, Date::from_ymd(2023, 7, 10));
    for (const auto& item : *cases) {
      auto org = w.find(item.org_id);
      if (org && w.tree().in_subtree(*org, scope) && item.status == RectificationStatus::kOpen) return item.org_id;
    }
    return "";
  }
};

}  // namespace

TEST_CASE("scope: every route with an org answers 404 for every org outside the county, 200 inside") {
  Demo demo;
  const std::string cookie = demo.login("county");
  REQUIRE_FALSE(cookie.empty());
  const std::string csrf = demo.csrf(cookie);
  auto w = demo.workspace();
  const OrgIndex county = *w->find(kCounty);
  const std::string before = demo.ledger_state();
  REQUIRE(w->run());
  // A rule and period that exist, for the explain route.
  const StoredFinding& sample = w->findings().front();

  auto routes = [&](const std::string& id) {
    const std::string org = url_encode(id);
    return std::vector<std::string>{"/org/" + org, "/branch/" + org,
                                    "/explain/" + org + "/" + sample.rule + "/" + sample.period,
                                    "/api/org/" + org, "/api/branch/" + org};
  };
  int outside = 0;
  for (OrgIndex org = 0; org < w->tree().size(); ++org) {
    const std::string id = w->tree().id(org);
    const bool inside = w->tree().in_subtree(org, county);
    for (const std::string& route : routes(id)) {
      HttpResponse response = demo.get(route, cookie);
      INFO(route);
      if (inside) {
        CHECK(response.status == 200);
      } else {
        CHECK(response.status == 404);
        // The answer says nothing of the org: not even its name.
        CHECK(response.body.find(w->name(org)) == std::string::npos);
      }
    }
    if (!inside) {
      ++outside;
      HttpResponse step = demo.post("/ledger/" + url_encode(id), "csrf=" + csrf + "&step=plan&note=x", cookie);
      CHECK(step.status == 404);
    }
  }
  CHECK(outside > 300);
  CHECK(demo.ledger_state() == before);
  // Unknown ids answer the same as ids elsewhere.
  CHECK(demo.get("/org/NO-SUCH-ORG", cookie).status == 404);
  CHECK(demo.get("/branch/NO-SUCH-ORG", cookie).status == 404);

  // Lists never show orgs outside: the overview, rules, search and ledger.
  const std::string other_county = w->name(w->tree().children(w->tree().root()).back());
  REQUIRE(w->tree().children(w->tree().root()).back() != county);
  for (const std::string& page : std::vector<std::string>{"/", "/rules", "/ledger", "/search?q=" + url_encode("团"), "/api/overview",
                                 "/rule/" + sample.rule, "/api/rule/" + sample.rule}) {
    HttpResponse response = demo.get(page, cookie);
    INFO(page);
    CHECK(response.status == 200);
    CHECK(response.body.find(other_county) == std::string::npos);
  }
  // The city user sees the other county.
  const std::string city = demo.login("city");
  CHECK(demo.get("/", city).body.find(other_county) != std::string::npos);
}

TEST_CASE("csrf: a ledger step without the session's token or from another origin changes nothing") {
  Demo demo;
  const std::string cookie = demo.login("county");
  const std::string csrf = demo.csrf(cookie);
  auto w = demo.workspace();
  const std::string branch = demo.open_case_in(*w->find(kCounty), *w);
  REQUIRE_FALSE(branch.empty());
  const std::string target = "/ledger/" + url_encode(branch);
  const std::string before = demo.ledger_state();

  CHECK(demo.post(target, "step=plan&note=x", cookie).status == 403);
  CHECK(demo.post(target, "csrf=" + std::string(64, '0') + "&step=plan&note=x", cookie).status == 403);
  CHECK(demo.post(target, "csrf=" + csrf + "&step=plan&note=x", cookie, "http://evil.example").status == 403);
  CHECK(demo.post(target, "csrf=" + csrf + "&step=plan&note=x", cookie, "").status == 403);
  // Another session's token is not this session's.
  const std::string other = demo.login("city");
  CHECK(demo.post(target, "csrf=" + demo.csrf(other) + "&step=plan&note=x", cookie).status == 403);
  CHECK(demo.ledger_state() == before);

  HttpResponse done = demo.post(target, "csrf=" + csrf + "&step=plan&note=" + url_encode("整改方案已报"), cookie);
  CHECK(done.status == 303);
  CHECK(demo.ledger_state() != before);
  const std::string page = demo.get("/branch/" + url_encode(branch), cookie).body;
  CHECK(page.find("整改方案已报") != std::string::npos);
  // Who did it is on the page, from the audit log.
  CHECK(page.find("<td>county</td><td>报送整改方案</td><td>整改方案已报</td>") != std::string::npos);
  auto database = WebDatabase::open(demo.path);
  REQUIRE(database.is_ok());
  auto logged = org_actions(database->handle(), branch, 10);
  REQUIRE(logged.is_ok());
  REQUIRE(logged->size() == 1);
  CHECK(logged->front().user_name == "county");
  CHECK(logged->front().action == "ledger plan");
}

TEST_CASE("viewers read the ledger but cannot move it") {
  Demo demo;
  const std::string cookie = demo.login("viewer");
  const std::string csrf = demo.csrf(cookie);
  auto w = demo.workspace();
  const std::string branch = demo.open_case_in(*w->find(kCounty), *w);
  const std::string before = demo.ledger_state();
  CHECK(demo.post("/ledger/" + url_encode(branch), "csrf=" + csrf + "&step=plan&note=x", cookie).status == 403);
  CHECK(demo.ledger_state() == before);
  CHECK(demo.get("/branch/" + url_encode(branch), cookie).body.find("只读账号不能更改台账") != std::string::npos);
}

TEST_CASE("logins: wrong passwords are refused, then throttled, and logout ends the session") {
  Demo demo;
  CHECK(demo.login("county", "wrong password").empty());
  CHECK(demo.login("nobody").empty());
  for (int i = 0; i < 5; ++i) demo.login("county", "wrong password");
  // Throttled: even the right password is refused now.
  CHECK(demo.login("county").empty());
  demo.clock += 16 * 60;
  const std::string cookie = demo.login("county");
  REQUIRE_FALSE(cookie.empty());
  CHECK(demo.get("/", cookie).status == 200);
  CHECK(demo.post("/logout", "csrf=" + demo.csrf(cookie), cookie).status == 303);
  CHECK(demo.get("/", cookie).status == 303);
  // Login without the Origin of this server is refused (login CSRF).
  CHECK(demo.post("/login", std::string("name=county&password=") + url_encode(kPassword), "", "http://evil.example")
            .status == 403);
}

TEST_CASE("sessions expire when idle") {
  Demo demo;
  const std::string cookie = demo.login("county");
  demo.clock += 29 * 60;
  CHECK(demo.get("/", cookie).status == 200);
  demo.clock += 31 * 60;
  CHECK(demo.get("/", cookie).status == 303);
}

TEST_CASE("without a session pages redirect to the login and the API answers 401") {
  Demo demo;
  HttpResponse page = demo.get(std::string("/org/") + kCounty, "");
  CHECK(page.status == 303);
  CHECK(demo.get("/api/overview", "").status == 401);
  CHECK(demo.get("/api/overview", "cadence_session=" + std::string(64, 'a')).status == 401);
  CHECK(demo.get("/login", "").status == 200);
}

TEST_CASE("bad input is refused and changes nothing") {
  Demo demo;
  const std::string cookie = demo.login("county");
  const std::string csrf = demo.csrf(cookie);
  const std::string before = demo.ledger_state();
  for (const char* target : {"/static/../../etc/passwd", "/static/%2e%2e%2fetc%2fpasswd", "/org/%00", "/org/%FF",
                             "/static/..%2f..%2fetc%2fpasswd"}) {
    INFO(target);
    HttpResponse response = demo.get(target, cookie);
    CHECK(response.status == 400);
    CHECK(response.body.find("root:") == std::string::npos);
  }
  CHECK(demo.get("/static/passwd", cookie).status == 404);
  CHECK(demo.get("/static/cadence.css", cookie).status == 200);
  CHECK(demo.get("/no/such/page", cookie).status == 404);
  const std::string explain = std::string("/explain/") + kCounty + "/";
  CHECK(demo.get(explain + "NO-RULE/2023-W10", cookie).status == 404);
  CHECK(demo.get(explain + demo.workspace()->findings().front().rule + "/not-a-period", cookie).status == 404);
  CHECK(demo.get(std::string("/org/") + kCounty + "?page=-1", cookie).status == 200);
  CHECK(demo.get(std::string("/org/") + kCounty + "?page=99999999999999999999", cookie).status == 200);
  auto w = demo.workspace();
  const std::string branch = demo.open_case_in(*w->find(kCounty), *w);
  const std::string target = "/ledger/" + url_encode(branch);
  CHECK(demo.post(target, "csrf=" + csrf + "&step=explode", cookie).status == 400);
  CHECK(demo.post(target, "csrf=" + csrf + "&step=plan&note=%ZZ", cookie).status == 400);
  CHECK(demo.post(target, "csrf=" + csrf + "&step=plan&note=" + std::string(3000, 'x'), cookie).status == 400);
  CHECK(demo.post(target, "csrf=" + csrf + "&step=close", cookie).status == 409);
  HttpRequest json;
  json.method = Method::kPost;
  json.target = target;
  json.body = "{\"csrf\":\"" + csrf + "\"}";
  json.host = kHost;
  json.origin = std::string("http://") + kHost;
  json.cookie = cookie;
  json.content_type = "application/json";
  CHECK(demo.app->handle(json).status == 403);
  CHECK(demo.ledger_state() == before);
}

TEST_CASE("pages are paged on the server") {
  Demo demo;
  const std::string cookie = demo.login("city");
  auto w = demo.workspace();
  // The rule with the most findings: its page shows at most 50 rows.
  std::map<std::string, int> counts;
  for (const auto& finding : w->findings()) ++counts[finding.rule];
  auto most = std::max_element(counts.begin(), counts.end(), [](auto& a, auto& b) { return a.second < b.second; });
  REQUIRE(most->second > 50);
  const std::string page = demo.get("/rule/" + most->first, cookie).body;
  std::size_t rows = 0;
  for (std::size_t at = page.find("<tr class=\""); at != std::string::npos; at = page.find("<tr class=\"", at + 1)) ++rows;
  CHECK(rows == 50);
  CHECK(page.find("page=2") != std::string::npos);
}

TEST_CASE("a run recorded while the server runs shows without a restart") {
  Demo demo;
  const std::string cookie = demo.login("county");
  const std::string before = demo.get("/", cookie).body;
  CHECK(before.find("最近一次检查 #1") != std::string::npos);
  {
    auto store = Store::open(demo.path, StoreAccess::kWriteExisting);
    REQUIRE(store.is_ok());
    REQUIRE(store->begin_read().is_ok());
    auto batches = store->batches();
    REQUIRE(batches.is_ok());
    AuditRun run;
    run.pack_id = "guyuan-2023";
    run.periods = "2023-W11";
    run.batches = batch_ids(*batches);
    run.started_at = "2023-03-20T08:00:00Z";
    REQUIRE(store->save_audit_run(run, std::vector<StoredFinding>{}).is_ok());
  }
  const std::string after = demo.get("/", cookie).body;
  CHECK(after.find("最近一次检查 #2") != std::string::npos);
  CHECK(after.find("2023年第11周") != std::string::npos);
}

// `cadence serve --db cadence.db --pack P [--listen 127.0.0.1:8080]`: the
// supervisors' web workspace (adapters/web) on the store. Listens on
// loopback unless told otherwise; prints "cadence serve: listening on URL"
// once the port is bound (tests wait for that line), then serves until
// SIGINT or SIGTERM. Imports and audits made meanwhile show without a
// restart.
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>

#include "adapters/cli/commands.h"
#include "adapters/cli/pack_session.h"
#include "adapters/cli/period_selection.h"
#include "adapters/store/store.h"
#include "adapters/web/crypto.h"
#include "adapters/web/http_server.h"
#include "adapters/web/web_app.h"

namespace cadence {
namespace {

struct ServeCommand {
  std::string db = "cadence.db";
  std::string pack;
  std::string listen = "127.0.0.1:8080";
  std::string assets;
  int threads = 2;
  bool secure_cookies = false;
};

int fail(const std::string& message) {
  std::cerr << "cadence serve: " << message << "\n";
  return 2;
}

// $CADENCE_WEB_ASSETS, else adapters/web/assets here, else in the source tree.
std::string resolve_assets(const std::string& given) {
  if (!given.empty()) return given;
  if (const char* environment = std::getenv("CADENCE_WEB_ASSETS"); environment != nullptr && *environment != '\0') {
    return environment;
  }
  if (std::filesystem::exists("adapters/web/assets/charts.js")) return "adapters/web/assets";
  return std::string(CADENCE_SOURCE_DIR) + "/adapters/web/assets";
}

int run_serve(const ServeCommand& command) {
  auto listen = web::parse_listen(command.listen);
  if (!listen.is_ok()) return fail(listen.status().message());
  if (command.threads < 1 || command.threads > 64) return fail("--threads must be between 1 and 64");
  listen->threads = command.threads;
  // Migrated once here (the accounts tables), so that requests only read and
  // write rows.
  {
    auto store = Store::open(command.db, StoreAccess::kWriteExisting);
    if (!store.is_ok()) return fail(store.status().message());
  }
  auto compiled = load_compiled_pack(resolve_pack_path(command.pack), false);
  if (!compiled) return 2;
  if (!web::init_crypto()) return fail("libsodium cannot initialise (no source of randomness)");

  web::WebConfig config;
  config.db_path = command.db;
  config.pack = compiled->pack.get();
  config.plan = compiled->plan.get();
  config.assets_dir = resolve_assets(command.assets);
  config.sessions.secure_cookie = command.secure_cookies;
  config.now = [] { return static_cast<int64_t>(std::time(nullptr)); };
  config.today = [] {
    auto now = today();
    return now.is_ok() ? *now : Date::from_ymd(2000, 1, 1);
  };
  std::string warnings;
  web::WebApp app(std::move(config), &warnings);
  if (!warnings.empty()) std::cerr << "cadence serve: warning: " << warnings;
  if (Status warmed = app.warm(); !warmed.is_ok()) return fail(warmed.message());

  Status served = web::serve(
      *listen, [&app](const web::HttpRequest& request) { return app.handle(request); },
      [](const std::string& url) { std::cout << "cadence serve: listening on " << url << std::endl; });
  if (!served.is_ok()) return fail(served.message());
  std::cerr << "cadence serve: stopped\n";
  return 0;
}

}  // namespace

CommandRunner register_serve(CLI::App& app) {
  auto command = std::make_shared<ServeCommand>();
  auto* sub = app.add_subcommand("serve", "Serve the web workspace (pages, charts, the ledger) on the store");
  sub->add_option("--db", command->db, "The store (SQLite file)")->capture_default_str();
  sub->add_option("--pack", command->pack, "The rule pack");
  sub->add_option("--listen", command->listen, "ADDRESS:PORT to listen on (port 0: any free port)")
      ->capture_default_str();
  sub->add_option("--threads", command->threads, "Threads serving requests")->capture_default_str();
  sub->add_option("--assets", command->assets, "Folder of the static files (default: adapters/web/assets)");
  sub->add_flag("--secure-cookies", command->secure_cookies,
                "Mark the session cookie Secure (when a TLS proxy serves the pages)");
  return [command] { return run_serve(*command); };
}

}  // namespace cadence

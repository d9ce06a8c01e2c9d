// `cadence user add NAME --scope ORG [--role viewer|editor|admin] [--password-stdin]`,
// `cadence user list`, `cadence user disable NAME`: the accounts of
// `cadence serve` (adapters/web/accounts.h). Without --password-stdin, add
// makes a random password and prints it once.
#include <ctime>
#include <iostream>
#include <memory>
#include <string>

#include "adapters/cli/commands.h"
#include "adapters/store/statement.h"
#include "adapters/store/store.h"
#include "adapters/web/accounts.h"
#include "adapters/web/crypto.h"
#include "adapters/web/web_database.h"

namespace cadence {
namespace {

struct UserCommand {
  std::string db = "cadence.db";
  std::string name;
  std::string scope;
  std::string role = "viewer";
  bool password_stdin = false;
};

int fail(const std::string& message) {
  std::cerr << "cadence user: " << message << "\n";
  return 2;
}

std::string now_iso() {
  const std::time_t seconds = std::time(nullptr);
  std::tm parts{};
  gmtime_r(&seconds, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return text;
}

// Opens the store (migrating it: the accounts tables), then a connection.
Result<web::WebDatabase> open_accounts(const std::string& path) {
  {
    auto store = Store::open(path, StoreAccess::kWriteExisting);
    if (!store.is_ok()) return store.status();
  }
  return web::WebDatabase::open(path);
}

bool org_exists(sqlite3* db, const std::string& id) {
  store::Statement select(db, "SELECT 1 FROM rs_orgs WHERE id = ? LIMIT 1");
  if (!select.ok()) return false;
  select.bind(1, std::string_view(id));
  const bool found = select.step();
  if (found) select.rewind();
  return found;
}

int run_add(const UserCommand& command) {
  auto role = web::parse_role(command.role);
  if (!role) return fail("--role must be viewer, editor or admin, not '" + command.role + "'");
  if (!web::init_crypto()) return fail("libsodium cannot initialise");
  auto database = open_accounts(command.db);
  if (!database.is_ok()) return fail(database.status().message());
  if (!org_exists(database->handle(), command.scope)) {
    return fail("no org with id '" + command.scope + "' in " + command.db + " (the scope must be an imported org)");
  }
  std::string password;
  if (command.password_stdin) {
    std::getline(std::cin, password);
  } else {
    password = web::random_token().substr(0, 20);
  }
  auto added = web::add_user(database->handle(), command.name, command.scope, *role, password, now_iso());
  if (!added.is_ok()) return fail(added.status().message());
  std::cout << "user " << command.name << " added: scope " << command.scope << ", role " << command.role << "\n";
  if (!command.password_stdin) std::cout << "password: " << password << "\n";
  return 0;
}

int run_list(const UserCommand& command) {
  auto database = open_accounts(command.db);
  if (!database.is_ok()) return fail(database.status().message());
  auto users = web::list_users(database->handle());
  if (!users.is_ok()) return fail(users.status().message());
  std::cout << "name\tscope\trole\tstatus\tcreated\n";
  for (const auto& user : *users) {
    std::cout << user.name << "\t" << user.scope_org << "\t" << web::to_string(user.role) << "\t"
              << (user.disabled ? "disabled" : "active") << "\t" << user.created_at << "\n";
  }
  return 0;
}

int run_disable(const UserCommand& command) {
  auto database = open_accounts(command.db);
  if (!database.is_ok()) return fail(database.status().message());
  Status disabled = web::disable_user(database->handle(), command.name);
  if (!disabled.is_ok()) return fail(disabled.message());
  std::cout << "user " << command.name << " disabled (their sessions ended)\n";
  return 0;
}

}  // namespace

CommandRunner register_user(CLI::App& app) {
  auto command = std::make_shared<UserCommand>();
  auto* sub = app.add_subcommand("user", "Manage the accounts of cadence serve");
  sub->require_subcommand(1);
  auto* add = sub->add_subcommand("add", "Add a user whose scope is one org's subtree");
  add->add_option("--db", command->db, "The store (SQLite file)")->capture_default_str();
  add->add_option("name", command->name, "User name")->required();
  add->add_option("--scope", command->scope, "The org whose subtree the user sees")->required();
  add->add_option("--role", command->role, "viewer, editor or admin")->capture_default_str();
  add->add_flag("--password-stdin", command->password_stdin, "Read the password from standard input");
  auto* list = sub->add_subcommand("list", "List the users");
  list->add_option("--db", command->db, "The store (SQLite file)")->capture_default_str();
  auto* disable = sub->add_subcommand("disable", "Disable a user and end their sessions");
  disable->add_option("--db", command->db, "The store (SQLite file)")->capture_default_str();
  disable->add_option("name", command->name, "User name")->required();
  return [command, add, list] {
    if (add->parsed()) return run_add(*command);
    if (list->parsed()) return run_list(*command);
    return run_disable(*command);
  };
}

}  // namespace cadence

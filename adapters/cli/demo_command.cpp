// `cadence demo [--dir DIR]`: the whole job on the checked-in sample, with no
// set-up: a fresh store in DIR, the sample imported with the Guyuan pack, the
// weekly audit of 2023-W10, the bulletin of 2023-03 (also as the official
// document, DOCX and PDF), 原州区's dispatch of 2023-W10 and the weak-branch
// list, the reports written (Markdown, CSV, HTML, XLSX), and a short summary.
//
// Each step runs this same program's real subcommand as a child process (no
// shell: arguments are passed as they are), so the demo does exactly what a
// supervisor's commands do.
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "adapters/i18n/translate.h"
#include "adapters/cli/commands.h"
#include "adapters/cli/pack_session.h"

extern char** environ;

namespace cadence {
namespace {

namespace fs = std::filesystem;

struct DemoCommand {
  std::string dir = "cadence-demo";
  std::string week = "2023-W10";
  std::string month = "2023-03";
  std::string as_of = "2023-06-30";
  std::string county = "O0000002";  // 共青团固原市原州区委员会, for the dispatch
};

// The program itself, to run its subcommands.
std::string self_path() {
  std::error_code error;
  fs::path path = fs::read_symlink("/proc/self/exe", error);
  return error ? std::string("cadence") : path.string();
}

std::string find_sample() {
  if (const char* environment = std::getenv("CADENCE_SAMPLE"); environment != nullptr && *environment != '\0') {
    return environment;
  }
  if (fs::exists("data/sample/orgs.csv")) return "data/sample";
  return std::string(CADENCE_SOURCE_DIR) + "/data/sample";
}

// Runs `cadence ARGS...` with stdout to `stdout_file` (or inherited when
// empty) and stderr to `stderr_file`; returns the exit code.
int run_step(const std::vector<std::string>& args, const std::string& stdout_file, const std::string& stderr_file) {
  // The steps speak the demo's language, whatever chose it.
  std::vector<std::string> full{self_path()};
  full.insert(full.end(), args.begin(), args.end());
  full.insert(full.end(), {"--lang", current_language() == Language::kEnglish ? "en" : "zh"});
  std::vector<char*> argv;
  for (auto& arg : full) argv.push_back(arg.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (!stdout_file.empty()) {
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, stdout_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  }
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, stderr_file.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  pid_t pid = 0;
  int spawned = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) return 127;
  int status = 0;
  if (waitpid(pid, &status, 0) < 0) return 127;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// The first `count` lines of a file that start with `prefix`.
std::vector<std::string> lines_starting(const std::string& text, const std::string& prefix, std::size_t count) {
  std::vector<std::string> out;
  std::stringstream stream(text);
  std::string line;
  while (out.size() < count && std::getline(stream, line)) {
    if (line.rfind(prefix, 0) == 0) out.push_back(line);
  }
  return out;
}

int run_demo(const DemoCommand& command) {
  const fs::path dir = fs::absolute(command.dir);
  std::error_code error;
  fs::create_directories(dir, error);
  if (error) {
    std::cerr << "cadence demo: " << fill(tr("cannot create {1}: {2}"), {dir.string(), error.message()}) << "\n";
    return 2;
  }
  // A fresh store every time: the demo must show an import from nothing.
  for (const char* name : {"cadence.db", "cadence.db-wal", "cadence.db-shm"}) fs::remove(dir / name, error);
  const std::string db = (dir / "cadence.db").string();
  const std::string pack = resolve_pack_path("");
  const std::string sample = find_sample();
  const std::string log = (dir / "demo.log").string();
  fs::remove(log, error);
  auto file = [&](const std::string& name) { return (dir / name).string(); };

  std::cout << "cadence demo: " << fill(tr("the Guyuan 2023 pack on the sample in {1}"), {sample}) << "\n\n";
  std::cout << "1. "
            << tr("Import (a GBK members export with Chinese headers and a title row, an XLSX of transfers, CSVs)")
            << "\n";
  if (run_step({"import", "--db", db, "--pack", pack, sample}, file("import.txt"), log) != 0) {
    std::cerr << read_text(log) << "cadence demo: " << fill(tr("the import failed (details above and in {1})"), {log})
              << "\n";
    return 2;
  }
  for (const auto& line : lines_starting(read_text(file("import.txt")), "", 200)) {
    if (line.find(" → ") != std::string::npos || line.find("rows") != std::string::npos) std::cout << "   " << line << "\n";
  }

  std::cout << "\n2. "
            << fill(tr("Weekly audit {1} (with every month, quarter and year whose deadline passed)"), {command.week})
            << "\n";
  // The CSV first, as a dry run: the recorded run marks the month, quarter
  // and year as audited, and a weekly audit after it would not grade them
  // again.
  int audit_csv = run_step({"audit", "--db", db, "--pack", pack, "--week", command.week, "--format", "csv", "--out",
                            file("audit-" + command.week + ".csv"), "--dry-run"},
                           "", log);
  int audit = run_step({"audit", "--db", db, "--pack", pack, "--week", command.week, "--format", "md", "--out",
                        file("audit-" + command.week + ".md")},
                       "", log);
  if (audit != 0 || audit_csv != 0) {
    std::cerr << read_text(log) << "cadence demo: " << tr("the audit failed") << "\n";
    return 2;
  }
  std::string findings = read_text(file("audit-" + command.week + ".csv"));
  auto rows = lines_starting(findings, "", 6);
  std::cout << "   " << tr("top findings (rule, org, period, value, score):") << "\n";
  for (std::size_t i = 1; i < rows.size(); ++i) {
    std::stringstream fields(rows[i]);
    std::string rule, org, period, value, score;
    std::getline(fields, rule, ',');
    std::getline(fields, org, ',');
    std::getline(fields, period, ',');
    std::getline(fields, value, ',');
    std::getline(fields, score, ',');
    std::cout << "   " << fill(tr("{1}  {2}  {3}  value {4}  score {5}"), {rule, org, period, value, score}) << "\n";
  }

  std::cout << "\n3. " << fill(tr("Monthly bulletin {1} (月通报)"), {command.month}) << "\n";
  for (const char* format : {"md", "html", "xlsx", "csv"}) {
    std::string out = file("bulletin-" + command.month + "." + format);
    if (run_step({"bulletin", "--db", db, "--pack", pack, "--month", command.month, "--format", format, "--out", out},
                 "", log) != 0) {
      std::cerr << read_text(log) << "cadence demo: " << fill(tr("the bulletin ({1}) failed"), {format}) << "\n";
      return 2;
    }
  }
  // The official document (GB/T 9704), numbered 固团通〔2023〕7号.
  for (const char* format : {"docx", "pdf"}) {
    std::string out = file("bulletin-" + command.month + "." + format);
    if (run_step({"bulletin", "--db", db, "--pack", pack, "--month", command.month, "--format", format, "--number",
                  "7", "--out", out},
                 "", log) != 0) {
      std::cerr << read_text(log) << "cadence demo: " << fill(tr("the bulletin ({1}) failed"), {format}) << "\n";
      return 2;
    }
  }
  std::cout << "   " << tr("written as Markdown, HTML (print-ready A4), XLSX and CSV, and as the official document")
            << "\n   " << tr("固团通〔2023〕7号 in DOCX and PDF (--number 7)") << "\n";

  std::cout << "\n3b. " << fill(tr("Weekly dispatch {1} of 原州区 (周调度, --under {2})"), {command.week, command.county})
            << "\n";
  for (const char* format : {"md", "docx", "pdf"}) {
    std::string out = file("dispatch-" + command.week + "-" + command.county + "." + format);
    if (run_step({"dispatch", "--db", db, "--pack", pack, "--week", command.week, "--under", command.county,
                  "--format", format, "--out", out},
                 "", log) != 0) {
      std::cerr << read_text(log) << "cadence demo: " << fill(tr("the dispatch ({1}) failed"), {format}) << "\n";
      return 2;
    }
  }
  std::cout << "   " << tr("written as Markdown, DOCX and PDF") << "\n";

  std::cout << "\n4. " << fill(tr("Weak branches as of {1} (软弱涣散), flagged in the rectification ledger"), {command.as_of})
            << "\n";
  if (run_step({"weak", "--db", db, "--pack", pack, "--as-of", command.as_of}, file("weak-" + command.as_of + ".txt"),
               log) != 0) {
    std::cerr << read_text(log) << "cadence demo: " << tr("the weak-branch list failed") << "\n";
    return 2;
  }
  std::string weak = read_text(file("weak-" + command.as_of + ".txt"));
  std::stringstream weak_lines(weak);
  std::string line;
  int shown = 0;
  while (shown < 8 && std::getline(weak_lines, line)) {
    if (line.empty()) continue;
    std::cout << "   " << line << "\n";
    ++shown;
  }

  // 5. A login for the web workspace: the city committee's whole tree.
  const std::string demo_user = "demo";
  if (run_step({"user", "add", demo_user, "--db", db, "--scope", "O0000001", "--role", "editor"}, file("user.txt"),
               log) != 0) {
    std::cerr << read_text(log) << tr("cadence demo: adding the demo user failed") << "\n";
    return 2;
  }
  const auto password = lines_starting(read_text(file("user.txt")), "password: ", 1);
  fs::remove(file("user.txt"), error);

  std::cout << "\n" << fill(tr("Reports in {1}:"), {dir.string()}) << "\n";
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) {
    std::string name = entry.path().filename().string();
    if (name.rfind("cadence.db", 0) == 0 || name == "demo.log" || name == "import.txt") continue;
    names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  for (const auto& name : names) std::cout << "   " << (dir / name).string() << "\n";
  std::cout << "   " << fill(tr("store: {1}  (try: cadence history --db {1})"), {db}) << "\n";
  std::cout << "\n" << fill(tr("Web workspace: cadence serve --db {1} --pack {2}"), {db, pack}) << "\n";
  std::cout << "   " << fill(tr("then open http://127.0.0.1:8080/ and log in as {1}, password {2}"),
                               {demo_user, password.empty() ? tr("(see cadence user list)") : password.front().substr(10)})
            << "\n";
  return 0;
}

}  // namespace

CommandRunner register_demo(CLI::App& app) {
  auto command = std::make_shared<DemoCommand>();
  auto* sub = app.add_subcommand("demo", "Import the sample, run the weekly audit, the bulletin and the weak list");
  sub->add_option("--dir", command->dir, "Where the store and the reports go")->capture_default_str();
  return [command] { return run_demo(*command); };
}

}  // namespace cadence

// Golden pack cases (tests/cases/packs/<name>/): loads the case's pack,
// compiles it when it loaded, and compares the rendered diagnostics with
// expected.txt byte for byte, and explain(plan) with expected-explain.txt when
// that file exists. On a mismatch it prints both texts and the first
// differing line. Paths in the output are relative to the case folder (and
// files outside it relative to the repository root), so the expected files do
// not depend on where the repository lives.
//
// A case folder holds pack.yaml (+ schema.yaml ...), or a file `pack_path`
// naming a pack of the repository (e.g. rules/bench) to pin a shipped pack.
//
// Usage: pack_case_runner CASE_DIR [--update]   (--update rewrites the
// expected files from the current output; review the diff before committing).
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "adapters/pack/pack_loader.h"
#include "engine/plan/plan.h"

namespace {

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void replace_all(std::string& text, const std::string& from, const std::string& to) {
  if (from.empty()) return;
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

std::string trim(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

bool compare(const std::filesystem::path& expected_path, const std::string& actual, bool update) {
  if (update) {
    std::ofstream(expected_path, std::ios::binary) << actual;
    std::printf("updated %s\n", expected_path.string().c_str());
    return true;
  }
  if (!std::filesystem::exists(expected_path)) {
    std::printf("missing %s; actual output:\n%s", expected_path.string().c_str(), actual.c_str());
    return false;
  }
  std::string expected = read_text(expected_path);
  if (expected == actual) return true;
  std::istringstream a(expected);
  std::istringstream b(actual);
  std::string line_a;
  std::string line_b;
  int line = 1;
  while (true) {
    bool more_a = static_cast<bool>(std::getline(a, line_a));
    bool more_b = static_cast<bool>(std::getline(b, line_b));
    if (!more_a && !more_b) break;
    if (!more_a || !more_b || line_a != line_b) {
      std::printf("%s differs at line %d\n- expected: %s\n+ actual:   %s\n", expected_path.string().c_str(), line,
                  more_a ? line_a.c_str() : "(end of file)", more_b ? line_b.c_str() : "(end of file)");
      break;
    }
    ++line;
  }
  std::printf("--- expected\n%s--- actual\n%s---\n", expected.c_str(), actual.c_str());
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: pack_case_runner CASE_DIR [--update]\n");
    return 2;
  }
  const bool update = argc > 2 && std::string(argv[2]) == "--update";
  std::filesystem::path case_dir = std::filesystem::absolute(argv[1]).lexically_normal();
  if (case_dir.filename().empty()) case_dir = case_dir.parent_path();  // "x/" → "x"
  const std::string source_dir = CADENCE_SOURCE_DIR;

  std::string pack_path = case_dir.string();
  if (std::filesystem::exists(case_dir / "pack_path")) {
    pack_path = source_dir + "/" + trim(read_text(case_dir / "pack_path"));
  }
  cadence::Diagnostics diagnostics;
  cadence::SourceMap sources;
  auto pack = cadence::load_pack(pack_path, diagnostics, &sources);
  std::unique_ptr<cadence::Plan> plan;
  if (pack) plan = cadence::compile(*pack, diagnostics);

  std::string rendered = cadence::render_all(diagnostics, &sources);
  replace_all(rendered, case_dir.string() + "/", "");
  replace_all(rendered, source_dir + "/", "");
  bool ok = compare(case_dir / "expected.txt", rendered, update);
  if (std::filesystem::exists(case_dir / "expected-explain.txt") || (update && plan && !pack_path.empty() &&
                                                                    std::filesystem::exists(case_dir / "pack_path"))) {
    std::string explained = plan ? cadence::explain(*plan) : "(no plan)\n";
    ok = compare(case_dir / "expected-explain.txt", explained, update) && ok;
  }
  return ok ? 0 : 1;
}

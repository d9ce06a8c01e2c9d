// pack_yaml_tree FILE: prints the YAML tree of FILE as the pack loader reads
// it, as JSON (adapters/pack/yaml_tree.h); exit 1 with the diagnostics when
// cadence does not read it. Used by standard_yaml_test.py.
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "adapters/pack/yaml_tree.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: pack_yaml_tree FILE\n");
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "cannot read %s\n", argv[1]);
    return 2;
  }
  std::ostringstream text;
  text << in.rdbuf();
  cadence::Diagnostics diagnostics;
  auto tree = cadence::yaml_tree_json(text.str(), argv[1], diagnostics);
  if (!tree) {
    std::fprintf(stderr, "%s\n", cadence::render_all(diagnostics).c_str());
    return 1;
  }
  std::printf("%s\n", tree->c_str());
  return 0;
}

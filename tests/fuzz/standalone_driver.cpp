// Replays a fuzz target without libFuzzer (the gcc and asan builds): every
// file of the corpus folder, then `mutations` deterministic mutations of them
// (fixed seed: the same inputs on every run). A crash or sanitizer report fails
// the CTest entry. Real fuzzing runs in the fuzz preset (scripts/fuzz.sh).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s CORPUS_DIR [MUTATIONS]\n", argv[0]);
    return 2;
  }
  long mutations = argc > 2 ? std::strtol(argv[2], nullptr, 10) : 1000;
  std::vector<std::string> inputs;
  std::error_code error;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(argv[1], error)) {
    if (entry.is_regular_file()) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    inputs.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  if (inputs.empty()) inputs.emplace_back("");
  for (const auto& input : inputs) {
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(input.data()), input.size());
  }
  std::mt19937_64 random(20231);
  for (long i = 0; i < mutations; ++i) {
    std::string input = inputs[random() % inputs.size()];
    int edits = 1 + static_cast<int>(random() % 8);
    for (int e = 0; e < edits; ++e) {
      std::size_t at = input.empty() ? 0 : random() % (input.size() + 1);
      switch (random() % 4) {
        case 0: input.insert(input.begin() + static_cast<long>(at), static_cast<char>(random() % 256)); break;
        case 1: if (at < input.size()) input.erase(at, 1 + random() % 4); break;
        case 2: if (at < input.size()) input[at] = static_cast<char>(random() % 256); break;
        default: {
          const auto& other = inputs[random() % inputs.size()];
          if (!other.empty()) {
            std::size_t from = random() % other.size();
            input.insert(at, other.substr(from, 1 + random() % 16));
          }
        }
      }
    }
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(input.data()), input.size());
  }
  std::printf("replayed %zu corpus inputs and %ld mutations\n", inputs.size(), mutations);
  return 0;
}

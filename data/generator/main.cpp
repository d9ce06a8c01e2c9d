// cadence-gen: writes a synthetic Guyuan-shaped data set in the contract's
// CSV layout.
//
//   cadence-gen --size S|M|L [--branches N] [--seed 1] [--year 2023]
//               [--contract-only] --out DIR
//
// Exit codes: 0 ok, 1 I/O failure, 2 usage error.
#include <chrono>
#include <cstdio>
#include <exception>
#include <string>

#include <CLI/CLI.hpp>

#include "data/generator/generator.h"

int main(int argc, char** argv) {
  using cadence::generator::GeneratorOptions;
  using cadence::generator::RecordSets;
  using cadence::generator::Size;

  CLI::App app{"Generate a deterministic synthetic CYL data set (contract CSV layout)", "cadence-gen"};
  std::string size_name = "S";
  int64_t branches = 0;
  GeneratorOptions options;
  std::string out;
  bool contract_only = false;
  app.add_option("--size", size_name, "S (~3,000 branches), M (~40,000) or L (~400,000)")
      ->check(CLI::IsMember({"S", "M", "L", "s", "m", "l"}));
  app.add_option("--branches", branches, "exact number of branches (overrides --size)")
      ->check(CLI::Range(int64_t{1}, int64_t{5'000'000}));
  app.add_option("--seed", options.seed, "random seed; the same seed gives the same bytes");
  app.add_option("--year", options.year, "audited year")->check(CLI::Range(2000, 2100));
  app.add_flag("--contract-only", contract_only, "write only the six contract files");
  app.add_option("--out", out, "output directory")->required();
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);
    return code == 0 ? 0 : 2;
  }
  options.size = branches > 0 ? Size::of_branches(branches) : *Size::parse(size_name);
  options.record_sets = contract_only ? RecordSets::kContractOnly : RecordSets::kAll;

  const auto start = std::chrono::steady_clock::now();
  auto summary = cadence::generator::generate_to_directory(options, out);
  if (!summary.is_ok()) {
    std::fprintf(stderr, "cadence-gen: %s\n", summary.status().message().c_str());
    return 1;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%lld orgs, %lld branches, %lld members in %.1f s\n",
              static_cast<long long>(summary->orgs), static_cast<long long>(summary->branches),
              static_cast<long long>(summary->members), seconds);
  for (const auto& file : summary->files) {
    std::printf("  %-18s %12lld rows\n", file.name.c_str(), static_cast<long long>(file.rows));
  }
  return 0;
}

// cadence_generator: deterministic synthetic exports of a league org tree.
//
// generate() writes the contract record sets (shared/contract.md: orgs,
// members, study, activities, transfers, notices) and the Guyuan pack's extra
// record sets (org_details, dues, indicators, episodes, evaluations,
// registrations; columns in data/README.md) for one audited year, in the
// shape of Guyuan city (固原市): a city committee, five county committees,
// the city's own working committees, township/school/enterprise/government
// committees, general branches and branches.
//
// Determinism: the output is a function of the options only. The same
// options give byte-identical files on any platform (fixed PRNG, no hash-map
// iteration, no locale); a different seed gives different files.
//
// Errors: generation itself cannot fail; the only failures are the sink's
// (I/O), returned as the first failing Status. Nothing throws.
//
// Cost: memory is O(orgs) — members and per-week records are re-derived
// from the seed as they are written, never held. Single-threaded.
//
// Example:
//   GeneratorOptions options;
//   options.size = Size::medium();
//   options.seed = 7;
//   Result<GenerationSummary> summary = generate_to_directory(options, "out");
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "data/generator/csv_writer.h"
#include "engine/core/status.h"

namespace cadence::generator {

// How many branches to generate. Branches average ~21 members: S 3,000
// branches / ~63k members, M 40,000 / ~850k, L 400,000 / ~8.5M.
struct Size {
  int64_t branches = 3000;

  static Size small() { return {3000}; }
  static Size medium() { return {40000}; }
  static Size large() { return {400000}; }
  static Size of_branches(int64_t count) { return {count}; }
  // "S", "M" or "L" (case-insensitive); nullopt otherwise.
  static std::optional<Size> parse(std::string_view name);
};

enum class RecordSets {
  kAll,           // contract files and the Guyuan extras
  kContractOnly,  // only the six contract files (benchmarks)
};

struct GeneratorOptions {
  Size size = Size::small();
  uint64_t seed = 1;
  int year = 2023;
  RecordSets record_sets = RecordSets::kAll;
};

struct FileSummary {
  std::string name;  // e.g. "study.csv"
  int64_t rows = 0;  // data rows, header excluded
};

struct GenerationSummary {
  int64_t orgs = 0;
  int64_t branches = 0;
  int64_t members = 0;
  std::vector<FileSummary> files;  // in the order written
};

// Writes every file through `sink`, one after the other.
Result<GenerationSummary> generate(const GeneratorOptions& options, FileSink& sink);

// Writes the files into `directory` (created if missing), replacing files of
// the same names.
Result<GenerationSummary> generate_to_directory(const GeneratorOptions& options,
                                                const std::string& directory);

// In-memory output for tests and small tools.
struct GeneratedFile {
  std::string name;
  std::string contents;
};
struct GeneratedFiles {
  std::vector<GeneratedFile> files;  // in the order written
  GenerationSummary summary;
  // The contents of file `name`, or nullptr.
  const std::string* find(std::string_view name) const;
};
GeneratedFiles generate_in_memory(const GeneratorOptions& options);

}  // namespace cadence::generator

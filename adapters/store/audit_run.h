// Audit runs kept in the store: each `cadence audit` writes one run with its
// findings in a single transaction, so that `cadence history` can list them,
// `cadence diff` can compare two, and `cadence explain --run N` can show a
// past finding. A killed audit leaves no partial run.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cadence {

struct AuditRun {
  int64_t id = 0;            // assigned by save_audit_run
  std::string pack_id;
  std::string pack_version;
  // SHA-256 of the pack's files (adapters/pack/pack_digest.h), 64 hex digits;
  // "" for runs recorded before schema 7, whose FNV-1a checksum the store
  // keeps in audit_runs.legacy_pack_fnv1a (adapters/store/migrations.cpp).
  std::string pack_checksum;
  std::string periods;       // "2023-W10,2023-03"
  std::string as_of;         // "" when none
  std::string batches;       // ids of the import batches the data came from, "1,2,5"
  std::string started_at;    // ISO 8601 UTC
  int64_t finding_count = 0;
};

// The run's periods as written ("2023-W10,2023-03" → "2023-W10", "2023-03").
inline std::vector<std::string> run_period_names(const AuditRun& run) {
  std::vector<std::string> names;
  std::size_t start = 0;
  while (start < run.periods.size()) {
    std::size_t comma = run.periods.find(',', start);
    if (comma == std::string::npos) comma = run.periods.size();
    if (comma > start) names.push_back(run.periods.substr(start, comma - start));
    start = comma + 1;
  }
  return names;
}

struct StoredFinding {
  std::string rule;
  std::string org_id;
  std::string period;
  std::string status;        // "fail" or "warn"
  int64_t value_micros = 0;
  int64_t score_micros = 0;
  std::optional<int64_t> numerator;
  std::optional<int64_t> denominator;
  std::string gap;
  std::string message;
};

// A run's findings as an audit hands them to the store
// (Store::save_audit_run): the texts that repeat — rule, org id, period,
// status, gap — once each in a dictionary, and per finding its codes into
// them, so that recording half a million findings builds no string per
// finding. A dictionary may hold texts no finding uses, in any order, even
// twice: the store keeps the texts the findings use, each once. Every code
// must be an index into its dictionary (anything else is a bug and aborts).
struct CodedFindings {
  struct Finding {
    uint32_t rule = 0;    // rules[rule]
    uint32_t org = 0;     // org_ids[org]
    uint32_t period = 0;  // periods[period]
    uint32_t status = 0;  // statuses[status]
    uint32_t gap = 0;     // gaps[gap]
    int64_t value_micros = 0;
    int64_t score_micros = 0;
    std::optional<int64_t> numerator;
    std::optional<int64_t> denominator;
    std::string_view message;  // not owned: the text must outlive the save
  };
  std::vector<std::string> rules;
  std::vector<std::string> org_ids;
  std::vector<std::string> periods;
  std::vector<std::string> statuses;
  std::vector<std::string> gaps;
  std::vector<Finding> findings;
};

}  // namespace cadence

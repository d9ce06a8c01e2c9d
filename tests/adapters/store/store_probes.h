// What store tests read back: one value of an SQL query run on the file
// directly, and stored findings as text (every field, one line each, so a
// failed CHECK shows what differs).
#pragma once

#include <doctest/doctest.h>
#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "adapters/store/audit_run.h"

namespace cadence::testing {

inline int64_t scalar(const std::string& db_path, const std::string& sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(db_path.c_str(), &db) == SQLITE_OK);
  sqlite3_stmt* statement = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(statement) == SQLITE_ROW);
  const int64_t value = sqlite3_column_int64(statement, 0);
  sqlite3_finalize(statement);
  sqlite3_close(db);
  return value;
}

// A failing finding as the store keeps it; the tests choose the figures.
inline StoredFinding stored_finding(std::string rule, std::string org, std::string period, std::string message,
                                    int64_t value_micros, int64_t score_micros, std::string gap) {
  StoredFinding out;
  out.rule = std::move(rule);
  out.org_id = std::move(org);
  out.period = std::move(period);
  out.status = "fail";
  out.value_micros = value_micros;
  out.score_micros = score_micros;
  out.gap = std::move(gap);
  out.message = std::move(message);
  return out;
}

inline std::string describe(const std::vector<StoredFinding>& findings) {
  std::string out;
  auto optional = [](const std::optional<int64_t>& value) { return value ? std::to_string(*value) : "-"; };
  for (const auto& f : findings) {
    out += f.rule + "|" + f.org_id + "|" + f.period + "|" + f.status + "|" + std::to_string(f.value_micros) +
           "|" + std::to_string(f.score_micros) + "|" + optional(f.numerator) + "/" +
           optional(f.denominator) + "|" + f.gap + "|" + f.message + "\n";
  }
  return out;
}

}  // namespace cadence::testing

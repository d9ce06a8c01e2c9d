// What a pack expects of the data: record sets, their columns and types,
// keys, references and header aliases. The schema is data (a pack's
// schema.yaml), never code: the engine is generic over record sets.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/diagnostic.h"
#include "engine/table/column_type.h"

namespace cadence {

struct ColumnSchema {
  std::string name;
  ColumnType type = ColumnType::kText;
  bool required = false;
  // Headers real exports use for this column, e.g. "所在团支部" for org_id.
  std::vector<std::string> aliases;
  // kEnum: the canonical values allowed, e.g. {"active", "left"}.
  std::vector<std::string> values;
  // Codes and labels mapped to canonical values: {"0": "active", "正常": "active"}.
  std::map<std::string, std::string> codes;
  // The canonical value of any other code ("left"), empty = reject unknown codes.
  std::string otherwise;
  // Numeric bounds (integer, number): values outside are rejected on import,
  // e.g. learners >= 0 (a negative count is an export error).
  std::optional<double> minimum;
  std::optional<double> maximum;
  SourceSpan span;
};

// What a file of a record set means (adapters/import, adapters/store):
// kEvents: facts that accumulate (study, activities, dues...); a file adds
// and updates rows by key and never removes one.
// kSnapshot: the state of the org tree's subtrees on an export date (orgs,
// members, org_details); a stored row the newer snapshot of its subtree no
// longer has is closed at that date, and every version is kept.
enum class RecordSetKind : uint8_t { kEvents, kSnapshot };

// How many rows of one file may share a key. kOne: the key identifies a row.
// kMany: the rows of a key are one fact in parts (the contract sums several
// study rows of a branch and week), so a file's rows of a key replace the
// stored rows of that key together.
enum class KeyRows : uint8_t { kOne, kMany };

struct RecordSetSchema {
  std::string name;
  RecordSetKind kind = RecordSetKind::kEvents;
  std::vector<ColumnSchema> columns;
  std::vector<std::string> key;  // columns that identify a row; empty = no key
  KeyRows key_rows = KeyRows::kOne;
  std::string org_column;        // the column that references orgs.id (the row's org)
  std::string member_column;     // the column that references members.id, if any
  std::string time_column;       // the column that places a row in time, if any
  // Other columns referencing orgs (e.g. transfers.to_org): checked on import.
  std::vector<std::string> org_references;
  // File names (without extension) that map to this record set, e.g. "study", "青年大学习".
  std::vector<std::string> file_names;
  SourceSpan span;

  // Index of a column by name, or -1.
  int column_index(std::string_view column) const;
  const ColumnSchema* column(std::string_view column) const;
};

// The record set that holds the org tree is always called "orgs" and has the
// columns id, parent_id, name, kind; members (if present) is "members".
inline constexpr std::string_view kOrgsRecordSet = "orgs";
inline constexpr std::string_view kMembersRecordSet = "members";

struct Schema {
  std::vector<RecordSetSchema> record_sets;
  const RecordSetSchema* find(std::string_view name) const;
};

}  // namespace cadence

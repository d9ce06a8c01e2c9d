#include "adapters/pack/schema_loader.h"

#include <algorithm>
#include <optional>
#include <set>

#include "adapters/pack/key_table.h"

namespace cadence {
namespace pack_detail {
namespace {

class SchemaReader;

// A record set while it is read: whether `files:` was given (else the set's
// name is its file name).
struct RecordSetDraft {
  RecordSetSchema set;
  bool has_files = false;
};

// A column while it is read: whether its type was read (checks that depend
// on the type are skipped otherwise) and where it was written.
struct ColumnDraft {
  ColumnSchema column;
  bool typed = false;
  SourceSpan type_span;
  std::optional<YAML::Node> values_key;
};

class SchemaReader {
 public:
  explicit SchemaReader(YamlDocument& document) : document_(document) {}
  YamlDocument& document() { return document_; }

  Schema read(const YAML::Node& node, const YAML::Node& key);
  void read_record_sets(const YAML::Node& key, const YAML::Node& sets, Schema& schema);
  RecordSetSchema read_record_set(const std::string& name, const YAML::Node& key, const YAML::Node& node);
  void read_columns(const YAML::Node& key, const YAML::Node& columns, RecordSetSchema& set);
  void read_role(const YAML::Node& key, const YAML::Node& value, RecordSetSchema& set);
  std::vector<std::string> column_list(const YAML::Node& key, const YAML::Node& value,
                                       const RecordSetSchema& set);
  ColumnSchema read_column(const RecordSetSchema& set, const std::string& name, const YAML::Node& key,
                           const YAML::Node& node);
  void check_column_kinds(const std::string& name, ColumnDraft& draft);
  void read_codes(const YAML::Node& key, const YAML::Node& value, ColumnDraft& draft);
  void read_otherwise(const YAML::Node& key, const YAML::Node& value, ColumnDraft& draft);
  bool applies_to_enum(const YAML::Node& key, const ColumnDraft& draft);
  bool check_column(const RecordSetSchema& set, const std::string& column, const SourceSpan& span,
                    std::string_view field);
  bool read_type(ColumnSchema& column, const YAML::Node& key, const YAML::Node& node);
  void check_orgs(const Schema& schema, const YAML::Node& sets_key);
  void check_members(const Schema& schema);

 private:
  YamlDocument& document_;
};

constexpr std::array<Key<Schema, SchemaReader>, 1> kSchemaKeys{{
    {"record_sets", Presence::kRequired,
     [](SchemaReader& reader, const YAML::Node& key, const YAML::Node& value, Schema& schema) {
       reader.read_record_sets(key, value, schema);
     }},
}};

// Columns first: the other keys name them.
constexpr std::array<Key<RecordSetDraft, SchemaReader>, 9> kRecordSetKeys{{
    {"key_rows", Presence::kOptional,
     [](SchemaReader& reader, const YAML::Node& key, const YAML::Node& value, RecordSetDraft& draft) {
       auto rows = reader.document().text(key, value);
       if (!rows) return;
       if (*rows == "many") {
         draft.set.key_rows = KeyRows::kMany;
       } else if (*rows == "one") {
         draft.set.key_rows = KeyRows::kOne;
       } else {
         reader.document().error(reader.document().span(value),
                                 "key_rows: " + in_quotes(*rows) + " is not one or many");
       }
     }},
    {"kind", Presence::kOptional,
     [](SchemaReader& reader, const YAML::Node& key, const YAML::Node& value, RecordSetDraft& draft) {
       auto kind = reader.document().text(key, value);
       if (!kind) return;
       if (*kind == "snapshot") {
         draft.set.kind = RecordSetKind::kSnapshot;
       } else if (*kind == "events") {
         draft.set.kind = RecordSetKind::kEvents;
       } else {
         reader.document().error(reader.document().span(value),
                                 "kind: " + in_quotes(*kind) + " is not a record set kind (events or snapshot)");
       }
     }},
    {"files", Presence::kOptional,
     [](SchemaReader& reader, const YAML::Node& key, const YAML::Node& value, RecordSetDraft& draft) {
       if (auto names = reader.document().text_list(key, value)) draft.set.file_names = *names;
       draft.has_files = true;
     }},
    {"key", Presence::kOptional,
     [](SchemaReader& reader, const YAML::Node& key, const YAML::Node& value, RecordSetDraft& draft) {
       auto names = reader.column_list(key, value, draft.set);
       draft.set.key.insert(draft.set.key.end(), names.begin(), names.end());
     }},
    {"org", Presence::kOptional,
     [](SchemaReader& reader, const YAML::Node& key, const YAML::Node& value, RecordSetDraft& draft) {
       reader.read_role(key, value, draft.set);
     }},
    {"member", Presence::kOptional,
     [](SchemaReader& reader, const YAML::Node& key, const YAML::Node& value, RecordSetDraft& draft) {
       reader.read_role(key, value, draft.set);
     }},
    {"time", Presence::kOptional,
     [](SchemaReader& reader, const YAML::Node& key, const YAML::Node& value, RecordSetDraft& draft) {
       reader.read_role(key, value, draft.set);
     }},
    {"org_references", Presence::kOptional,
     [](SchemaReader& reader, const YAML::Node& key, const YAML::Node& value, RecordSetDraft& draft) {
       auto names = reader.column_list(key, value, draft.set);
       draft.set.org_references.insert(draft.set.org_references.end(), names.begin(), names.end());
     }},
    {"columns", Presence::kRequired,
     [](SchemaReader& reader, const YAML::Node& key, const YAML::Node& value, RecordSetDraft& draft) {
       reader.read_columns(key, value, draft.set);
     },
     Order::kFirst},
}};

template <std::optional<double> ColumnSchema::*Field>
void read_bound(SchemaReader& reader, const YAML::Node& key, const YAML::Node& value, ColumnDraft& draft) {
  if (auto bound = reader.document().number(key, value)) draft.column.*Field = *bound;
}

// The type first, then the values: codes and otherwise are checked against
// both.
constexpr std::array<Key<ColumnDraft, SchemaReader>, 8> kColumnKeys{{
    {"type", Presence::kRequired,
     [](SchemaReader& reader, const YAML::Node& key, const YAML::Node& value, ColumnDraft& draft) {
       draft.typed = reader.read_type(draft.column, key, value);
       draft.type_span = reader.document().value_span(key, value);
     },
     Order::kFirst},
    {"required", Presence::kOptional,
     [](SchemaReader& reader, const YAML::Node& key, const YAML::Node& value, ColumnDraft& draft) {
       if (auto flag = reader.document().boolean(key, value)) draft.column.required = *flag;
     }},
    {"aliases", Presence::kOptional,
     [](SchemaReader& reader, const YAML::Node& key, const YAML::Node& value, ColumnDraft& draft) {
       if (auto aliases = reader.document().text_list(key, value)) draft.column.aliases = *aliases;
     }},
    {"values", Presence::kOptional,
     [](SchemaReader& reader, const YAML::Node& key, const YAML::Node& value, ColumnDraft& draft) {
       draft.values_key.emplace(key);
       if (auto values = reader.document().text_list(key, value)) draft.column.values = *values;
     },
     Order::kFirst},
    {"codes", Presence::kOptional,
     [](SchemaReader& reader, const YAML::Node& key, const YAML::Node& value, ColumnDraft& draft) {
       reader.read_codes(key, value, draft);
     }},
    {"otherwise", Presence::kOptional,
     [](SchemaReader& reader, const YAML::Node& key, const YAML::Node& value, ColumnDraft& draft) {
       reader.read_otherwise(key, value, draft);
     }},
    {"min", Presence::kOptional, read_bound<&ColumnSchema::minimum>},
    {"max", Presence::kOptional, read_bound<&ColumnSchema::maximum>},
}};

Schema SchemaReader::read(const YAML::Node& node, const YAML::Node& key) {
  Schema schema;
  read_keys(*this, node, key, "schema", document_.span(node), kSchemaKeys, schema, "the schema");
  return schema;
}

void SchemaReader::read_record_sets(const YAML::Node& key, const YAML::Node& sets, Schema& schema) {
  if (!document_.check_names(sets, key, "record set")) return;
  std::set<std::string> seen;
  for (auto it = sets.begin(); it != sets.end(); ++it) {
    std::string name = YamlDocument::key_name(it->first);
    if (!seen.insert(name).second) continue;  // reported by check_names
    schema.record_sets.push_back(read_record_set(name, it->first, it->second));
  }
  check_orgs(schema, key);
  check_members(schema);
}

RecordSetSchema SchemaReader::read_record_set(const std::string& name, const YAML::Node& key,
                                              const YAML::Node& node) {
  RecordSetDraft draft;
  draft.set.name = name;
  draft.set.span = document_.span(key);
  if (!read_keys(*this, node, key, "record set " + in_quotes(name), draft.set.span, kRecordSetKeys, draft)) {
    return std::move(draft.set);
  }
  if (!draft.has_files) draft.set.file_names = {name};
  // A snapshot's rows are versioned by key: without one, no row of a newer
  // snapshot could be told from a new row.
  if (draft.set.kind == RecordSetKind::kSnapshot && draft.set.key.empty()) {
    document_.error(draft.set.span, "record set " + in_quotes(name) + " is a snapshot and needs a key");
  }
  return std::move(draft.set);
}

void SchemaReader::read_columns(const YAML::Node& key, const YAML::Node& columns, RecordSetSchema& set) {
  if (!document_.check_names(columns, key, "column")) return;
  std::set<std::string> seen;
  for (auto it = columns.begin(); it != columns.end(); ++it) {
    std::string column = YamlDocument::key_name(it->first);
    if (!seen.insert(column).second) continue;
    set.columns.push_back(read_column(set, column, it->first, it->second));
  }
}

// org:, member: or time:, each naming a column.
void SchemaReader::read_role(const YAML::Node& key, const YAML::Node& value, RecordSetSchema& set) {
  const std::string field = YamlDocument::key_name(key);
  auto column = document_.text(key, value);
  if (!column || !check_column(set, *column, document_.span(value), field)) return;
  if (field == "org") set.org_column = *column;
  if (field == "member") set.member_column = *column;
  if (field != "time") return;
  ColumnType type = set.column(*column)->type;
  if (type != ColumnType::kDate && !is_period_type(type)) {
    document_.error(document_.span(value),
                    "time: column " + in_quotes(*column) + " is " + std::string(to_string(type)) +
                        "; a time column must be a date, week, month, quarter or year");
    return;
  }
  set.time_column = *column;
}

std::vector<std::string> SchemaReader::column_list(const YAML::Node& key, const YAML::Node& value,
                                                   const RecordSetSchema& set) {
  std::vector<std::string> result;
  std::vector<SourceSpan> spans;
  auto names = document_.text_list(key, value, &spans);
  for (std::size_t i = 0; names && i < names->size(); ++i) {
    if (check_column(set, (*names)[i], spans[i], YamlDocument::key_name(key))) result.push_back((*names)[i]);
  }
  return result;
}

bool SchemaReader::check_column(const RecordSetSchema& set, const std::string& column, const SourceSpan& span,
                                std::string_view field) {
  if (set.column_index(column) >= 0) return true;
  std::vector<std::string_view> names;
  for (const auto& candidate : set.columns) names.push_back(candidate.name);
  std::string message =
      std::string(field) + ": no column " + in_quotes(column) + " in record set " + in_quotes(set.name);
  std::string suggestion = suggest(column, names);
  if (!suggestion.empty()) message += " (did you mean " + in_quotes(suggestion) + "?)";
  document_.error(span, message);
  return false;
}

ColumnSchema SchemaReader::read_column(const RecordSetSchema& set, const std::string& name,
                                       const YAML::Node& key, const YAML::Node& node) {
  ColumnDraft draft;
  draft.column.name = name;
  draft.column.span = document_.span(key);
  draft.type_span = draft.column.span;
  // Shorthand: `week: week` is {type: week}.
  if (node.IsScalar()) {
    read_type(draft.column, key, node);
    if (draft.column.type == ColumnType::kEnum) {
      document_.error(document_.span(node), "enum column " + in_quotes(name) +
                                                " needs values: write {type: enum, "
                                                "values: [...]}");
    }
    return std::move(draft.column);
  }
  const std::string what = "column " + in_quotes(set.name + "." + name);
  if (!read_keys(*this, node, key, what, draft.column.span, kColumnKeys, draft))
    return std::move(draft.column);
  check_column_kinds(name, draft);
  return std::move(draft.column);
}

// What the type allows: values on enums only, bounds on numbers only.
void SchemaReader::check_column_kinds(const std::string& name, ColumnDraft& draft) {
  ColumnSchema& column = draft.column;
  const bool is_enum = draft.typed && column.type == ColumnType::kEnum;
  if (is_enum && column.values.empty()) {
    document_.error(draft.type_span,
                    "enum column " + in_quotes(name) + " needs values: [...] (its canonical values)");
  }
  if (draft.typed && !is_enum && draft.values_key) {
    document_.error(document_.span(*draft.values_key), "values: only applies to enum columns; " +
                                                           in_quotes(name) + " is " +
                                                           std::string(to_string(column.type)));
  }
  const bool numeric = column.type == ColumnType::kInteger || column.type == ColumnType::kNumber;
  if (draft.typed && !numeric && (column.minimum || column.maximum)) {
    document_.error(column.span, "min/max only apply to integer and number columns; " + in_quotes(name) +
                                     " is " + std::string(to_string(column.type)));
  }
  if (column.minimum && column.maximum && *column.minimum > *column.maximum) {
    document_.error(column.span, "min is greater than max in column " + in_quotes(name));
  }
}

// codes: and otherwise: map export codes to canonical values of an enum.
bool SchemaReader::applies_to_enum(const YAML::Node& key, const ColumnDraft& draft) {
  if (!draft.typed || draft.column.type == ColumnType::kEnum) return true;
  document_.error(document_.span(key), YamlDocument::key_name(key) + ": only applies to enum columns; " +
                                           in_quotes(draft.column.name) + " is " +
                                           std::string(to_string(draft.column.type)));
  return false;
}

void SchemaReader::read_otherwise(const YAML::Node& key, const YAML::Node& value, ColumnDraft& draft) {
  if (!applies_to_enum(key, draft)) return;
  ColumnSchema& column = draft.column;
  auto canonical = document_.text(key, value);
  if (!canonical) return;
  if (draft.typed && !column.values.empty() && !contains(column.values, *canonical)) {
    document_.error(document_.span(value), "otherwise: " + in_quotes(*canonical) +
                                               " is not one of the values of " + in_quotes(column.name) +
                                               " (" + join(column.values) + ")");
    return;
  }
  column.otherwise = *canonical;
}

void SchemaReader::read_codes(const YAML::Node& key, const YAML::Node& value, ColumnDraft& draft) {
  if (!applies_to_enum(key, draft)) return;
  ColumnSchema& column = draft.column;
  if (!value.IsMap()) {
    document_.error(document_.value_span(key, value),
                    "codes: must be a mapping of export codes to values, e.g. {\"0\": active}");
    return;
  }
  for (auto code = value.begin(); code != value.end(); ++code) {
    auto canonical = document_.text(code->first, code->second);
    if (!canonical) continue;
    const std::string code_text = YamlDocument::key_name(code->first);
    if (column.codes.count(code_text) != 0) {
      document_.error(document_.span(code->first), "duplicate code " + in_quotes(code_text));
      continue;
    }
    if (draft.typed && !column.values.empty() && !contains(column.values, *canonical)) {
      document_.error(document_.span(code->second),
                      "code " + in_quotes(code_text) + " maps to " + in_quotes(*canonical) +
                          ", which is not one of the values of " + in_quotes(column.name) + " (" +
                          join(column.values) + ")");
      continue;
    }
    column.codes[code_text] = *canonical;
  }
}

bool SchemaReader::read_type(ColumnSchema& column, const YAML::Node& key, const YAML::Node& node) {
  auto name = document_.text(key, node);
  if (!name) return false;
  if (auto type = parse_column_type(*name)) {
    column.type = *type;
    return true;
  }
  static const std::vector<std::string_view> kTypes = {"text",  "integer", "number", "date", "week",
                                                       "month", "quarter", "year",   "enum", "bool"};
  std::string message = "unknown column type " + in_quotes(*name);
  std::string suggestion = suggest(*name, kTypes);
  message += suggestion.empty()
                 ? " (known: text, integer, number, date, week, month, quarter, year, enum, bool)"
                 : " (did you mean " + in_quotes(suggestion) + "?)";
  document_.error(document_.span(node), message);
  return false;
}

// The org tree lives in the record set `orgs` (schema.h).
void SchemaReader::check_orgs(const Schema& schema, const YAML::Node& sets_key) {
  const RecordSetSchema* orgs = schema.find(kOrgsRecordSet);
  if (orgs == nullptr) {
    document_.error(document_.span(sets_key),
                    "the schema has no 'orgs' record set: the org tree needs one with columns id, parent_id, "
                    "name and kind");
    return;
  }
  for (const char* column : {"id", "parent_id", "name", "kind"}) {
    if (orgs->column_index(column) < 0) {
      document_.error(orgs->span, "record set 'orgs' needs a column " + in_quotes(column) +
                                      " (the org tree: id, parent_id, name, kind)");
    }
  }
}

// A member column references members.id, which must then exist.
void SchemaReader::check_members(const Schema& schema) {
  const RecordSetSchema* members = schema.find(kMembersRecordSet);
  for (const auto& set : schema.record_sets) {
    if (set.member_column.empty()) continue;
    if (members == nullptr) {
      document_.error(set.span, "record set " + in_quotes(set.name) +
                                    " has a member column but the schema has no 'members' record set");
    }
  }
  if (members != nullptr && members->column_index("id") < 0) {
    document_.error(members->span, "record set 'members' needs a column 'id'");
  }
}

}  // namespace

Schema read_schema(YamlDocument& document, const YAML::Node& node, const YAML::Node& key) {
  SchemaReader reader(document);
  return reader.read(node, key);
}

}  // namespace pack_detail

std::optional<Schema> load_schema_from_text(std::string_view yaml, const std::string& file,
                                            Diagnostics& diagnostics) {
  Diagnostics local;
  pack_detail::YamlDocument document(file, yaml, local);
  std::optional<Schema> schema;
  if (auto root = document.parse()) {
    schema = pack_detail::read_schema(document, *root, YAML::Node(YAML::NodeType::Undefined));
  }
  diagnostics.append(local);
  if (local.has_errors()) return std::nullopt;
  return schema;
}

}  // namespace cadence

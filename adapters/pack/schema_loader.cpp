#include "adapters/pack/schema_loader.h"

#include <algorithm>
#include <set>

#include "adapters/pack/yaml_document.h"

namespace cadence {
namespace pack_detail {
namespace {


class SchemaReader {
 public:
  explicit SchemaReader(YamlDocument& document) : document_(document) {}

  Schema read(const YAML::Node& node, const YAML::Node& key) {
    Schema schema;
    if (!document_.check_mapping(node, key, "schema", {"record_sets"})) return schema;
    document_.require(node, document_.span(node), "the schema", {"record_sets"});
    YAML::Node sets_key;
    YAML::Node sets = YamlDocument::find(node, "record_sets", &sets_key);
    if (!sets.IsDefined()) return schema;
    if (!document_.check_names(sets, sets_key, "record set")) return schema;
    std::set<std::string> seen;
    for (auto it = sets.begin(); it != sets.end(); ++it) {
      std::string name = YamlDocument::key_name(it->first);
      if (!seen.insert(name).second) continue;  // reported by check_names
      schema.record_sets.push_back(read_record_set(name, it->first, it->second));
    }
    check_orgs(schema, sets_key);
    check_members(schema, sets_key);
    return schema;
  }

 private:
  RecordSetSchema read_record_set(const std::string& name, const YAML::Node& key, const YAML::Node& node) {
    RecordSetSchema set;
    set.name = name;
    set.span = document_.span(key);
    const std::string what = "record set " + in_quotes(name);
    if (!document_.check_mapping(node, key, what,
                                 {"files", "key", "org", "member", "time", "org_references", "columns"})) {
      return set;
    }
    document_.require(node, set.span, what, {"columns"});
    // Columns first: the other keys name them.
    YAML::Node columns_key;
    YAML::Node columns = YamlDocument::find(node, "columns", &columns_key);
    if (columns.IsDefined() && document_.check_names(columns, columns_key, "column")) {
      std::set<std::string> seen;
      for (auto it = columns.begin(); it != columns.end(); ++it) {
        std::string column = YamlDocument::key_name(it->first);
        if (!seen.insert(column).second) continue;
        set.columns.push_back(read_column(set, column, it->first, it->second));
      }
    }
    bool has_files = false;
    for (auto it = node.begin(); it != node.end(); ++it) {
      const std::string field = YamlDocument::key_name(it->first);
      const YAML::Node value = it->second;
      if (field == "files") {
        if (auto names = document_.text_list(it->first, value)) set.file_names = *names;
        has_files = true;
      } else if (field == "key") {
        std::vector<SourceSpan> spans;
        if (auto names = document_.text_list(it->first, value, &spans)) {
          for (std::size_t i = 0; i < names->size(); ++i) {
            if (check_column(set, (*names)[i], spans[i], "key")) set.key.push_back((*names)[i]);
          }
        }
      } else if (field == "org" || field == "member" || field == "time") {
        auto column = document_.text(it->first, value);
        if (!column || !check_column(set, *column, document_.span(value), field)) continue;
        if (field == "org") set.org_column = *column;
        if (field == "member") set.member_column = *column;
        if (field == "time") {
          ColumnType type = set.column(*column)->type;
          if (type != ColumnType::kDate && !is_period_type(type)) {
            document_.error(document_.span(value),
                            "time: column " + in_quotes(*column) + " is " + std::string(to_string(type)) +
                                "; a time column must be a date, week, month, quarter or year");
            continue;
          }
          set.time_column = *column;
        }
      } else if (field == "org_references") {
        std::vector<SourceSpan> spans;
        if (auto names = document_.text_list(it->first, value, &spans)) {
          for (std::size_t i = 0; i < names->size(); ++i) {
            if (check_column(set, (*names)[i], spans[i], "org_references")) set.org_references.push_back((*names)[i]);
          }
        }
      }
    }
    if (!has_files) set.file_names = {name};
    return set;
  }

  bool check_column(const RecordSetSchema& set, const std::string& column, const SourceSpan& span,
                    std::string_view field) {
    if (set.column_index(column) >= 0) return true;
    std::vector<std::string_view> names;
    for (const auto& candidate : set.columns) names.push_back(candidate.name);
    std::string message = std::string(field) + ": no column " + in_quotes(column) + " in record set " + in_quotes(set.name);
    std::string suggestion = suggest(column, names);
    if (!suggestion.empty()) message += " (did you mean " + in_quotes(suggestion) + "?)";
    document_.error(span, message);
    return false;
  }

  ColumnSchema read_column(const RecordSetSchema& set, const std::string& name, const YAML::Node& key,
                           const YAML::Node& node) {
    ColumnSchema column;
    column.name = name;
    column.span = document_.span(key);
    const std::string what = "column " + in_quotes(set.name + "." + name);
    // Shorthand: `week: week` is {type: week}.
    if (node.IsScalar()) {
      read_type(column, key, node);
      if (column.type == ColumnType::kEnum) {
        document_.error(document_.span(node), "enum column " + in_quotes(name) + " needs values: write {type: enum, "
                                              "values: [...]}");
      }
      return column;
    }
    if (!document_.check_mapping(node, key, what,
                                 {"type", "required", "aliases", "values", "codes", "otherwise", "min", "max"})) {
      return column;
    }
    document_.require(node, column.span, what, {"type"});
    YAML::Node type_key;
    YAML::Node type = YamlDocument::find(node, "type", &type_key);
    bool typed = type.IsDefined() && read_type(column, type_key, type);
    SourceSpan type_span = type.IsDefined() ? document_.value_span(type_key, type) : column.span;

    YAML::Node values_node(YAML::NodeType::Undefined);
    for (auto it = node.begin(); it != node.end(); ++it) {
      const std::string field = YamlDocument::key_name(it->first);
      const YAML::Node value = it->second;
      if (field == "required") {
        if (auto flag = document_.boolean(it->first, value)) column.required = *flag;
      } else if (field == "aliases") {
        if (auto aliases = document_.text_list(it->first, value)) column.aliases = *aliases;
      } else if (field == "values") {
        values_node = it->first;
        if (auto values = document_.text_list(it->first, value)) column.values = *values;
      } else if (field == "min" || field == "max") {
        if (auto bound = document_.number(it->first, value)) (field == "min" ? column.minimum : column.maximum) = *bound;
      }
    }
    bool is_enum = typed && column.type == ColumnType::kEnum;
    if (is_enum && column.values.empty()) {
      document_.error(type_span, "enum column " + in_quotes(name) + " needs values: [...] (its canonical values)");
    }
    if (typed && !is_enum && values_node.IsDefined()) {
      document_.error(document_.span(values_node), "values: only applies to enum columns; " + in_quotes(name) + " is " +
                                                       std::string(to_string(column.type)));
    }
    // Codes and the catch-all map export codes to canonical values.
    for (auto it = node.begin(); it != node.end(); ++it) {
      const std::string field = YamlDocument::key_name(it->first);
      const YAML::Node value = it->second;
      if (field != "codes" && field != "otherwise") continue;
      if (typed && !is_enum) {
        document_.error(document_.span(it->first), field + ": only applies to enum columns; " + in_quotes(name) +
                                                        " is " + std::string(to_string(column.type)));
        continue;
      }
      if (field == "otherwise") {
        auto canonical = document_.text(it->first, value);
        if (!canonical) continue;
        if (is_enum && !column.values.empty() && !contains(column.values, *canonical)) {
          document_.error(document_.span(value), "otherwise: " + in_quotes(*canonical) + " is not one of the values of " +
                                                     in_quotes(name) + " (" + join(column.values) + ")");
          continue;
        }
        column.otherwise = *canonical;
        continue;
      }
      if (!value.IsMap()) {
        document_.error(document_.value_span(it->first, value),
                        "codes: must be a mapping of export codes to values, e.g. {\"0\": active}");
        continue;
      }
      for (auto code = value.begin(); code != value.end(); ++code) {
        auto canonical = document_.text(code->first, code->second);
        if (!canonical) continue;
        const std::string code_text = YamlDocument::key_name(code->first);
        if (column.codes.count(code_text) != 0) {
          document_.error(document_.span(code->first), "duplicate code " + in_quotes(code_text));
          continue;
        }
        if (is_enum && !column.values.empty() && !contains(column.values, *canonical)) {
          document_.error(document_.span(code->second), "code " + in_quotes(code_text) + " maps to " + in_quotes(*canonical) +
                                                            ", which is not one of the values of " + in_quotes(name) +
                                                            " (" + join(column.values) + ")");
          continue;
        }
        column.codes[code_text] = *canonical;
      }
    }
    bool numeric = column.type == ColumnType::kInteger || column.type == ColumnType::kNumber;
    if (typed && !numeric && (column.minimum || column.maximum)) {
      document_.error(column.span, "min/max only apply to integer and number columns; " + in_quotes(name) + " is " +
                                       std::string(to_string(column.type)));
    }
    if (column.minimum && column.maximum && *column.minimum > *column.maximum) {
      document_.error(column.span, "min is greater than max in column " + in_quotes(name));
    }
    return column;
  }

  bool read_type(ColumnSchema& column, const YAML::Node& key, const YAML::Node& node) {
    auto name = document_.text(key, node);
    if (!name) return false;
    if (auto type = parse_column_type(*name)) {
      column.type = *type;
      return true;
    }
    static const std::vector<std::string_view> kTypes = {"text",  "integer", "number",  "date", "week",
                                                         "month", "quarter", "year",    "enum", "bool"};
    std::string message = "unknown column type " + in_quotes(*name);
    std::string suggestion = suggest(*name, kTypes);
    message += suggestion.empty() ? " (known: text, integer, number, date, week, month, quarter, year, enum, bool)"
                                  : " (did you mean " + in_quotes(suggestion) + "?)";
    document_.error(document_.span(node), message);
    return false;
  }

  // The org tree lives in the record set `orgs` (schema.h).
  void check_orgs(const Schema& schema, const YAML::Node& sets_key) {
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
  void check_members(const Schema& schema, const YAML::Node& sets_key) {
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
    (void)sets_key;
  }

  YamlDocument& document_;
};

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

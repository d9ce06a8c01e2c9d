// `tests:` of pack.yaml: rule tests, each a few facts, periods and the
// findings expected (rules/README.md "Rule tests").
#include <map>

#include "adapters/pack/key_table.h"

namespace cadence::pack_detail {
namespace {

// "rule,org,period,status", e.g. "study.weekly_rate,B1,2023-W10,fail".
std::vector<std::string> split_fields(const std::string& line) {
  std::vector<std::string> fields;
  std::size_t start = 0;
  while (true) {
    std::size_t comma = line.find(',', start);
    std::string field = line.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    field.erase(0, field.find_first_not_of(' '));
    field.erase(field.find_last_not_of(' ') + 1);
    fields.push_back(field);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return fields;
}

void read_expectations(SectionReader& reader, const YAML::Node& key, const YAML::Node& node,
                       RuleTestSpec& test) {
  YamlDocument& document = reader.document();
  if (node.IsSequence() && node.size() == 0) return;  // `expect: []`: no findings
  std::vector<SourceSpan> spans;
  auto lines = document.text_list(key, node, &spans);
  for (std::size_t i = 0; lines && i < lines->size(); ++i) {
    const std::vector<std::string> fields = split_fields((*lines)[i]);
    if (fields.size() != 4) {
      document.error(spans[i],
                     "an expected finding is \"rule,org,period,status\", e.g. "
                     "\"study.weekly_rate,B1,2023-W10,fail\"; got " +
                         std::to_string(fields.size()) + " fields");
      continue;
    }
    bool ok = reader.check_rule(fields[0], spans[i]);
    if (!reader.parse_period(fields[2], spans[i])) ok = false;
    if (fields[3] != "fail" && fields[3] != "warn") {
      document.error(spans[i], "status " + in_quotes(fields[3]) + " must be fail or warn");
      ok = false;
    }
    if (ok) test.expect.push_back(fields[0] + "," + fields[1] + "," + fields[2] + "," + fields[3]);
  }
}

void read_fact_rows(YamlDocument& document, const std::string& name, const RecordSetSchema& set,
                    const YAML::Node& row_list, std::vector<std::map<std::string, std::string>>& rows) {
  std::vector<std::string_view> columns;
  for (const auto& column : set.columns) columns.push_back(column.name);
  for (const auto& row_node : row_list) {
    if (!row_node.IsMap()) {
      document.error(document.span(row_node),
                     "a row of " + in_quotes(name) + " must be a mapping of columns to values");
      continue;
    }
    std::map<std::string, std::string> row;
    for (auto cell = row_node.begin(); cell != row_node.end(); ++cell) {
      const std::string column = YamlDocument::key_name(cell->first);
      if (set.column_index(column) < 0) {
        std::string message = "unknown column " + in_quotes(column) + " in record set " + in_quotes(name);
        std::string suggestion = suggest(column, columns);
        if (!suggestion.empty()) message += " (did you mean " + in_quotes(suggestion) + "?)";
        document.error(document.span(cell->first), message);
        continue;
      }
      if (cell->second.IsNull()) {
        row[column] = "";
      } else if (auto text = document.text(cell->first, cell->second)) {
        row[column] = *text;
      }
    }
    rows.push_back(std::move(row));
  }
}

void read_facts(SectionReader& reader, const YAML::Node& key, const YAML::Node& node, RuleTestSpec& test) {
  YamlDocument& document = reader.document();
  if (!document.check_names(node, key, "record set")) return;
  for (auto it = node.begin(); it != node.end(); ++it) {
    const std::string name = YamlDocument::key_name(it->first);
    const RecordSetSchema* set = reader.pack().schema.find(name);
    if (set == nullptr) {
      document.error(document.span(it->first), "unknown record set " + in_quotes(name) + " in facts");
      continue;
    }
    auto& rows = test.facts[name];
    if (!it->second.IsSequence()) {
      document.error(
          document.value_span(it->first, it->second),
          "facts of " + in_quotes(name) + " must be a list of rows, e.g. - {org_id: B1, week: 2023-W10}");
      continue;
    }
    const YAML::Node row_list = it->second;  // a copy: it->second is a temporary's member
    read_fact_rows(document, name, *set, row_list, rows);
  }
}

// A test, with the names of the tests before it (duplicates are errors).
struct TestDraft {
  RuleTestSpec test;
  std::map<std::string, int>& first_line;
};

constexpr std::array<Key<TestDraft>, 5> kTestKeys{{
    {"name", Presence::kRequired,
     [](SectionReader& reader, const YAML::Node& key, const YAML::Node& value, TestDraft& draft) {
       auto text = reader.document().text(key, value);
       if (!text) return;
       reader.check_unique(draft.first_line, *text, reader.document().span(value), "test name");
       draft.test.name = *text;
     }},
    {"periods", Presence::kRequired,
     [](SectionReader& reader, const YAML::Node& key, const YAML::Node& value, TestDraft& draft) {
       std::vector<SourceSpan> spans;
       auto texts = reader.document().text_list(key, value, &spans);
       for (std::size_t i = 0; texts && i < texts->size(); ++i) {
         if (auto period = reader.parse_period((*texts)[i], spans[i])) draft.test.periods.push_back(*period);
       }
     }},
    {"facts", Presence::kOptional,
     [](SectionReader& reader, const YAML::Node& key, const YAML::Node& value, TestDraft& draft) {
       read_facts(reader, key, value, draft.test);
     }},
    {"expect", Presence::kRequired,
     [](SectionReader& reader, const YAML::Node& key, const YAML::Node& value, TestDraft& draft) {
       read_expectations(reader, key, value, draft.test);
     }},
    {"rules", Presence::kOptional,
     [](SectionReader& reader, const YAML::Node& key, const YAML::Node& value, TestDraft& draft) {
       draft.test.rules = reader.rule_list(key, value);
     }},
}};

}  // namespace

void read_tests(SectionReader& reader, const YAML::Node& key, const YAML::Node& node, Pack& pack) {
  YamlDocument& document = reader.document();
  if (!node.IsSequence()) {
    document.error(document.value_span(key, node), "tests: must be a list of rule tests");
    return;
  }
  std::map<std::string, int> first_line;
  for (const auto& item : node) {
    TestDraft draft{RuleTestSpec{}, first_line};
    draft.test.span = document.span(item);
    if (!read_keys(reader, item, YAML::Node(YAML::NodeType::Undefined), "test", draft.test.span, kTestKeys,
                   draft)) {
      continue;
    }
    pack.tests.push_back(std::move(draft.test));
  }
}

}  // namespace cadence::pack_detail

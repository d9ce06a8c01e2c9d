#include "adapters/cli/rule_tests.h"

#include <algorithm>
#include <set>

#include "adapters/cli/pack_session.h"
#include "adapters/csv/raw_table.h"
#include "adapters/import/row_typer.h"
#include "engine/eval/evaluator.h"

namespace cadence {
namespace {

// The facts of one record set as a RawTable: the columns named in any row, in
// schema order; the test's line stands for every row's line.
std::optional<RecordSet> type_facts(const RecordSetSchema& schema,
                                    const std::vector<std::map<std::string, std::string>>& rows,
                                    const SourceSpan& span, Diagnostics& diagnostics) {
  RawTable table;
  table.file = span.file;
  table.header_line = span.line;
  std::vector<int> cell_of_column(schema.columns.size(), -1);
  for (std::size_t c = 0; c < schema.columns.size(); ++c) {
    bool used = std::any_of(rows.begin(), rows.end(),
                            [&](const auto& row) { return row.count(schema.columns[c].name) > 0; });
    if (!used) continue;
    cell_of_column[c] = static_cast<int>(table.header.size());
    table.header.push_back(schema.columns[c].name);
  }
  for (const auto& row : rows) {
    for (const auto& [column, value] : row) {
      if (schema.column_index(column) < 0) {
        diagnostics.error(span, "test facts: record set '" + schema.name + "' has no column '" + column + "'");
      }
    }
    std::vector<std::string> cells;
    for (const auto& column : table.header) {
      auto found = row.find(column);
      cells.push_back(found == row.end() ? "" : found->second);
    }
    table.rows.push_back(std::move(cells));
    table.row_lines.push_back(span.line);
  }
  TypedTable typed = type_rows(table, schema, cell_of_column, Severity::kError, diagnostics);
  if (diagnostics.has_errors()) return std::nullopt;
  std::vector<std::vector<std::string>> raw;
  return valid_rows(typed, raw);
}

}  // namespace

std::vector<RuleTestResult> run_rule_tests(const Plan& plan) {
  std::vector<RuleTestResult> results;
  const Pack& pack = *plan.pack;
  for (const auto& test : pack.tests) {
    RuleTestResult result;
    result.name = test.name;
    result.span = test.span;
    Diagnostics diagnostics;
    std::optional<RecordSet> orgs;
    std::vector<RecordSet> sets;
    for (const auto& set_schema : pack.schema.record_sets) {
      auto found = test.facts.find(set_schema.name);
      std::vector<std::map<std::string, std::string>> no_rows;
      const auto& rows = found == test.facts.end() ? no_rows : found->second;
      auto typed = type_facts(set_schema, rows, test.span, diagnostics);
      if (!typed) continue;
      if (set_schema.name == kOrgsRecordSet) {
        orgs = std::move(*typed);
      } else {
        sets.push_back(std::move(*typed));
      }
    }
    for (const auto& [name, rows] : test.facts) {
      if (pack.schema.find(name) == nullptr) {
        diagnostics.error(test.span, "test facts: unknown record set '" + name + "'");
      }
    }
    std::optional<Dataset> dataset;
    if (!diagnostics.has_errors() && orgs) dataset = Dataset::build(std::move(*orgs), std::move(sets), diagnostics);
    if (diagnostics.has_errors() || !dataset) {
      result.error = render_all(diagnostics, &pack.sources, 10);
      results.push_back(std::move(result));
      continue;
    }
    EvaluationRequest request;
    request.periods = test.periods;
    request.threads = 1;
    Calendars calendars = resolve_calendars(plan, *dataset);
    Outcome outcome;
    try {
      outcome = evaluate(plan, *dataset, calendars, request);
    } catch (const CalendarRangeError& error) {
      result.error = render_calendar_range_error(pack, error);
      results.push_back(std::move(result));
      continue;
    }
    std::set<std::string> actual;
    for (const auto& finding : outcome.findings) {
      const std::string& rule = plan.rules[static_cast<std::size_t>(finding.rule)].spec->id;
      if (!test.rules.empty() && std::find(test.rules.begin(), test.rules.end(), rule) == test.rules.end()) continue;
      actual.insert(rule + "," + dataset->tree().id(finding.org) + "," + finding.period.to_string() + "," +
                    std::string(to_string(finding.status)));
    }
    std::set<std::string> expected(test.expect.begin(), test.expect.end());
    std::set_difference(expected.begin(), expected.end(), actual.begin(), actual.end(),
                        std::back_inserter(result.missing));
    std::set_difference(actual.begin(), actual.end(), expected.begin(), expected.end(),
                        std::back_inserter(result.unexpected));
    result.passed = result.missing.empty() && result.unexpected.empty();
    results.push_back(std::move(result));
  }
  return results;
}

}  // namespace cadence

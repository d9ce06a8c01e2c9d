#include "adapters/import/row_typer.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "tests/adapters/store/test_support.h"

namespace cadence {
namespace {

using testing::column;

RawTable table_of(std::vector<std::string> header, std::vector<std::vector<std::string>> rows) {
  RawTable table;
  table.file = "t.csv";
  table.header = std::move(header);
  table.header_line = 1;
  for (std::size_t row = 0; row < rows.size(); ++row) {
    table.rows.push_back(rows[row]);
    table.row_lines.push_back(static_cast<int>(row) + 2);
  }
  return table;
}

std::vector<int> identity(std::size_t columns) {
  std::vector<int> cells;
  for (std::size_t c = 0; c < columns; ++c) cells.push_back(static_cast<int>(c));
  return cells;
}

std::vector<std::string> dictionary_of(const Column& values) {
  std::vector<std::string> texts;
  for (int32_t code = 0; code < values.dictionary().size(); ++code)
    texts.push_back(values.dictionary().text(code));
  return texts;
}

TEST_CASE("repeated cells type once and keep their codes, and each bad one is still reported on its line") {
  RecordSetSchema schema;
  schema.name = "t";
  schema.columns = {column("org", ColumnType::kText), column("day", ColumnType::kDate),
                    column("week", ColumnType::kWeek), column("ok", ColumnType::kBool)};
  RawTable table = table_of({"org", "day", "week", "ok"}, {{"B1", "2023-03-01", "2023-W10", "是"},
                                                           {"B1", "2023/3/1", "2023-W10", "x"},
                                                           {"B2", "2023-02-30", "2023-W53", "x"},
                                                           {"B1", "2023-02-30", " 2023-W10 ", "否"}});
  Diagnostics diagnostics;
  TypedTable typed = type_rows(table, schema, identity(4), Severity::kError, diagnostics);
  CHECK(render_all(diagnostics) ==
        "t.csv:3: error: column 'ok': 'x' is not a yes/no value\n"
        "t.csv:4: error: column 'day': '2023-02-30' is not a date\n"
        "t.csv:4: error: column 'week': '2023-W53' is not an ISO week (like 2023-W10)\n"
        "t.csv:4: error: column 'ok': 'x' is not a yes/no value\n"
        "t.csv:5: error: column 'day': '2023-02-30' is not a date\n");
  const Column& org = typed.rows.column(0);
  CHECK(org.code(0) == org.code(1));
  CHECK(org.code(3) == org.code(0));
  CHECK(dictionary_of(org) == std::vector<std::string>{"B1", "B2"});
  const Column& day = typed.rows.column(1);
  CHECK(day.code(0) == day.code(1));  // two spellings of one date
  CHECK(day.is_null(2));
  CHECK(typed.rows.column(2).code(3) == typed.rows.column(2).code(0));
  CHECK(typed.rows.column(3).code(0) == 1);
  CHECK(typed.rows.column(3).code(3) == 0);
  CHECK(typed.rejected() == 3);
  CHECK(typed.valid(0));
  CHECK_FALSE(typed.valid(1));
}

TEST_CASE("a key of two columns is unique within the file, named by its values and first line") {
  RecordSetSchema schema;
  schema.name = "t";
  schema.key = {"org", "week"};
  schema.columns = {column("org", ColumnType::kText, true), column("week", ColumnType::kWeek, true),
                    column("learners", ColumnType::kInteger)};
  RawTable table = table_of({"org", "week", "learners"}, {{"B1", "2023-W10", "1"},
                                                          {"B1", "2023-W11", "2"},
                                                          {"B2", "2023-W10", "3"},
                                                          {"B1", "2023-W10", "4"},
                                                          {"", "2023-W10", "5"}});
  Diagnostics diagnostics;
  TypedTable typed = type_rows(table, schema, identity(3), Severity::kError, diagnostics);
  CHECK(render_all(diagnostics) ==
        "t.csv:5: error: column 'org': duplicate key (B1, 2023-W10), first at line 2\n"
        "t.csv:6: error: column 'org': missing value\n");
  CHECK(typed.rejected() == 2);
}

TEST_CASE("valid_rows keeps the valid rows with the dictionary they alone would build") {
  RecordSetSchema schema;
  schema.name = "t";
  schema.columns = {column("name", ColumnType::kText), column("count", ColumnType::kInteger)};
  schema.columns[1].minimum = 0;
  RawTable table = table_of({"name", "count"}, {{"x", "-1"}, {"y", ""}, {"z", "2"}, {"x", "3"}});
  Diagnostics diagnostics;
  TypedTable typed = type_rows(table, schema, identity(2), Severity::kWarning, diagnostics);
  CHECK(typed.rejected() == 1);
  std::vector<std::vector<std::string>> raw;
  RecordSet kept = valid_rows(typed, raw);
  REQUIRE(kept.rows() == 3);
  CHECK(dictionary_of(kept.column(0)) == std::vector<std::string>{"y", "z", "x"});
  CHECK(kept.column(0).text(2) == "x");
  CHECK(kept.column(1).is_null(0));
  CHECK(kept.column(1).integer(2) == 3);

  // Without the null row, no null mask is left behind.
  RawTable clean = table_of({"name", "count"}, {{"a", ""}, {"b", "1"}});
  clean.rows.push_back({"c", "-5"});
  clean.row_lines.push_back(4);
  TypedTable only_first_null = type_rows(clean, schema, identity(2), Severity::kWarning, diagnostics);
  only_first_null.invalid[0] = 1;
  only_first_null.reasons[0].push_back("test");
  RecordSet rest = valid_rows(only_first_null, raw);
  CHECK_FALSE(rest.column(1).has_nulls());

  // Nothing rejected: take_valid_rows hands the typed rows over as they are.
  RawTable all_valid = table_of({"name", "count"}, {{"a", "1"}, {"a", "2"}});
  RecordSet taken =
      take_valid_rows(type_rows(all_valid, schema, identity(2), Severity::kError, diagnostics), raw);
  CHECK(taken.rows() == 2);
  CHECK(dictionary_of(taken.column(0)) == std::vector<std::string>{"a"});
}

}  // namespace
}  // namespace cadence

#include "adapters/csv/csv_reader.h"

#include <doctest/doctest.h>

#include <string>

#include "adapters/csv/file_bytes.h"

namespace cadence {
namespace {

const HeaderHints kMemberHints = {"id", "name", "org_id", "团员编号", "姓名", "所在团支部", "出生日期", "入团年月", "团籍状态"};

std::string fixture(const std::string& name) {
  Result<std::string> bytes = read_file_bytes(std::string(CADENCE_SOURCE_DIR) + "/tests/adapters/csv/fixtures/" + name);
  REQUIRE(bytes.is_ok());
  return bytes.value();
}

using Rows = std::vector<std::vector<std::string>>;

TEST_CASE("GBK member export: title row, empty line and footer are skipped — text is converted") {
  Diagnostics diagnostics;
  auto table = read_csv(fixture("members_gbk.csv"), "members.csv", kMemberHints, diagnostics);
  REQUIRE(table);
  CHECK(diagnostics.empty());
  CHECK(table->encoding == "GB18030");
  CHECK(table->file == "members.csv");
  CHECK(table->header == std::vector<std::string>{"团员编号", "姓名", "所在团支部", "出生日期", "入团年月", "团籍状态"});
  CHECK(table->header_line == 3);
  CHECK(table->skipped_title_rows == 1);
  // The footer is a candidate: the importer drops it if it is not a valid row.
  CHECK(table->footer_candidates == 1);
  REQUIRE(table->rows.size() == 4);
  CHECK(table->rows[0] == std::vector<std::string>{"2017640400001", "马小兰", "原州区第一中学高三（1）班团支部", "2005/3/1",
                                                   "2019-05", "0"});
  CHECK(table->rows[1][1] == "李 明");
  CHECK(table->rows[1][5] == "满28周岁离团");
  CHECK(table->rows[2][1] == "王,芳");
  CHECK(table->row_lines.size() == 4);
  CHECK(std::vector<int>(table->row_lines.begin(), table->row_lines.begin() + 3) == std::vector<int>{4, 5, 6});
}

TEST_CASE("UTF-8 with a byte-order mark: the mark is stripped from the first header cell") {
  Diagnostics diagnostics;
  auto table = read_csv(fixture("orgs_bom.csv"), "orgs.csv", {"id", "name", "parent_id"}, diagnostics);
  REQUIRE(table);
  CHECK(table->encoding == "UTF-8 (BOM)");
  CHECK(table->header == std::vector<std::string>{"id", "name", "parent_id"});
  CHECK(table->rows == Rows{{"640400", "共青团固原市委员会", ""}, {"640402", "共青团原州区委员会", "640400"}});
}

TEST_CASE("RFC 4180: embedded line breaks, doubled quotes, commas — rows record their first line") {
  Diagnostics diagnostics;
  auto table = read_csv(fixture("rfc4180.csv"), "t.csv", {"id", "note", "count"}, diagnostics);
  REQUIRE(table);
  CHECK(diagnostics.empty());
  CHECK(table->encoding == "UTF-8");
  CHECK(table->rows == Rows{{"A1", "line one\r\nline two", "1"},
                            {"A2", "say \"hi\", then go", "2"},
                            {"A3", "5\" screen", ""},
                            {"A4", "multi\nline\nnote", "4"}});
  CHECK(table->row_lines == std::vector<int>{2, 4, 6, 7});
}

TEST_CASE("a quote never closed names the line and column where the field started") {
  Diagnostics diagnostics;
  auto table = read_csv("id,name\n1,ok\n2,\"never closed\n3,x\n", "o.csv", {"id", "name"}, diagnostics);
  CHECK_FALSE(table);
  REQUIRE(diagnostics.size() == 1);
  const Diagnostic& problem = diagnostics.items()[0];
  CHECK(problem.span.file == "o.csv");
  CHECK(problem.span.line == 3);
  CHECK(problem.span.column == 3);
  CHECK(problem.message == "quoted field 2 is never closed (its opening quote is here)");
}

TEST_CASE("line ends: CRLF, LF and a lone CR all count as one line") {
  Diagnostics diagnostics;
  auto table = read_csv("a,b\r\n1,2\n3,4\r5,6", "e.csv", {"a", "b"}, diagnostics);
  REQUIRE(table);
  CHECK(table->rows == Rows{{"1", "2"}, {"3", "4"}, {"5", "6"}});
  CHECK(table->row_lines == std::vector<int>{2, 3, 4});
}

TEST_CASE("empty lines and rows of empty cells are skipped anywhere — a trailing comma is an empty cell") {
  Diagnostics diagnostics;
  auto table = read_csv("\n\na,b\n\n, \n1,\n", "e.csv", {"a", "b"}, diagnostics);
  REQUIRE(table);
  CHECK(table->header_line == 3);
  CHECK(table->skipped_title_rows == 0);
  CHECK(table->rows == Rows{{"1", ""}});
  CHECK(table->row_lines == std::vector<int>{6});
}

TEST_CASE("mixed UTF-8 and GBK lines are refused, naming the first bad byte") {
  Diagnostics diagnostics;
  auto table = read_csv(fixture("mixed_encoding.csv"), "m.csv", {"id", "name"}, diagnostics);
  CHECK_FALSE(table);
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics.items()[0].message.starts_with("not valid UTF-8: byte 0x"));
  CHECK(diagnostics.items()[0].span.line == 3);
  CHECK(diagnostics.items()[0].span.column > 0);
}

TEST_CASE("bytes that are neither UTF-8 nor GB18030 are refused with the line and column of the bad byte") {
  Diagnostics diagnostics;
  // 0xFF is never valid in either encoding.
  auto table = read_csv(std::string("id,name\n1,a\n2,\xFF\n"), "bad.csv", {"id", "name"}, diagnostics);
  CHECK_FALSE(table);
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics.items()[0].message.starts_with("not valid UTF-8: byte 0xFF here is not part of a UTF-8 character"));
  CHECK(diagnostics.items()[0].span.line == 3);
  CHECK(diagnostics.items()[0].span.column == 3);
}

TEST_CASE("an encoding named by the user is used as it is") {
  Diagnostics diagnostics;
  auto table = read_csv(std::string("id,name\n1,Ren\xE9\n"), "l.csv", {"id", "name"}, diagnostics, CsvLimits{},
                        EncodingChoice::kLatin1);
  REQUIRE(table);
  CHECK(table->encoding == "ISO-8859-1");
  CHECK(table->rows == Rows{{"1", "René"}});
}

// Issue 29: `"张三,1999-01-01,…` (a stray quote) swallowed the rows after it
// into one name, and the import said "2 rows, 2 added".
TEST_CASE("a quoted field over line breaks whose lines read as rows is refused where the quote opened") {
  const std::string file =
      "id,name,birth_date,org_id\n"
      "M1,\"张三,1999-01-01,B1\n"
      "M2,李四,1999-02-02,B1\n"
      "M3,\"王五\",2000-01-01,B1\n"
      "M4,赵六,2000-03-03,B1\n";
  Diagnostics diagnostics;
  CHECK_FALSE(read_csv(file, "members.csv", {"id", "name"}, diagnostics));
  REQUIRE(diagnostics.size() == 1);
  const Diagnostic& problem = diagnostics.items()[0];
  CHECK(problem.span.line == 2);
  CHECK(problem.span.column == 4);
  CHECK(problem.message.starts_with("quoted field 2 opened here runs over 2 line breaks to line 4, swallowing line 3, "
                                    "which has the 4 fields of a row of its own: a stray quote?"));

  // Closed at once by the next line's quoted name: that line, with its
  // quotes paired, is a row of its own too.
  Diagnostics next_line;
  CHECK_FALSE(read_csv("id,name,birth_date,org_id\nM1,\"张三,1999-01-01,B1\nM2,\"李四\",1999-02-02,B1\n"
                       "M3,王五,2000-01-01,B1\n",
                       "members.csv", {"id", "name"}, next_line));
  REQUIRE(next_line.size() == 1);
  CHECK(next_line.items()[0].message.starts_with(
      "quoted field 2 opened here runs over 1 line break to line 3, swallowing line 3, which has the 4 fields"));
}

TEST_CASE("a quoted field over a line break that leaves its row wider or narrower than the others is refused") {
  // The stray quote closes at the next quote: the row ends up with 2 fields.
  const std::string file = "id,name,org_id\nM1,\"张三,B1\nM2,李四,\"B1\"\nM3,王五,B1\n";
  Diagnostics diagnostics;
  CHECK_FALSE(read_csv(file, "members.csv", {"id", "name"}, diagnostics));
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics.items()[0].span.line == 2);
  CHECK(diagnostics.items()[0].span.column == 4);
  CHECK(diagnostics.items()[0].message.starts_with(
      "quoted field 2 opened here runs over 1 line break to line 3, and its row then has 2 fields where the file's "
      "rows have 3: a stray quote?"));
}

TEST_CASE("genuine multi-line fields (addresses, notes) keep their rows") {
  const std::string file =
      "id,note,count\n"
      "A1,\"第一行\n第二行\",1\n"
      "A2,\"one, two\nthree\",2\n"
      "A3,plain,3\n"
      "\"第一列\n跨行\",4,5\n";
  Diagnostics diagnostics;
  auto table = read_csv(file, "n.csv", {"id", "note", "count"}, diagnostics);
  REQUIRE(table);
  CHECK(diagnostics.empty());
  CHECK(table->rows == Rows{{"A1", "第一行\n第二行", "1"}, {"A2", "one, two\nthree", "2"}, {"A3", "plain", "3"}, {"第一列\n跨行", "4", "5"}});
}

// Issue 29: "O0000037,2023-W30,1,005" under a three-column header stored
// learners = 1 and dropped 005.
TEST_CASE("a row wider than its header records its first non-empty extra cell with line and column") {
  const std::string file = "org_id,week,learners,,\nO1,2023-W30,1,,\nO2,2023-W30,1,005,\nO3,2023-W30,1, ,x\n";
  Diagnostics diagnostics;
  auto table = read_csv(file, "study.csv", {"org_id", "week", "learners"}, diagnostics);
  REQUIRE(table);
  CHECK(table->header.size() == 3);
  REQUIRE(table->extra_cells.size() == 2);
  CHECK(table->extra_cells[0].row == 1);
  CHECK(table->extra_cells[0].cell == 3);
  CHECK(table->extra_cells[0].line == 3);
  CHECK(table->extra_cells[0].column == 15);
  CHECK(table->extra_cells[0].text == "005");
  CHECK(table->extra_cells[1].row == 2);
  CHECK(table->extra_cells[1].cell == 4);
  CHECK(table->extra_cells[1].line == 4);
  CHECK(table->extra_cells[1].column == 17);
}

TEST_CASE("an extra cell after a quoted field over a line break is placed on its own line") {
  Diagnostics diagnostics;
  auto table = read_csv("a,b\n\"x\ny\",1,z\nq,1,w\n", "t.csv", {"a", "b"}, diagnostics);
  REQUIRE(table);
  REQUIRE(table->extra_cells.size() == 2);
  CHECK(table->extra_cells[0].line == 3);
  CHECK(table->extra_cells[0].column == 6);
  CHECK(table->extra_cells[1].line == 4);
  CHECK(table->extra_cells[1].column == 5);
}

TEST_CASE("a NUL byte means a binary file") {
  Diagnostics diagnostics;
  auto table = read_csv(std::string("id\n1\n\0\x01\x02", 8), "bin.csv", {"id"}, diagnostics);
  CHECK_FALSE(table);
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics.items()[0].message == "contains a NUL byte: this is a binary file, not CSV text");
  CHECK(diagnostics.items()[0].span.line == 3);
}

TEST_CASE("limits: too many cells in a row, a field too long, an empty file") {
  CsvLimits limits;
  limits.max_cells_per_row = 3;
  limits.max_field_bytes = 8;
  Diagnostics diagnostics;
  CHECK_FALSE(read_csv("a,b\n1,2,3,4\n", "w.csv", {"a", "b"}, diagnostics, limits));
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics.items()[0].message == "a row has more than 3 cells; stopped reading");
  CHECK(diagnostics.items()[0].span.line == 2);

  Diagnostics unquoted;
  CHECK_FALSE(read_csv("a,b\n1,123456789\n", "w.csv", {"a", "b"}, unquoted, limits));
  REQUIRE(unquoted.size() == 1);
  CHECK(unquoted.items()[0].message == "field 2 is longer than 8 bytes; stopped reading");

  Diagnostics quoted;
  CHECK_FALSE(read_csv("a,b\n\"12345\"\"6789\",1\n", "w.csv", {"a", "b"}, quoted, limits));
  REQUIRE(quoted.size() == 1);
  CHECK(quoted.items()[0].message == "field 1 is longer than 8 bytes; stopped reading");

  Diagnostics empty;
  CHECK_FALSE(read_csv("\n \n", "empty.csv", {"a"}, empty));
  REQUIRE(empty.size() == 1);
  CHECK(empty.items()[0].message == "the file has no rows (no header)");
}

TEST_CASE("a 4 MiB line without a delimiter stops at the default 1 MiB field limit") {
  std::string line(4u << 20, 'x');
  Diagnostics diagnostics;
  CHECK_FALSE(read_csv(line, "long.csv", {"a"}, diagnostics));
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics.items()[0].message == "field 1 is longer than 1048576 bytes; stopped reading");
}

}  // namespace
}  // namespace cadence

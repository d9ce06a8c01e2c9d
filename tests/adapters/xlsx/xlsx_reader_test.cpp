#include "adapters/xlsx/xlsx_reader.h"

#include <doctest/doctest.h>

#include <string>

#include "adapters/csv/file_bytes.h"

namespace cadence {
namespace {

const HeaderHints kHints = {"id", "团员编号", "姓名", "所在团支部", "出生日期", "入团年月", "团费", "是否团干部"};

std::string fixture(const std::string& name) {
  Result<std::string> bytes = read_file_bytes(std::string(CADENCE_SOURCE_DIR) + "/tests/adapters/xlsx/fixtures/" + name);
  REQUIRE(bytes.is_ok());
  return bytes.value();
}

using Rows = std::vector<std::vector<std::string>>;

TEST_CASE("a sheet chosen by name: shared, inline and rich strings, numbers, booleans, dates, gaps") {
  Diagnostics diagnostics;
  std::string bytes = fixture("members.xlsx");
  auto table = read_xlsx(bytes, "members.xlsx", "团员", kHints, diagnostics);
  REQUIRE(table);
  CHECK(diagnostics.empty());
  CHECK(table->encoding == "XLSX");
  CHECK(table->header == std::vector<std::string>{"团员编号", "姓名", "所在团支部", "出生日期", "入团年月", "团费", "是否团干部"});
  CHECK(table->header_line == 3);
  CHECK(table->skipped_title_rows == 1);
  // The footer is a candidate: the importer drops it if it is not a valid row.
  CHECK(table->footer_candidates == 1);
  REQUIRE(table->rows.size() == 5);
  CHECK(table->rows == Rows{{"M001", "马小兰", "一中团支部", "2005-03-01", "2019-05", "12", "true"},
                            {"M002", "李明", "一中团支部", "2004-11-20", "2018-04", "3.5", "false"},
                            {"M003", "", "", "1900-03-01"},
                            {"M004", "内联 文本", "一中团支部", "", "", "0.1"},
                            {"制表人：张三"}});
  CHECK(table->row_lines == std::vector<int>{4, 5, 6, 7, 9});
}

TEST_CASE("an empty sheet name reads the first sheet") {
  Diagnostics diagnostics;
  auto table = read_xlsx(fixture("members.xlsx"), "members.xlsx", "", kHints, diagnostics);
  REQUIRE(table);
  CHECK(table->header == std::vector<std::string>{"本表由智慧团建导出"});
  CHECK(table->rows.empty());
}

TEST_CASE("an unknown sheet name lists the sheets there are") {
  Diagnostics diagnostics;
  CHECK_FALSE(read_xlsx(fixture("members.xlsx"), "members.xlsx", "团支部", kHints, diagnostics));
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics.items()[0].message == "no sheet named '团支部' (the workbook has: 说明, 团员)");
}

TEST_CASE("cell errors and serial 60 are diagnostics at the cell — the table is still returned") {
  Diagnostics diagnostics;
  auto table = read_xlsx(fixture("cell_errors.xlsx"), "e.xlsx", "", {"id", "rate", "day"}, diagnostics);
  REQUIRE(table);
  CHECK(table->rows == Rows{{"A", "#DIV/0!", "1900-03-01"}, {"B", "0.5", "60"}});
  REQUIRE(diagnostics.size() == 2);
  CHECK(diagnostics.items()[0].message == "cell B2 holds the Excel error #DIV/0!");
  CHECK(diagnostics.items()[0].span.line == 2);
  CHECK(diagnostics.items()[0].span.column == 2);
  CHECK(diagnostics.items()[1].message == "cell C3 holds the date serial 60, Excel's non-existent 1900-02-29");
}

TEST_CASE("the 1904 date system flag of the workbook is honoured") {
  Diagnostics diagnostics;
  auto table = read_xlsx(fixture("date1904.xlsx"), "d.xlsx", "", {"id", "held_on"}, diagnostics);
  REQUIRE(table);
  CHECK(table->rows == Rows{{"A", "2023-03-01"}});
}

TEST_CASE("XML with a DOCTYPE (entity expansion) is refused") {
  Diagnostics diagnostics;
  CHECK_FALSE(read_xlsx(fixture("entities.xlsx"), "x.xlsx", "", kHints, diagnostics));
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics.items()[0].message ==
        "xl/worksheets/sheet1.xml: XML with a DOCTYPE or entity declarations is refused (entity expansion?)");
}

TEST_CASE("zip bombs: an entry inflating too far, or too many times its compressed size") {
  Diagnostics ratio;
  CHECK_FALSE(read_xlsx(fixture("ratio_bomb.xlsx"), "b.xlsx", "", kHints, ratio));
  REQUIRE(ratio.size() == 1);
  CHECK(ratio.items()[0].message ==
        "zip entry 'xl/worksheets/sheet1.xml' inflates more than 200 times its compressed size (a zip bomb?); refused");

  XlsxLimits limits;
  limits.zip.max_entry_bytes = 1000;
  Diagnostics size;
  CHECK_FALSE(read_xlsx(fixture("members.xlsx"), "m.xlsx", "团员", kHints, size, limits));
  REQUIRE(size.size() == 1);
  CHECK(size.items()[0].message.ends_with("inflates beyond 1000 bytes (a zip bomb?); refused"));
}

TEST_CASE("truncated and non-zip files are refused without a crash") {
  Diagnostics truncated;
  CHECK_FALSE(read_xlsx(fixture("truncated.xlsx"), "t.xlsx", "", kHints, truncated));
  REQUIRE(truncated.size() == 1);
  CHECK(truncated.items()[0].message.starts_with("not an XLSX (zip) file ("));

  Diagnostics csv;
  CHECK_FALSE(read_xlsx("id,name\n1,a\n", "m.xlsx", "", kHints, csv));
  REQUIRE(csv.size() == 1);
  CHECK(csv.items()[0].message.starts_with("not an XLSX (zip) file ("));
  CHECK(csv.items()[0].span.file == "m.xlsx");
}

TEST_CASE("a cell beyond the column limit stops the read") {
  XlsxLimits limits;
  limits.max_columns = 3;
  Diagnostics diagnostics;
  CHECK_FALSE(read_xlsx(fixture("members.xlsx"), "m.xlsx", "团员", kHints, diagnostics, limits));
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics.items()[0].message == "cell D3 is beyond column C (3, the most a sheet may use); stopped reading");
  CHECK(diagnostics.items()[0].span.line == 3);
  CHECK(diagnostics.items()[0].span.column == 4);
}

// Issue 29: a 27 KB sheet whose cells sat at column 9,999 took 2.1 GB, each
// row laid out 9,999 cells wide. far_cells.xlsx (written with
// tests/reliability/xlsx_fixture.py): a title row, a header id,name,count on
// row 2, rows 3-22 with a cell at column 9,999 (NTO), and row 23 with its
// cells out of order.
TEST_CASE("far cells: rows are laid out to the header's width, the far cell is an extra cell") {
  Diagnostics diagnostics;
  auto table = read_xlsx(fixture("far_cells.xlsx"), "f.xlsx", "", {"id", "name", "count"}, diagnostics);
  REQUIRE(table);
  CHECK(diagnostics.empty());
  CHECK(table->header == std::vector<std::string>{"id", "name", "count"});
  REQUIRE(table->rows.size() == 21);
  // Nothing laid out past the header's 3 columns, nor past a row's last cell.
  for (std::size_t row = 0; row < table->rows.size(); ++row) CHECK(table->rows[row].size() <= 3);
  CHECK(table->rows[0] == std::vector<std::string>{"M3", "n"});
  CHECK(table->rows[20] == std::vector<std::string>{"M23", "", "7"});
  REQUIRE(table->extra_cells.size() == 20);
  const ExtraCell& first = table->extra_cells.front();
  CHECK(first.row == 0);
  CHECK(first.cell == 9998);
  CHECK(first.line == 3);
  CHECK(first.column == 9999);
  CHECK(first.text == "3");
}

// Issue 29: memory in proportion to the cells present. The limits are
// small here so that the fixture reaches them.
TEST_CASE("the cell limit and the layout limit stop a sheet with a clear error") {
  XlsxLimits few_cells;
  few_cells.max_cells = 5;
  Diagnostics cells;
  CHECK_FALSE(read_xlsx(fixture("members.xlsx"), "m.xlsx", "团员", kHints, cells, few_cells));
  REQUIRE(cells.size() == 1);
  CHECK(cells.items()[0].message == "the sheet has more than 5 cells; stopped reading");

  // Row M003 fills 2 of the 4 cells it is laid out in: more cells laid out
  // than filled, beyond a budget of 1 × the filled cells.
  XlsxLimits tight;
  tight.min_layout_cells = 1;
  tight.max_layout_ratio = 1;
  Diagnostics layout;
  CHECK_FALSE(read_xlsx(fixture("members.xlsx"), "m.xlsx", "团员", kHints, layout, tight));
  REQUIRE(layout.size() == 1);
  CHECK(layout.items()[0].message.starts_with("the sheet is too sparse: its "));

  XlsxLimits enough;
  enough.min_layout_cells = 1;
  enough.max_layout_ratio = 2;
  Diagnostics fine;
  CHECK(read_xlsx(fixture("members.xlsx"), "m.xlsx", "团员", kHints, fine, enough));
  CHECK(fine.empty());
}

}  // namespace
}  // namespace cadence

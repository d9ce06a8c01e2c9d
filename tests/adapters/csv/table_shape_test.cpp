#include "adapters/csv/table_shape.h"

#include <doctest/doctest.h>

namespace cadence {
namespace {

using Rows = std::vector<std::vector<std::string>>;

RawTable shape(Rows rows, const HeaderHints& hints) {
  std::vector<int> lines;
  for (std::size_t i = 0; i < rows.size(); ++i) lines.push_back(static_cast<int>(i) + 1);
  RawTable table;
  shape_table(std::move(rows), std::move(lines), hints, table);
  return table;
}

TEST_CASE("the header is the first row with two hint matches — rows above are titles") {
  RawTable table = shape({{"2023年名单"}, {"制表单位：原州区", "x"}, {" id ", "name", "extra", ""}, {"1", "a", "b"}},
                         {"id", "name"});
  CHECK(table.header == std::vector<std::string>{"id", "name", "extra"});
  CHECK(table.header_line == 3);
  CHECK(table.skipped_title_rows == 2);
  CHECK(table.rows == Rows{{"1", "a", "b"}});
}

TEST_CASE("hints match ASCII-case-insensitively and after trimming full-width spaces") {
  RawTable table = shape({{"title"}, {"ID", "\xE3\x80\x80name"}, {"1", "a"}}, {"id", "name"});
  CHECK(table.header_line == 2);
  CHECK(table.header == std::vector<std::string>{"ID", "name"});
}

TEST_CASE("a one-column file needs one match — without any match row 1 is the header") {
  CHECK(shape({{"title"}, {"id"}, {"7"}}, {"id"}).header_line == 2);
  RawTable unknown = shape({{"x", "y"}, {"1", "2"}}, {"id", "name"});
  CHECK(unknown.header_line == 1);
  CHECK(unknown.skipped_title_rows == 0);
  CHECK(unknown.rows == Rows{{"1", "2"}});
}

TEST_CASE("footer candidates: known prefixes, or at most one filled cell under a wide header") {
  RawTable table = shape({{"a", "b", "c"}, {"1", "2", "3"}, {"4", "", ""}, {"  合计", "12", "3"}}, {"a", "b", "c"});
  CHECK(table.footer_candidates == 2);
  CHECK(table.rows.size() == 3);
  // A two-column table: a last row with one filled cell is no candidate.
  RawTable narrow = shape({{"a", "b"}, {"1", "2"}, {"3", ""}}, {"a", "b"});
  CHECK(narrow.footer_candidates == 0);
  CHECK(shape({{"a", "b"}, {"1", "2"}, {"制表人：张三", ""}}, {"a", "b"}).footer_candidates == 1);
}

// Issue 29: "2023-W31,,," as the last row of episodes was skipped as a footer.
TEST_CASE("drop_footer_rows hides only the candidates that are not valid rows, from the last up") {
  RawTable table = shape({{"a", "b", "c"}, {"1", "2", "3"}, {"备注：x", "", ""}, {"4", "", ""}, {"合计", "9", ""}},
                         {"a", "b", "c"});
  REQUIRE(table.footer_candidates == 3);
  table.extra_cells.push_back({3, 3, 5, 9, "x"});
  // "4" is valid, the rest are not: the walk stops at "4".
  std::vector<SkippedFooter> skipped = drop_footer_rows(table, [&](std::size_t row) -> std::optional<std::string> {
    if (table.rows[row][0] == "4") return std::nullopt;
    return "not data";
  });
  REQUIRE(skipped.size() == 1);
  CHECK(skipped[0].line == 5);
  CHECK(skipped[0].text == "合计, 9");
  CHECK(skipped[0].problem == "not data");
  CHECK(table.skipped_footer_rows == 1);
  CHECK(table.rows == Rows{{"1", "2", "3"}, {"备注：x", "", ""}, {"4", "", ""}});
  CHECK(table.row_lines == std::vector<int>{2, 3, 4});
  CHECK(table.extra_cells.empty());
}

TEST_CASE("is_blank_row ignores spaces") {
  CHECK(is_blank_row({" ", "", "\xE3\x80\x80"}));
  CHECK_FALSE(is_blank_row({"", "x"}));
}

}  // namespace
}  // namespace cadence

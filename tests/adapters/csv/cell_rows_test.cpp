#include "adapters/csv/cell_rows.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace cadence {
namespace {

using Rows = std::vector<std::vector<std::string>>;

TEST_CASE("CellRows reads back whole rows as they were pushed, empty cells and rows included") {
  CellRows rows;
  rows.push_back({"M1", "", "甲"});
  rows.push_back({});
  rows.push_back({"x"});
  CHECK(rows.size() == 3);
  CHECK(rows[0].size() == 3);
  CHECK(rows[0][1].empty());
  CHECK(rows[0][2] == "甲");
  CHECK(rows[1].empty());
  CHECK(rows == Rows{{"M1", "", "甲"}, {}, {"x"}});
  CHECK_FALSE(rows == Rows{{"M1", "", "甲"}, {}, {"y"}});
  CHECK(rows[2].to_strings() == std::vector<std::string>{"x"});
}

TEST_CASE("CellRows builds cells from pieces, and a cancelled row leaves no trace") {
  CellRows rows;
  rows.append("a");
  rows.append('"');
  rows.append("b");
  CHECK(rows.open_cell_size() == 3);
  rows.end_cell();
  rows.end_cell();  // an empty cell
  CHECK(rows.open_row_cells() == 2);
  CHECK(rows.open_row_cell(0) == "a\"b");
  rows.end_row();
  rows.append("dropped");
  rows.end_cell();
  rows.cancel_row();
  rows.append("kept");
  rows.end_cell();
  rows.end_row();
  CHECK(rows == Rows{{"a\"b", ""}, {"kept"}});
}

TEST_CASE("CellRows hides title and footer rows without moving the others") {
  CellRows rows;
  for (const char* cell : {"title", "header", "1", "2", "footer"}) rows.push_back({cell});
  rows.drop_front(2);
  rows.drop_back(1);
  CHECK(rows == Rows{{"1"}, {"2"}});
  rows.drop_back(2);
  CHECK(rows.empty());
  rows.clear();
  rows.push_back({"again"});
  CHECK(rows == Rows{{"again"}});
}

}  // namespace
}  // namespace cadence

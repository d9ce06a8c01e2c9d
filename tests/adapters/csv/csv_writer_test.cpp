#include "adapters/csv/csv_writer.h"

#include <doctest/doctest.h>

#include "adapters/csv/csv_reader.h"

namespace cadence {
namespace {

TEST_CASE("csv_escape quotes only when needed") {
  CHECK(csv_escape("plain") == "plain");
  CHECK(csv_escape("固原市") == "固原市");
  CHECK(csv_escape("") == "");
  CHECK(csv_escape("a,b") == "\"a,b\"");
  CHECK(csv_escape("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(csv_escape("two\nlines") == "\"two\nlines\"");
  CHECK(csv_escape(" padded") == "\" padded\"");
}

TEST_CASE("write_csv_row output reads back as the same cells") {
  std::string out;
  write_csv_row(out, {"id", "note"});
  write_csv_row(out, {"A,1", "line\r\nbreak \"q\""});
  CHECK(out == "id,note\n\"A,1\",\"line\r\nbreak \"\"q\"\"\"\n");
  Diagnostics diagnostics;
  auto table = read_csv(out, "round.csv", {"id", "note"}, diagnostics);
  REQUIRE(table);
  CHECK(table->rows == std::vector<std::vector<std::string>>{{"A,1", "line\r\nbreak \"q\""}});
}

}  // namespace
}  // namespace cadence

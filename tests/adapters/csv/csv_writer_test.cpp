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

TEST_CASE("a formula-like text cell gets a leading apostrophe when the guard asks for it") {
  // OWASP CSV injection: = + - @ TAB CR start a formula, also after blanks.
  CHECK(csv_escape("=HYPERLINK(\"http://x\",\"点击\")", CellGuard::kSpreadsheet) ==
        "\"'=HYPERLINK(\"\"http://x\"\",\"\"点击\"\")\"");
  CHECK(csv_escape("=cmd|' /C calc'!A0", CellGuard::kSpreadsheet) == "'=cmd|' /C calc'!A0");
  CHECK(csv_escape("+1+1", CellGuard::kSpreadsheet) == "'+1+1");
  CHECK(csv_escape("-2+3", CellGuard::kSpreadsheet) == "'-2+3");
  CHECK(csv_escape("@SUM(A1)", CellGuard::kSpreadsheet) == "'@SUM(A1)");
  CHECK(csv_escape("\t=1", CellGuard::kSpreadsheet) == "'\t=1");
  CHECK(csv_escape("\r=1", CellGuard::kSpreadsheet) == "\"'\r=1\"");
  CHECK(csv_escape(" =1", CellGuard::kSpreadsheet) == "\"' =1\"");
  // Without the guard: plain RFC 4180, the text as it is.
  CHECK(csv_escape("=cmd|' /C calc'!A0") == "=cmd|' /C calc'!A0");
  CHECK(csv_escape("@x", CellGuard::kNone) == "@x");
}

TEST_CASE("numbers and ordinary texts are not neutralised") {
  for (const char* number : {"-0.5", "+3", "12", "12.000000", "-20.0", "+30.0", "0"}) {
    CHECK(csv_escape(number, CellGuard::kSpreadsheet) == number);
    CHECK_FALSE(is_formula_like(number));
  }
  for (const char* text : {"原州区团委", "a=b", "x-1", "", "   ", "'=already"}) CHECK_FALSE(is_formula_like(text));
  CHECK(is_formula_like("-"));
  CHECK(is_formula_like("-1e5"));
  CHECK_FALSE(is_formula_like("1-"));  // only the first character counts
}

TEST_CASE("a neutralised row reads back as the apostrophe and the text") {
  std::string out;
  write_csv_row(out, {"=1+1", "-5", "@a,b"}, CellGuard::kSpreadsheet);
  Diagnostics diagnostics;
  auto table = read_csv("x,y,z\n" + out, "n.csv", {"x", "y", "z"}, diagnostics);
  REQUIRE(table);
  CHECK(table->rows == std::vector<std::vector<std::string>>{{"'=1+1", "-5", "'@a,b"}});
  CHECK(neutralise_formula("=1") == "'=1");
  CHECK(neutralise_formula("1") == "1");
}

}  // namespace
}  // namespace cadence

#include "adapters/import/table_source.h"

#include <doctest/doctest.h>

namespace cadence {
namespace {

constexpr std::string_view kZip{"PK\x03\x04rest", 8};
constexpr std::string_view kCompoundFile{"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest", 12};

TEST_CASE("a workbook is known by its content whatever its name, else by its name") {
  CHECK(table_format("export.xls", kZip) == TableFormat::kXlsx);  // an XLSX named .xls, as exports often are
  CHECK(table_format("export.xlsx", kCompoundFile) == TableFormat::kXls);
  CHECK(table_format("members.csv", kCompoundFile) == TableFormat::kXls);
  CHECK(table_format("members.XLS", "id,name\n") == TableFormat::kXls);  // then refused as no workbook
  CHECK(table_format("members.xlsx", "id,name\n") == TableFormat::kXlsx);
  CHECK(table_format("members.csv", "id,name\n") == TableFormat::kCsv);
  CHECK(table_format("members.txt", "") == TableFormat::kCsv);
}

TEST_CASE("a binary file that is no workbook is refused naming the formats accepted") {
  Diagnostics diagnostics;
  const std::string bytes("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
  CHECK_FALSE(read_table_source(TableSource{"photo.png", "", "photo.png"}, bytes, {}, EncodingChoice::kDetect,
                                diagnostics));
  REQUIRE(diagnostics.size() == 2);
  CHECK(diagnostics.items()[1].message ==
        "this file is neither CSV text nor an XLSX or XLS workbook; cadence imports CSV (UTF-8 or GB18030 "
        "text), "
        "XLSX or XLS files.");
}

}  // namespace
}  // namespace cadence

#include "engine/table/schema.h"

#include <doctest/doctest.h>

#include "tests/engine/table/dataset_builder.h"

namespace cadence {
namespace {

TEST_CASE("column types read and print by name") {
  for (ColumnType type : {ColumnType::kInteger, ColumnType::kNumber, ColumnType::kText, ColumnType::kDate,
                          ColumnType::kWeek, ColumnType::kMonth, ColumnType::kQuarter, ColumnType::kYear,
                          ColumnType::kEnum, ColumnType::kBool}) {
    CHECK(parse_column_type(to_string(type)) == type);
  }
  CHECK(to_string(ColumnType::kQuarter) == "quarter");
  CHECK_FALSE(parse_column_type("Integer").has_value());
  CHECK_FALSE(parse_column_type("string").has_value());
}

TEST_CASE("period column types map to period kinds") {
  CHECK(is_period_type(ColumnType::kWeek));
  CHECK(is_period_type(ColumnType::kYear));
  CHECK_FALSE(is_period_type(ColumnType::kDate));
  CHECK(period_kind_of(ColumnType::kMonth) == PeriodKind::kMonth);
  CHECK(column_type_of(PeriodKind::kQuarter) == ColumnType::kQuarter);
}

TEST_CASE("a record set schema finds its columns by name") {
  RecordSetSchema study = testing::study_schema();
  CHECK(study.column_index("org_id") == 0);
  CHECK(study.column_index("learners") == 2);
  CHECK(study.column_index("learnerz") == -1);
  REQUIRE(study.column("week") != nullptr);
  CHECK(study.column("week")->type == ColumnType::kWeek);
  CHECK(study.column("nope") == nullptr);
}

TEST_CASE("a schema finds its record sets by name") {
  Schema schema;
  schema.record_sets = {testing::study_schema(), testing::notices_schema()};
  REQUIRE(schema.find("notices") != nullptr);
  CHECK(schema.find("notices")->time_column == "period");
  CHECK(schema.find("orgs") == nullptr);
}

}  // namespace
}  // namespace cadence

// A tiny in-memory dataset builder for tests: record sets from rows of
// strings, each cell parsed according to its column's type.
//
//   using namespace cadence::testing;
//   TestData data;
//   data.orgs({{"R", "", "Root", "committee"},
//              {"C1", "R", "County 1", "committee"},
//              {"B1", "C1", "Branch 1", "branch", "school", "Li Lei"}});
//   data.members({{"M1", "B1", "Han Meimei", "", "", "active"}});
//   data.study({{"B1", "2023-W10", "5"}});
//   data.table("scores", make_schema("scores", {{"org_id"}, {"month", ColumnType::kMonth},
//                                               {"score", ColumnType::kNumber}},
//                                    {.org_column = "org_id", .time_column = "month"}),
//              {{"B1", "2023-03", "2.5"}});
//   Dataset dataset = data.build();  // fails the test on any diagnostic
//
// Cells: integer "12", number "2.5", text/enum as is, date "2023-03-01",
// week "2023-W10", month "2023-03", quarter "2023-Q1", year "2023", bool
// "true"/"false"; "" is null. A row may leave out trailing cells (null). A
// cell that does not parse fails the test: it is a bug in the test.
//
// The contract schemas (shared/contract.md) come ready-made; note that orgs
// rows start id, parent_id, name, kind (not the CSV's column order).
#pragma once

#include <doctest/doctest.h>

#include <charconv>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/calendar/date.h"
#include "engine/calendar/period.h"
#include "engine/core/diagnostic.h"
#include "engine/table/dataset.h"

namespace cadence::testing {

using Rows = std::vector<std::vector<std::string>>;

struct ColumnSpec {
  std::string name;
  ColumnType type = ColumnType::kText;
  bool required = false;
};

// Which columns place a row; name only those used: {.org_column = "org_id"}.
struct References {
  std::string org_column = {};
  std::string time_column = {};
  std::string member_column = {};
};

inline RecordSetSchema make_schema(std::string name, const std::vector<ColumnSpec>& columns,
                                   References references = {}) {
  RecordSetSchema schema;
  schema.name = std::move(name);
  for (const ColumnSpec& spec : columns) {
    ColumnSchema column;
    column.name = spec.name;
    column.type = spec.type;
    column.required = spec.required;
    schema.columns.push_back(std::move(column));
  }
  schema.org_column = std::move(references.org_column);
  schema.time_column = std::move(references.time_column);
  schema.member_column = std::move(references.member_column);
  return schema;
}

inline RecordSetSchema orgs_schema() {
  return make_schema("orgs", {{"id", ColumnType::kText, true},
                              {"parent_id"},
                              {"name"},
                              {"kind", ColumnType::kEnum},
                              {"category", ColumnType::kEnum},
                              {"secretary"},
                              {"elected_on", ColumnType::kDate}});
}

inline RecordSetSchema members_schema() {
  return make_schema("members",
                     {{"id", ColumnType::kText, true},
                      {"org_id", ColumnType::kText, true},
                      {"name"},
                      {"birth_date", ColumnType::kDate},
                      {"joined_on", ColumnType::kDate},
                      {"status", ColumnType::kEnum, true},
                      {"graduation_date", ColumnType::kDate}},
                     {.org_column = "org_id"});
}

inline RecordSetSchema study_schema() {
  return make_schema("study",
                     {{"org_id", ColumnType::kText, true},
                      {"week", ColumnType::kWeek, true},
                      {"learners", ColumnType::kInteger, true}},
                     {.org_column = "org_id", .time_column = "week"});
}

inline RecordSetSchema activities_schema() {
  return make_schema("activities",
                     {{"id", ColumnType::kText, true},
                      {"org_id", ColumnType::kText, true},
                      {"type", ColumnType::kEnum, true},
                      {"held_on", ColumnType::kDate, true},
                      {"attendees", ColumnType::kInteger}},
                     {.org_column = "org_id", .time_column = "held_on"});
}

inline RecordSetSchema transfers_schema() {
  return make_schema("transfers",
                     {{"member_id", ColumnType::kText, true},
                      {"from_org"},
                      {"to_org"},
                      {"kind", ColumnType::kEnum, true},
                      {"requested_on", ColumnType::kDate},
                      {"completed_on", ColumnType::kDate}},
                     {.org_column = "from_org", .time_column = "requested_on", .member_column = "member_id"});
}

inline RecordSetSchema notices_schema() {
  return make_schema("notices",
                     {{"org_id", ColumnType::kText, true},
                      {"kind", ColumnType::kEnum, true},
                      {"period", ColumnType::kMonth, true},
                      {"published_on", ColumnType::kDate, true}},
                     {.org_column = "org_id", .time_column = "period"});
}

// Appends one cell parsed by the column's type; "" appends null.
inline void append_cell(Column& column, const std::string& cell, const std::string& where) {
  if (cell.empty()) {
    column.append_null();
    return;
  }
  auto bad = [&]() { FAIL(where << ": '" << cell << "' is not a " << to_string(column.type())); };
  switch (column.type()) {
    case ColumnType::kInteger: {
      int64_t value = 0;
      auto [end, error] = std::from_chars(cell.data(), cell.data() + cell.size(), value);
      if (error != std::errc() || end != cell.data() + cell.size()) bad();
      column.append_integer(value);
      return;
    }
    case ColumnType::kNumber: {
      double value = 0;
      auto [end, error] = std::from_chars(cell.data(), cell.data() + cell.size(), value);
      if (error != std::errc() || end != cell.data() + cell.size()) bad();
      column.append_number(value);
      return;
    }
    case ColumnType::kText:
    case ColumnType::kEnum:
      column.append_text(cell);
      return;
    case ColumnType::kDate: {
      std::optional<Date> date = Date::parse(cell);
      if (!date) bad();
      column.append_code(date->days());
      return;
    }
    case ColumnType::kWeek:
    case ColumnType::kMonth:
    case ColumnType::kQuarter:
    case ColumnType::kYear: {
      std::optional<Period> period = Period::parse(cell);
      if (!period || period->kind() != period_kind_of(column.type())) bad();
      column.append_code(period->ordinal());
      return;
    }
    case ColumnType::kBool:
      if (cell != "true" && cell != "false") bad();
      column.append_code(cell == "true" ? 1 : 0);
      return;
  }
}

inline RecordSet make_record_set(RecordSetSchema schema, const Rows& rows) {
  RecordSet set(std::move(schema));
  for (std::size_t row = 0; row < rows.size(); ++row) {
    const std::vector<std::string>& cells = rows[row];
    const std::string where = set.name() + " row " + std::to_string(row + 1);
    if (cells.size() > set.column_count()) FAIL(where << " has " << cells.size() << " cells, expected at most " << set.column_count());
    for (std::size_t index = 0; index < set.column_count(); ++index) {
      append_cell(set.column(index), index < cells.size() ? cells[index] : std::string(),
                  where + " column '" + set.schema().columns[index].name + "'");
    }
  }
  return set;
}

class TestData {
 public:
  // Orgs rows: id, parent_id, name, kind, category, secretary, elected_on.
  TestData& orgs(const Rows& rows) { return replace_orgs(make_record_set(orgs_schema(), rows)); }
  // Members rows: id, org_id, name, birth_date, joined_on, status, graduation_date.
  TestData& members(const Rows& rows) { return table(members_schema(), rows); }
  // Study rows: org_id, week, learners.
  TestData& study(const Rows& rows) { return table(study_schema(), rows); }
  // Activities rows: id, org_id, type, held_on, attendees.
  TestData& activities(const Rows& rows) { return table(activities_schema(), rows); }
  // Transfers rows: member_id, from_org, to_org, kind, requested_on, completed_on.
  TestData& transfers(const Rows& rows) { return table(transfers_schema(), rows); }
  // Notices rows: org_id, kind, period, published_on.
  TestData& notices(const Rows& rows) { return table(notices_schema(), rows); }

  TestData& table(RecordSetSchema schema, const Rows& rows) {
    record_sets_.push_back(make_record_set(std::move(schema), rows));
    return *this;
  }
  // The same, under another name than the schema's.
  TestData& table(std::string name, RecordSetSchema schema, const Rows& rows) {
    schema.name = std::move(name);
    return table(std::move(schema), rows);
  }
  // An orgs record set with a schema of one's own (it must have id and parent_id).
  TestData& replace_orgs(RecordSet orgs) {
    orgs_ = std::move(orgs);
    return *this;
  }

  // The dataset, or nullopt with the problems in diagnostics.
  std::optional<Dataset> build(Diagnostics& diagnostics) const { return Dataset::build(orgs_, record_sets_, diagnostics); }

  // The dataset; any diagnostic fails the test, printing them all.
  Dataset build() const {
    Diagnostics diagnostics;
    std::optional<Dataset> dataset = build(diagnostics);
    INFO(render_all(diagnostics));
    REQUIRE(diagnostics.empty());
    REQUIRE(dataset.has_value());
    return std::move(*dataset);
  }

 private:
  RecordSet orgs_{orgs_schema()};
  std::vector<RecordSet> record_sets_;
};

// A root committee "R" with `count` branches "B1".."B<count>" under it
// (ids compare in byte order: "B10" before "B9").
inline TestData root_with_branches(int count) {
  Rows rows{{"R", "", "Root", "committee"}};
  for (int b = 1; b <= count; ++b) rows.push_back({"B" + std::to_string(b), "R", "Branch", "branch"});
  TestData data;
  data.orgs(rows);
  return data;
}

}  // namespace cadence::testing

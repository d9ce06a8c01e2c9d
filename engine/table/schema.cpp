#include "engine/table/schema.h"

namespace cadence {

int RecordSetSchema::column_index(std::string_view column) const {
  for (std::size_t index = 0; index < columns.size(); ++index) {
    if (columns[index].name == column) return static_cast<int>(index);
  }
  return -1;
}

const ColumnSchema* RecordSetSchema::column(std::string_view column) const {
  const int index = column_index(column);
  return index < 0 ? nullptr : &columns[static_cast<std::size_t>(index)];
}

const RecordSetSchema* Schema::find(std::string_view name) const {
  for (const RecordSetSchema& record_set : record_sets) {
    if (record_set.name == name) return &record_set;
  }
  return nullptr;
}

}  // namespace cadence

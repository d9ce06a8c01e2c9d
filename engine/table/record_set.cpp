#include "engine/table/record_set.h"

#include <cstdio>

#include "engine/core/status.h"

namespace cadence {

RecordSet::RecordSet(RecordSetSchema schema) : schema_(std::move(schema)) {
  columns_.reserve(schema_.columns.size());
  for (const ColumnSchema& column : schema_.columns) columns_.emplace_back(column.type);
}

const Column& RecordSet::column(std::string_view name) const {
  const int index = schema_.column_index(name);
  if (index < 0) {
    std::fprintf(stderr, "record set '%s' has no column '%.*s'\n", schema_.name.c_str(),
                 static_cast<int>(name.size()), name.data());
  }
  CADENCE_ASSERT(index >= 0);
  return columns_[static_cast<std::size_t>(index)];
}

Column& RecordSet::column(std::string_view name) {
  return const_cast<Column&>(static_cast<const RecordSet&>(*this).column(name));
}

}  // namespace cadence

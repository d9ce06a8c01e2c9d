// The byte layout of a column snapshot: a column's arrays as BLOBs, so that
// loading a record set is a memcpy per column instead of a row-by-row walk
// through SQLite.
//
//   data        integer: int64 per row; number: double per row; every other
//               type: int32 per row (date days, period ordinal, bool 0/1,
//               dictionary code for text and enum). Little-endian.
//   nulls       one byte per row (1 = null), or empty when no row is null.
//   dictionary  text and enum only: the dictionary's texts in code order,
//               each followed by one NUL byte ("a\0\0b\0" is "a", "", "b").
//               Texts therefore never contain NUL; the importer rejects such
//               cells.
//
// Pure functions, no SQLite: the store writes and reads the blobs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "engine/table/column.h"

namespace cadence::store {

// `data` and `nulls` are views of the column's own arrays (no copy): valid
// while the column is alive and unchanged.
struct ColumnBlobs {
  std::string_view data;
  std::string_view nulls;
  std::string dictionary;
};

ColumnBlobs encode_column(const Column& column);

// Rebuilds a column of the given type and row count. nullopt when the blobs do
// not have the sizes the type and row count require, or a code names no text
// (a damaged snapshot). `dictionary` becomes the column's packed dictionary
// (Dictionary::assign_packed): its texts are not copied into strings.
std::optional<Column> decode_column(ColumnType type, std::size_t rows, std::string_view data,
                                    std::string_view nulls, std::string dictionary);

}  // namespace cadence::store

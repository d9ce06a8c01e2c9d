#include "adapters/store/column_codec.h"

#include <algorithm>

#include <bit>
#include <cstring>
#include <vector>

namespace cadence::store {
namespace {

// The snapshot is a byte copy of the in-memory arrays; a big-endian host
// would need byte swaps here.
static_assert(std::endian::native == std::endian::little, "column snapshots assume a little-endian host");

template <typename T>
std::string_view bytes_of(const std::vector<T>& values) {
  return std::string_view(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(T));
}

template <typename T>
std::vector<T> values_of(std::string_view bytes) {
  std::vector<T> out(bytes.size() / sizeof(T));
  if (!out.empty()) std::memcpy(out.data(), bytes.data(), out.size() * sizeof(T));
  return out;
}

bool uses_dictionary(ColumnType type) { return type == ColumnType::kText || type == ColumnType::kEnum; }

std::size_t width_of(ColumnType type) {
  switch (type) {
    case ColumnType::kInteger: return sizeof(int64_t);
    case ColumnType::kNumber: return sizeof(double);
    default: return sizeof(int32_t);
  }
}

}  // namespace

ColumnBlobs encode_column(const Column& column) {
  ColumnBlobs blobs;
  switch (column.type()) {
    case ColumnType::kInteger: blobs.data = bytes_of(column.integers()); break;
    case ColumnType::kNumber: blobs.data = bytes_of(column.numbers()); break;
    default: blobs.data = bytes_of(column.codes()); break;
  }
  if (column.has_nulls()) blobs.nulls = bytes_of(column.nulls());
  if (uses_dictionary(column.type())) {
    const Dictionary& dictionary = column.dictionary();
    std::size_t bytes = 0;
    for (int32_t code = 0; code < dictionary.size(); ++code) bytes += dictionary.text(code).size() + 1;
    blobs.dictionary.reserve(bytes);
    for (int32_t code = 0; code < dictionary.size(); ++code) {
      blobs.dictionary += dictionary.text(code);
      blobs.dictionary.push_back('\0');
    }
  }
  return blobs;
}

std::optional<Column> decode_column(ColumnType type, std::size_t rows, std::string_view data,
                                    std::string_view nulls, std::string_view dictionary) {
  if (data.size() != rows * width_of(type)) return std::nullopt;
  if (!nulls.empty() && nulls.size() != rows) return std::nullopt;
  Column column(type);
  std::vector<uint8_t> null_mask;
  if (!nulls.empty()) {
    null_mask.assign(nulls.begin(), nulls.end());
    // A mask without any null is dropped: has_nulls() means "some row is null".
    if (std::find(null_mask.begin(), null_mask.end(), 1) == null_mask.end()) null_mask.clear();
  }
  switch (type) {
    case ColumnType::kInteger: {
      std::vector<int64_t> values = values_of<int64_t>(data);
      for (std::size_t row = 0; row < null_mask.size(); ++row) {
        if (null_mask[row]) values[row] = 0;
      }
      column.assign_integers(std::move(values), std::move(null_mask));
      break;
    }
    case ColumnType::kNumber: {
      std::vector<double> values = values_of<double>(data);
      for (std::size_t row = 0; row < null_mask.size(); ++row) {
        if (null_mask[row]) values[row] = 0;
      }
      column.assign_numbers(std::move(values), std::move(null_mask));
      break;
    }
    default: {
      int32_t dictionary_size = 0;
      if (uses_dictionary(type)) {
        if (!dictionary.empty() && dictionary.back() != '\0') return std::nullopt;
        std::vector<std::string> texts;
        std::size_t start = 0;
        while (start < dictionary.size()) {
          const std::size_t end = dictionary.find('\0', start);
          texts.emplace_back(dictionary.substr(start, end - start));
          start = end + 1;
        }
        dictionary_size = static_cast<int32_t>(texts.size());
        column.dictionary().assign(std::move(texts));
      }
      std::vector<int32_t> values = values_of<int32_t>(data);
      for (std::size_t row = 0; row < rows; ++row) {
        if (!null_mask.empty() && null_mask[row]) {
          values[row] = 0;
          continue;
        }
        if (uses_dictionary(type) && (values[row] < 0 || values[row] >= dictionary_size)) return std::nullopt;
      }
      column.assign_codes(std::move(values), std::move(null_mask));
      break;
    }
  }
  return column;
}

}  // namespace cadence::store

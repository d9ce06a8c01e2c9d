#include "adapters/store/column_codec.h"

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstring>
#include <iterator>
#include <limits>
#include <vector>

#include "engine/table/huge_pages.h"

namespace cadence::store {
namespace {

// The snapshot is a byte copy of the in-memory arrays; a big-endian host
// would need byte swaps here.
static_assert(std::endian::native == std::endian::little, "column snapshots assume a little-endian host");

template <typename T>
std::string_view bytes_of(const std::vector<T>& values) {
  return std::string_view(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(T));
}

// Reads a T from bytes of any alignment: the values of a blob, copied straight
// into a vector (no zero-filling first) by the vector's range constructor.
template <typename T>
class UnalignedValues {
 public:
  using iterator_category = std::random_access_iterator_tag;
  using value_type = T;
  using difference_type = std::ptrdiff_t;
  using pointer = const T*;
  using reference = T;

  explicit UnalignedValues(const char* at) : at_(at) {}
  T operator*() const {
    T value;
    std::memcpy(&value, at_, sizeof(T));
    return value;
  }
  UnalignedValues& operator++() {
    at_ += sizeof(T);
    return *this;
  }
  UnalignedValues operator++(int) {
    UnalignedValues before = *this;
    at_ += sizeof(T);
    return before;
  }
  UnalignedValues& operator--() {
    at_ -= sizeof(T);
    return *this;
  }
  UnalignedValues& operator+=(difference_type count) {
    at_ += count * static_cast<difference_type>(sizeof(T));
    return *this;
  }
  difference_type operator-(const UnalignedValues& other) const {
    return (at_ - other.at_) / static_cast<difference_type>(sizeof(T));
  }
  bool operator==(const UnalignedValues& other) const { return at_ == other.at_; }

 private:
  const char* at_;
};

template <typename T>
std::vector<T> values_of(std::string_view bytes) {
  const std::size_t count = bytes.size() / sizeof(T);
  std::vector<T> values;
  reserve_huge(values, count);
  values.insert(values.end(), UnalignedValues<T>(bytes.data()),
                UnalignedValues<T>(bytes.data() + count * sizeof(T)));
  return values;
}

// Each word's zero bytes: the high bit of every byte that is 0, nothing
// else. No carry crosses a byte: (b & 0x7f) + 0x7f is at most 0xfe.
uint64_t zero_bytes(uint64_t word) {
  constexpr uint64_t kLow7 = 0x7f7f7f7f7f7f7f7fULL;
  return ~(((word & kLow7) + kLow7) | word | kLow7);
}

// Where each text of a dictionary blob starts, then one past its end: 0,
// then one past every NUL. Eight bytes at a time: a memchr call per text was
// most of decoding the 850,000 member ids.
std::vector<uint32_t> text_starts(std::string_view dictionary) {
  const char* const bytes = dictionary.data();
  const std::size_t size = dictionary.size();
  const std::size_t whole = size - size % 8;
  auto word_at = [bytes](std::size_t at) {
    uint64_t word = 0;
    std::memcpy(&word, bytes + at, 8);
    return word;
  };
  std::size_t texts = 0;
  for (std::size_t at = 0; at < whole; at += 8) {
    // The zero bytes' high bits moved down to 1 per byte and summed into the
    // top byte (std::popcount is a library call without -mpopcnt).
    texts += static_cast<std::size_t>(((zero_bytes(word_at(at)) >> 7) * 0x0101010101010101ULL) >> 56);
  }
  texts += static_cast<std::size_t>(std::count(bytes + whole, bytes + size, '\0'));
  std::vector<uint32_t> starts;
  reserve_huge(starts, texts + 1);
  starts.resize(texts + 1);
  uint32_t* out = starts.data();
  *out++ = 0;
  for (std::size_t at = 0; at < whole; at += 8) {
    for (uint64_t zeros = zero_bytes(word_at(at)); zeros != 0; zeros &= zeros - 1) {
      *out++ = static_cast<uint32_t>(at + static_cast<std::size_t>(std::countr_zero(zeros) / 8) + 1);
    }
  }
  for (std::size_t at = whole; at < size; ++at) {
    if (bytes[at] == '\0') *out++ = static_cast<uint32_t>(at + 1);
  }
  return starts;
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
    for (int32_t code = 0; code < dictionary.size(); ++code) bytes += dictionary.view(code).size() + 1;
    blobs.dictionary.reserve(bytes);
    for (int32_t code = 0; code < dictionary.size(); ++code) {
      blobs.dictionary += dictionary.view(code);
      blobs.dictionary.push_back('\0');
    }
  }
  return blobs;
}

std::optional<Column> decode_column(ColumnType type, std::size_t rows, std::string_view data,
                                    std::string_view nulls, std::string dictionary) {
  if (data.size() != rows * width_of(type)) return std::nullopt;
  if (!nulls.empty() && nulls.size() != rows) return std::nullopt;
  Column column(type);
  // A mask without any null is dropped: has_nulls() means "some row is null".
  std::vector<uint8_t> null_mask;
  if (!nulls.empty() && std::memchr(nulls.data(), 1, nulls.size()) != nullptr) {
    reserve_huge(null_mask, nulls.size());
    null_mask.assign(nulls.begin(), nulls.end());
  }
  auto clear_nulls = [&null_mask](auto& values) {
    for (std::size_t row = 0; row < null_mask.size(); ++row) {
      if (null_mask[row]) values[row] = 0;
    }
  };
  switch (type) {
    case ColumnType::kInteger: {
      std::vector<int64_t> values = values_of<int64_t>(data);
      clear_nulls(values);
      column.assign_integers(std::move(values), std::move(null_mask));
      break;
    }
    case ColumnType::kNumber: {
      std::vector<double> values = values_of<double>(data);
      clear_nulls(values);
      column.assign_numbers(std::move(values), std::move(null_mask));
      break;
    }
    default: {
      std::vector<int32_t> values = values_of<int32_t>(data);
      clear_nulls(values);
      if (uses_dictionary(type)) {
        if (!dictionary.empty() && dictionary.back() != '\0') return std::nullopt;
        // Packed offsets are 32-bit; a dictionary past 4 GiB is not a snapshot
        // cadence writes.
        if (dictionary.size() > std::numeric_limits<uint32_t>::max()) return std::nullopt;
        std::vector<uint32_t> starts = text_starts(dictionary);
        // Every code names a text. Null rows hold 0, which names none in an
        // empty dictionary: then every row must be null.
        const auto texts = static_cast<int32_t>(starts.size() - 1);
        if (texts == 0) {
          if (rows > 0 &&
              (null_mask.empty() || std::find(null_mask.begin(), null_mask.end(), 0) != null_mask.end())) {
            return std::nullopt;
          }
        } else {
          int32_t low = 0;
          int32_t high = 0;
          for (int32_t value : values) {  // branch-free: the compiler vectorises it
            low = std::min(low, value);
            high = std::max(high, value);
          }
          if (low < 0 || high >= texts) return std::nullopt;
        }
        column.dictionary().assign_packed(std::move(dictionary), std::move(starts));
      }
      column.assign_codes(std::move(values), std::move(null_mask));
      break;
    }
  }
  return column;
}

}  // namespace cadence::store

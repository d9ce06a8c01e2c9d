// A typed, nullable column of a record set.
//
// Storage by type:
//   integer            → int64 values
//   number             → double values
//   text, enum         → int32 codes into a Dictionary (one per column)
//   date               → int32 days since 1970-01-01
//   week/month/...     → int32 Period ordinals of the column's kind
//   bool               → int32 0/1
// Nulls are a byte mask (1 = null), empty when the column has no null.
#pragma once

#include <cstdint>
#include <functional>
#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/table/column_type.h"

namespace cadence {

// Text values in first-seen order; codes are positions. Lookups never iterate
// the hash map, so order never depends on it.
class Dictionary {
 public:
  Dictionary() = default;
  Dictionary(const Dictionary& other) : texts_(other.texts_), indexed_(false) {}
  Dictionary& operator=(const Dictionary& other) {
    texts_ = other.texts_;
    codes_.clear();
    indexed_ = false;
    return *this;
  }

  int32_t intern(std::string_view text);
  // -1 when the text never occurs. The first call after assign() builds the
  // lookup index; not safe to race with another first call.
  int32_t find(std::string_view text) const;
  // Replaces the contents with distinct texts (codes = positions), without
  // building the lookup index: a loaded dictionary is mostly only read by code.
  void assign(std::vector<std::string> texts);
  const std::string& text(int32_t code) const { return texts_[static_cast<std::size_t>(code)]; }
  int32_t size() const { return static_cast<int32_t>(texts_.size()); }

 private:
  // Lets intern() and find() look up a string_view without building a std::string.
  struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
  };
  void build_index() const;
  std::vector<std::string> texts_;
  mutable std::unordered_map<std::string, int32_t, TextHash, std::equal_to<>> codes_;
  mutable std::atomic<bool> indexed_{true};  // codes_ covers texts_
  mutable std::mutex index_mutex_;            // the lazy index may be built from evaluator threads
};

class Column {
 public:
  explicit Column(ColumnType type = ColumnType::kText);

  ColumnType type() const { return type_; }
  std::size_t size() const;
  bool is_null(std::size_t row) const { return !nulls_.empty() && nulls_[row] != 0; }
  bool has_nulls() const { return !nulls_.empty(); }

  // Appending (builders, loaders).
  void append_null();
  void append_integer(int64_t value);
  void append_number(double value);
  void append_code(int32_t value);  // date days, period ordinal, bool, dictionary code
  void append_text(std::string_view text);  // text and enum: interns
  void reserve(std::size_t rows);
  // Bulk loading (the store's snapshots): the whole column at once. `nulls`
  // is empty or one byte per row (1 = null).
  void assign_integers(std::vector<int64_t> values, std::vector<uint8_t> nulls);
  void assign_numbers(std::vector<double> values, std::vector<uint8_t> nulls);
  void assign_codes(std::vector<int32_t> values, std::vector<uint8_t> nulls);

  // Reading. Null rows hold 0.
  int64_t integer(std::size_t row) const { return integers_[row]; }
  double number(std::size_t row) const { return numbers_[row]; }
  int32_t code(std::size_t row) const { return codes_[row]; }
  const std::string& text(std::size_t row) const { return dictionary_->text(codes_[row]); }

  const std::vector<int64_t>& integers() const { return integers_; }
  const std::vector<double>& numbers() const { return numbers_; }
  const std::vector<int32_t>& codes() const { return codes_; }
  const std::vector<uint8_t>& nulls() const { return nulls_; }
  const Dictionary& dictionary() const { return *dictionary_; }
  Dictionary& dictionary() { return *dictionary_; }

  // The value as text, as a report prints it ("" for null).
  std::string format(std::size_t row) const;

  // Reorders rows: new row i is old row order[i].
  void permute(const std::vector<uint32_t>& order);

 private:
  void mark_valid();
  ColumnType type_;
  std::vector<int64_t> integers_;
  std::vector<double> numbers_;
  std::vector<int32_t> codes_;
  std::vector<uint8_t> nulls_;
  std::shared_ptr<Dictionary> dictionary_;
};

}  // namespace cadence

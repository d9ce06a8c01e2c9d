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

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/table/column_type.h"
#include "engine/table/huge_pages.h"

namespace cadence {

// Text values in first-seen order; codes are positions. Lookups never iterate
// the index, so order never depends on hashing.
//
// Two forms. A dictionary built by intern() or assign() holds std::strings.
// One loaded from a store snapshot (assign_packed) keeps the texts packed in
// one buffer and makes the std::strings only when text() is first called:
// most loaded dictionaries (the ids of activities, the names of members) are
// never read as strings in an audit, and making them was most of the work of
// decoding a snapshot (BENCHMARKS.md). view() and find() read either
// form without making strings.
//
// The lookup index (open addressing: the hash beside the code, no copy of a
// text) is built on the first find() or intern().
//
// Thread safety: const members may be called from several threads at once
// (the evaluator's workers); the index and the strings are built under a
// lock. intern() and assign*() need the dictionary to themselves.
class Dictionary {
 public:
  Dictionary() = default;
  Dictionary(const Dictionary& other);
  Dictionary& operator=(const Dictionary& other);

  int32_t intern(std::string_view text);
  // -1 when the text never occurs. Of repeated texts (only a damaged
  // snapshot has them) the first code wins.
  int32_t find(std::string_view text) const;
  // codes[i] = find(texts[i]) for every i (the spans have equal sizes).
  // Quicker than one find() after another on a large dictionary, whose index
  // misses the cache on nearly every look-up: each batch's slots are all
  // requested before the first is read.
  void find_all(std::span<const std::string_view> texts, std::span<int32_t> codes) const;
  // Replaces the contents with distinct texts (codes = positions).
  void assign(std::vector<std::string> texts);
  // Replaces the contents with packed texts: text i is
  // packed[starts[i], starts[i + 1] - 1), each followed by one NUL byte;
  // starts has size() + 1 entries, the first 0 and the last packed.size().
  void assign_packed(std::string packed, std::vector<uint32_t> starts);

  const std::string& text(int32_t code) const {
    if (!strings_ready_.load(std::memory_order_acquire)) make_strings();
    return texts_[static_cast<std::size_t>(code)];
  }
  // The text without making a std::string: valid until the dictionary
  // changes (intern, assign) or dies.
  std::string_view view(int32_t code) const {
    if (starts_.empty()) return texts_[static_cast<std::size_t>(code)];
    const auto at = static_cast<std::size_t>(code);
    return std::string_view(packed_.data() + starts_[at], starts_[at + 1] - starts_[at] - 1);
  }
  int32_t size() const { return static_cast<int32_t>(starts_.empty() ? texts_.size() : starts_.size() - 1); }

 private:
  // The upper half of a text's hash places its slot (low bits) and screens
  // comparisons, so growing never reads a text again.
  struct Slot {
    uint32_t hash = 0;
    int32_t code = -1;  // -1: empty
  };
  void build_index() const;
  void make_strings() const;
  void add_to_index(uint32_t hash, int32_t code) const;
  void unpack();

  // Packed form (starts_ not empty): packed_ and starts_ hold the texts, and
  // texts_ is filled on the first text(). Otherwise texts_ holds them.
  std::string packed_;
  std::vector<uint32_t> starts_;
  mutable std::vector<std::string> texts_;
  mutable std::atomic<bool> strings_ready_{true};
  // A power of two in size and at most half full once indexed_.
  mutable std::vector<Slot> slots_;
  mutable std::atomic<bool> indexed_{true};  // slots_ covers every code
  mutable std::mutex mutex_;                 // guards building slots_ and texts_
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

  // Arrays for permute() to gather into: permuting the columns of a record
  // set through one PermuteSpare allocates one new array per element type,
  // not one per column (fresh memory costs a page fault per 4 KiB).
  struct PermuteSpare {
    std::vector<int64_t> integers;
    std::vector<double> numbers;
    std::vector<int32_t> codes;
    std::vector<uint8_t> nulls;
  };
  // Reorders rows: new row i is old row order[i].
  void permute(const std::vector<uint32_t>& order);
  // The same, gathering into `spare`, which is left holding the old arrays.
  void permute(const std::vector<uint32_t>& order, PermuteSpare& spare);

 private:
  void mark_valid();
  ColumnType type_;
  std::vector<int64_t> integers_;
  std::vector<double> numbers_;
  std::vector<int32_t> codes_;
  std::vector<uint8_t> nulls_;
  std::shared_ptr<Dictionary> dictionary_;
};

// values[i] becomes values[order[i]]: gathered into `spare`, which is left
// holding the old values (its memory is reused when it is big enough).
template <typename T>
void permute_values(std::vector<T>& values, const std::vector<uint32_t>& order, std::vector<T>& spare) {
  if (values.empty()) return;
  reserve_huge(spare, order.size());
  spare.resize(order.size());
  for (std::size_t row = 0; row < order.size(); ++row) spare[row] = values[order[row]];
  values.swap(spare);
}

}  // namespace cadence

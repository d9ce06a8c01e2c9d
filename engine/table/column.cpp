#include "engine/table/column.h"

#include <algorithm>
#include <array>
#include <bit>
#include <charconv>
#include <cstring>

#include "engine/calendar/date.h"
#include "engine/calendar/period.h"
#include "engine/core/status.h"
#include "engine/table/text_hash.h"

namespace cadence {
namespace {

enum class Storage { kIntegers, kNumbers, kCodes };

Storage storage_of(ColumnType type) {
  switch (type) {
    case ColumnType::kInteger:
      return Storage::kIntegers;
    case ColumnType::kNumber:
      return Storage::kNumbers;
    default:
      return Storage::kCodes;
  }
}

uint32_t slot_hash(std::string_view text) {
  return static_cast<uint32_t>(text_hash(text) >> 32);
}

// Slots for `texts` texts: a power of two, at least twice as many.
std::size_t slots_for(std::size_t texts) {
  std::size_t slots = 16;
  while (slots < texts * 2) slots *= 2;
  return slots;
}

}  // namespace

Dictionary::Dictionary(const Dictionary& other) {
  *this = other;
}

Dictionary& Dictionary::operator=(const Dictionary& other) {
  if (this == &other) return *this;
  packed_ = other.packed_;
  starts_ = other.starts_;
  if (starts_.empty()) {
    texts_ = other.texts_;
    strings_ready_ = true;
  } else {
    texts_.clear();
    strings_ready_ = false;
  }
  slots_.clear();
  indexed_ = false;
  return *this;
}

void Dictionary::add_to_index(uint32_t hash, int32_t code) const {
  const std::size_t mask = slots_.size() - 1;
  std::size_t at = hash & mask;
  while (slots_[at].code >= 0) at = (at + 1) & mask;
  slots_[at] = Slot{hash, code};
}

void Dictionary::build_index() const {
  if (indexed_.load(std::memory_order_acquire)) return;
  std::lock_guard lock(mutex_);
  if (indexed_.load(std::memory_order_relaxed)) return;
  slots_.assign(slots_for(static_cast<std::size_t>(size())), Slot{});
  // In code order, so that of repeated texts the first sits earlier on the
  // probe path and find() returns it.
  for (int32_t code = 0; code < size(); ++code) add_to_index(slot_hash(view(code)), code);
  indexed_.store(true, std::memory_order_release);
}

void Dictionary::make_strings() const {
  std::lock_guard lock(mutex_);
  if (strings_ready_.load(std::memory_order_relaxed)) return;
  texts_.clear();
  texts_.reserve(static_cast<std::size_t>(size()));
  for (int32_t code = 0; code < size(); ++code) texts_.emplace_back(view(code));
  strings_ready_.store(true, std::memory_order_release);
}

void Dictionary::unpack() {
  if (starts_.empty()) return;
  make_strings();
  packed_ = std::string();
  starts_ = std::vector<uint32_t>();
}

void Dictionary::assign(std::vector<std::string> texts) {
  packed_ = std::string();
  starts_ = std::vector<uint32_t>();
  texts_ = std::move(texts);
  strings_ready_ = true;
  slots_.clear();
  indexed_ = false;
}

void Dictionary::assign_packed(std::string packed, std::vector<uint32_t> starts) {
  CADENCE_ASSERT(!starts.empty() && starts.front() == 0 && starts.back() == packed.size());
  packed_ = std::move(packed);
  starts_ = std::move(starts);
  texts_ = std::vector<std::string>();
  strings_ready_ = false;
  slots_.clear();
  indexed_ = false;
  // One text-less entry would read as the empty form; keep the packed form
  // only when there is a text (an empty dictionary is the same either way).
  if (starts_.size() == 1) {
    starts_.clear();
    packed_.clear();
    strings_ready_ = true;
  }
}

int32_t Dictionary::intern(std::string_view text) {
  unpack();
  build_index();
  if (slots_.empty()) slots_.assign(slots_for(0), Slot{});
  const uint32_t hash = slot_hash(text);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t at = hash & mask;; at = (at + 1) & mask) {
    const Slot& slot = slots_[at];
    if (slot.code < 0) break;
    if (slot.hash == hash && texts_[static_cast<std::size_t>(slot.code)] == text) return slot.code;
  }
  const auto code = static_cast<int32_t>(texts_.size());
  texts_.emplace_back(text);
  if ((texts_.size()) * 2 > slots_.size()) {
    // Grow: re-place every slot by its stored hash, no text read again.
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.size() * 2, Slot{});
    for (const Slot& slot : old) {
      if (slot.code >= 0) add_to_index(slot.hash, slot.code);
    }
  }
  add_to_index(hash, code);
  return code;
}

void Dictionary::find_all(std::span<const std::string_view> texts, std::span<int32_t> codes) const {
  CADENCE_ASSERT(texts.size() == codes.size());
  build_index();
  if (slots_.empty()) {
    std::fill(codes.begin(), codes.end(), -1);
    return;
  }
  constexpr std::size_t kBatch = 16;
  const std::size_t mask = slots_.size() - 1;
  std::array<uint32_t, kBatch> hashes;
  for (std::size_t first = 0; first < texts.size(); first += kBatch) {
    const std::size_t count = std::min(kBatch, texts.size() - first);
    for (std::size_t i = 0; i < count; ++i) {
      hashes[i] = slot_hash(texts[first + i]);
      __builtin_prefetch(&slots_[hashes[i] & mask]);
    }
    for (std::size_t i = 0; i < count; ++i) {
      int32_t code = -1;
      for (std::size_t at = hashes[i] & mask;; at = (at + 1) & mask) {
        const Slot& slot = slots_[at];
        if (slot.code < 0) break;
        if (slot.hash == hashes[i] && view(slot.code) == texts[first + i]) {
          code = slot.code;
          break;
        }
      }
      codes[first + i] = code;
    }
  }
}

int32_t Dictionary::find(std::string_view text) const {
  build_index();
  if (slots_.empty()) return -1;
  const uint32_t hash = slot_hash(text);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t at = hash & mask;; at = (at + 1) & mask) {
    const Slot& slot = slots_[at];
    if (slot.code < 0) return -1;
    if (slot.hash == hash && view(slot.code) == text) return slot.code;
  }
}

Column::Column(ColumnType type) : type_(type), dictionary_(std::make_shared<Dictionary>()) {}

std::size_t Column::size() const {
  switch (storage_of(type_)) {
    case Storage::kIntegers:
      return integers_.size();
    case Storage::kNumbers:
      return numbers_.size();
    case Storage::kCodes:
      return codes_.size();
  }
  return 0;
}

// The mask stays empty until the first null, so columns without nulls (most
// of them) cost nothing and has_nulls() is a size check.
void Column::mark_valid() {
  if (!nulls_.empty()) nulls_.push_back(0);
}

void Column::append_null() {
  if (nulls_.empty()) nulls_.assign(size(), 0);
  nulls_.push_back(1);
  switch (storage_of(type_)) {
    case Storage::kIntegers:
      integers_.push_back(0);
      break;
    case Storage::kNumbers:
      numbers_.push_back(0.0);
      break;
    case Storage::kCodes:
      codes_.push_back(0);
      break;
  }
}

void Column::append_integer(int64_t value) {
  CADENCE_ASSERT(type_ == ColumnType::kInteger);
  mark_valid();
  integers_.push_back(value);
}

void Column::append_number(double value) {
  CADENCE_ASSERT(type_ == ColumnType::kNumber);
  mark_valid();
  numbers_.push_back(value);
}

void Column::append_code(int32_t value) {
  CADENCE_ASSERT(storage_of(type_) == Storage::kCodes);
  mark_valid();
  codes_.push_back(value);
}

void Column::append_text(std::string_view text) {
  CADENCE_ASSERT(type_ == ColumnType::kText || type_ == ColumnType::kEnum);
  mark_valid();
  codes_.push_back(dictionary_->intern(text));
}

void Column::assign_integers(std::vector<int64_t> values, std::vector<uint8_t> nulls) {
  CADENCE_ASSERT(storage_of(type_) == Storage::kIntegers);
  CADENCE_ASSERT(nulls.empty() || nulls.size() == values.size());
  integers_ = std::move(values);
  nulls_ = std::move(nulls);
}

void Column::assign_numbers(std::vector<double> values, std::vector<uint8_t> nulls) {
  CADENCE_ASSERT(storage_of(type_) == Storage::kNumbers);
  CADENCE_ASSERT(nulls.empty() || nulls.size() == values.size());
  numbers_ = std::move(values);
  nulls_ = std::move(nulls);
}

void Column::assign_codes(std::vector<int32_t> values, std::vector<uint8_t> nulls) {
  CADENCE_ASSERT(storage_of(type_) == Storage::kCodes);
  CADENCE_ASSERT(nulls.empty() || nulls.size() == values.size());
  codes_ = std::move(values);
  nulls_ = std::move(nulls);
}

void Column::reserve(std::size_t rows) {
  switch (storage_of(type_)) {
    case Storage::kIntegers:
      integers_.reserve(rows);
      break;
    case Storage::kNumbers:
      numbers_.reserve(rows);
      break;
    case Storage::kCodes:
      codes_.reserve(rows);
      break;
  }
}

std::string Column::format(std::size_t row) const {
  if (is_null(row)) return "";
  switch (type_) {
    case ColumnType::kInteger:
      return std::to_string(integers_[row]);
    case ColumnType::kNumber: {
      // Shortest text that reads back as the same double: 2.5, 0.1, 3.
      char buffer[64];
      auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, numbers_[row]);
      CADENCE_ASSERT(error == std::errc());
      return std::string(buffer, end);
    }
    case ColumnType::kText:
    case ColumnType::kEnum:
      return text(row);
    case ColumnType::kDate:
      return Date::from_days(codes_[row]).to_string();
    case ColumnType::kWeek:
    case ColumnType::kMonth:
    case ColumnType::kQuarter:
    case ColumnType::kYear:
      return Period::from_ordinal(period_kind_of(type_), codes_[row]).to_string();
    case ColumnType::kBool:
      return codes_[row] != 0 ? "true" : "false";
  }
  return "";
}

void Column::permute(const std::vector<uint32_t>& order) {
  PermuteSpare spare;
  permute(order, spare);
}

void Column::permute(const std::vector<uint32_t>& order, PermuteSpare& spare) {
  CADENCE_ASSERT(order.size() == size());
  permute_values(integers_, order, spare.integers);
  permute_values(numbers_, order, spare.numbers);
  permute_values(codes_, order, spare.codes);
  permute_values(nulls_, order, spare.nulls);
}

}  // namespace cadence

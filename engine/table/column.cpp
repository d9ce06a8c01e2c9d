#include "engine/table/column.h"

#include <charconv>

#include "engine/calendar/date.h"
#include "engine/calendar/period.h"
#include "engine/core/status.h"

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

template <typename T>
void permute_vector(std::vector<T>& values, const std::vector<uint32_t>& order) {
  if (values.empty()) return;
  std::vector<T> result;
  result.reserve(order.size());
  for (uint32_t from : order) result.push_back(values[from]);
  values = std::move(result);
}

}  // namespace

void Dictionary::build_index() const {
  if (indexed_.load(std::memory_order_acquire)) return;
  std::lock_guard lock(index_mutex_);
  if (indexed_.load(std::memory_order_relaxed)) return;
  codes_.clear();
  codes_.reserve(texts_.size());
  for (std::size_t code = 0; code < texts_.size(); ++code) codes_.emplace(texts_[code], static_cast<int32_t>(code));
  indexed_.store(true, std::memory_order_release);
}

void Dictionary::assign(std::vector<std::string> texts) {
  texts_ = std::move(texts);
  codes_.clear();
  indexed_ = false;
}

int32_t Dictionary::intern(std::string_view text) {
  build_index();
  auto it = codes_.find(text);
  if (it != codes_.end()) return it->second;
  const auto code = static_cast<int32_t>(texts_.size());
  texts_.emplace_back(text);
  codes_.emplace(texts_.back(), code);
  return code;
}

int32_t Dictionary::find(std::string_view text) const {
  build_index();
  auto it = codes_.find(text);
  return it == codes_.end() ? -1 : it->second;
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
  CADENCE_ASSERT(order.size() == size());
  permute_vector(integers_, order);
  permute_vector(numbers_, order);
  permute_vector(codes_, order);
  permute_vector(nulls_, order);
}

}  // namespace cadence

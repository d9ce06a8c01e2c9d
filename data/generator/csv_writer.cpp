#include "data/generator/csv_writer.h"

#include <array>

#include "adapters/csv/csv_writer.h"
#include "data/generator/civil_date.h"

namespace cadence::generator {

namespace {
constexpr size_t kChunk = size_t{4} << 20;
}  // namespace

CsvWriter::CsvWriter(FileSink& sink, std::string_view name, std::string_view header)
    : sink_(sink) {
  buffer_.reserve(kChunk + 4096);
  status_ = sink_.begin_file(name);
  buffer_.append(header);
  buffer_.push_back('\n');
}

void CsvWriter::separator() {
  if (row_started_) {
    buffer_.push_back(',');
  }
  row_started_ = true;
}

CsvWriter& CsvWriter::text(std::string_view value) {
  separator();
  // Plain RFC 4180 (no formula neutralising): these are data files that
  // cadence and the contract's other implementations read back.
  append_csv_cell(buffer_, value, CellGuard::kNone);
  return *this;
}

void CsvWriter::digits(int64_t value, int width) {
  std::array<char, 24> scratch{};
  size_t length = 0;
  const bool negative = value < 0;
  uint64_t magnitude = negative ? 0 - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
  do {
    scratch[length++] = static_cast<char>('0' + magnitude % 10);
    magnitude /= 10;
  } while (magnitude != 0);
  while (length < static_cast<size_t>(width)) {
    scratch[length++] = '0';
  }
  if (negative) {
    buffer_.push_back('-');
  }
  while (length > 0) {
    buffer_.push_back(scratch[--length]);
  }
}

CsvWriter& CsvWriter::integer(int64_t value) {
  separator();
  digits(value, 1);
  return *this;
}

CsvWriter& CsvWriter::boolean(bool value) {
  separator();
  buffer_.append(value ? "true" : "false");
  return *this;
}

CsvWriter& CsvWriter::empty() {
  separator();
  return *this;
}

CsvWriter& CsvWriter::code(std::string_view prefix, int64_t number, int width) {
  separator();
  buffer_.append(prefix);
  digits(number, width);
  return *this;
}

CsvWriter& CsvWriter::date(int32_t days) {
  separator();
  if (days < 0) {
    return *this;
  }
  const CivilDate civil = civil_from_days(days);
  digits(civil.year, 4);
  buffer_.push_back('-');
  digits(civil.month, 2);
  buffer_.push_back('-');
  digits(civil.day, 2);
  return *this;
}

CsvWriter& CsvWriter::month(int year, int month) {
  separator();
  digits(year, 4);
  buffer_.push_back('-');
  digits(month, 2);
  return *this;
}

CsvWriter& CsvWriter::iso_week(int iso_year, int week) {
  separator();
  digits(iso_year, 4);
  buffer_.append("-W");
  digits(week, 2);
  return *this;
}

void CsvWriter::end_row() {
  buffer_.push_back('\n');
  row_started_ = false;
  ++rows_;
  flush_if_full();
}

void CsvWriter::flush_if_full() {
  if (buffer_.size() < kChunk) {
    return;
  }
  if (status_.is_ok()) {
    status_ = sink_.append(buffer_);
  }
  buffer_.clear();
}

Status CsvWriter::finish() {
  if (status_.is_ok() && !buffer_.empty()) {
    status_ = sink_.append(buffer_);
  }
  buffer_.clear();
  if (status_.is_ok()) {
    status_ = sink_.end_file();
  }
  return status_;
}

}  // namespace cadence::generator

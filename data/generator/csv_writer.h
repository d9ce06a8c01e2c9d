// A buffered CSV writer for generated files: UTF-8, LF line ends, comma
// separated, RFC 4180 quoting by adapters/csv/csv_writer.h's append_csv_cell
// (the one CSV quoting function), without formula neutralising.
//
// Fields are formatted by hand into one large buffer that is handed to a
// FileSink in chunks of about 4 MiB: at the L size the generator writes
// ~10^8 fields and a stream or printf call per field would dominate the run.
//
// Errors: the first failing sink call is kept; later writes are dropped and
// finish() returns that Status. Not thread-safe; one writer per file.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "engine/core/status.h"

namespace cadence::generator {

// Receives the bytes of the generated files, one file at a time:
// begin_file, append..., end_file. Implementations write to a directory or
// keep the bytes in memory.
class FileSink {
 public:
  virtual ~FileSink() = default;
  virtual Status begin_file(std::string_view name) = 0;
  virtual Status append(std::string_view bytes) = 0;
  virtual Status end_file() = 0;
};

class CsvWriter {
 public:
  // Starts file `name` on `sink` and writes `header` (already comma
  // separated, without the line end) as its first row.
  CsvWriter(FileSink& sink, std::string_view name, std::string_view header);
  CsvWriter(const CsvWriter&) = delete;
  CsvWriter& operator=(const CsvWriter&) = delete;

  CsvWriter& text(std::string_view value);
  CsvWriter& integer(int64_t value);
  CsvWriter& boolean(bool value);
  CsvWriter& empty();
  // An identifier: prefix then number zero-padded to width digits ("O0000042").
  CsvWriter& code(std::string_view prefix, int64_t number, int width);
  // Days since 1970-01-01 as YYYY-MM-DD; a negative value writes an empty field.
  CsvWriter& date(int32_t days);
  CsvWriter& month(int year, int month);        // YYYY-MM
  CsvWriter& iso_week(int iso_year, int week);  // YYYY-Www
  void end_row();

  int64_t rows() const { return rows_; }
  // Flushes the rest and ends the file; returns the first error if any.
  Status finish();

 private:
  void separator();
  void digits(int64_t value, int width);
  void flush_if_full();

  FileSink& sink_;
  std::string buffer_;
  Status status_;
  bool row_started_ = false;
  int64_t rows_ = 0;
};

}  // namespace cadence::generator

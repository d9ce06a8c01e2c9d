// Masking personal data in everything cadence prints.
//
// The issue: "reports never print a full ID-card number (mask all but the
// last 4)", and "every output path goes through the masking". The masking
// is applied where text leaves the program, not where it is made, so that a
// new command or format cannot forget it:
//  - the program's standard output and error pass through a
//    MaskingStreambuf that main() installs for every command;
//  - write_audit_report and the bulletin writers mask what they write to a
//    file (MaskedOstream, mask_id_numbers);
//  - the XLSX writer masks every text cell (adapters/report/spreadsheet_cell.h).
//
// What counts as an ID-card number (GB 11643-1999 居民身份证号码, and the
// first-generation 15-digit form): in the text, a run of ASCII digits that is
// not part of a longer digit run and is either
//  - exactly 18 digits, or
//  - exactly 17 digits followed by a check character X or x (which is not
//    itself followed by a digit), or
//  - exactly 15 digits.
// Each such number is replaced by as many '*' as it has characters but 4,
// then its last 4 characters:
//   "身份证 11010519491231002X。" → "身份证 **************002X。"
//   "110105491231002"            → "***********1002"
// Runs of 16, 17 (without X) or 19+ digits are left alone (serial numbers,
// member ids). The check digit is not verified: a mistyped number is still
// personal data. Masking keeps the text's length, byte for byte, so carets
// under a diagnostic's source line still point at the right column.
// Numbers cadence formats itself never hold such a run: values and scores
// print with 6 decimals and at most 13 integer digits (rational.h), and a
// count of 10^14 or more is beyond any league export.
// Multi-byte UTF-8 text around the numbers is copied unchanged (its bytes are
// never ASCII digits). Pure functions, thread-safe.
#pragma once

#include <cstddef>
#include <ostream>
#include <streambuf>
#include <string>
#include <string_view>
#include <vector>

namespace cadence {

std::string mask_id_numbers(std::string_view text);

// Masks [text, text + size) in place. `after_digit`: the byte before `text`
// (written earlier) is a digit, so a leading digit run continues that run.
void mask_id_numbers_in_place(char* text, std::size_t size, bool after_digit);

// True when `text` as a whole is one ID-card number in the sense above (for
// writers that mask a whole cell, and for tests).
bool is_id_number(std::string_view text);

// A stream buffer that masks ID-card numbers in everything written through
// it, then hands the bytes to `target`. A trailing digit run (which the next
// write may lengthen into an ID number) is held back until the next byte
// that ends it, or finish(); a flush (sync) writes the rest and flushes the
// target. Write errors of the target make sync and overflow fail (the stream
// sets badbit) and finish() return false. Not thread-safe, like the stream.
class MaskingStreambuf : public std::streambuf {
 public:
  explicit MaskingStreambuf(std::streambuf* target);
  ~MaskingStreambuf() override;
  MaskingStreambuf(const MaskingStreambuf&) = delete;
  MaskingStreambuf& operator=(const MaskingStreambuf&) = delete;

  // Writes everything held back and flushes the target; false when a write
  // to the target failed, now or before.
  bool finish();

 protected:
  int_type overflow(int_type c) override;
  int sync() override;

 private:
  // Masks and writes the buffer's bytes, all of them when `all`, else all
  // but a trailing digit run; false on a write error.
  bool drain(bool all);

  std::streambuf* target_;
  std::vector<char> buffer_;
  bool after_digit_ = false;  // the last byte handed to target_ is a digit
  bool failed_ = false;
};

// An ostream over `target`'s buffer through a MaskingStreambuf; when
// `target` already masks (its buffer is a MaskingStreambuf), the bytes go
// straight to it. finish() (or the destructor) writes the rest and sets
// badbit on `target` when a write failed.
class MaskedOstream : public std::ostream {
 public:
  explicit MaskedOstream(std::ostream& target);
  ~MaskedOstream() override;
  MaskedOstream(const MaskedOstream&) = delete;
  MaskedOstream& operator=(const MaskedOstream&) = delete;
  void finish();

 private:
  std::ostream& target_;
  MaskingStreambuf masking_;
  bool finished_ = false;
};

}  // namespace cadence

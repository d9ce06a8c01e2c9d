// Masking personal data in report text.
//
// The issue: "reports never print a full ID-card number (mask all but the
// last 4)". Report writers pass every text they print that may hold member
// data (cells, evidence lines, messages) through mask_id_numbers.
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
// Runs of 16, 17 (without X) or 19+ digits are left alone (amounts, serial
// numbers, member ids). The check digit is not verified: a mistyped number
// is still personal data. Multi-byte UTF-8 text around the numbers is copied
// unchanged (its bytes are never ASCII digits). Pure function, thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace cadence {

std::string mask_id_numbers(std::string_view text);

// True when `text` as a whole is one ID-card number in the sense above (for
// writers that mask a whole cell, and for tests).
bool is_id_number(std::string_view text);

}  // namespace cadence

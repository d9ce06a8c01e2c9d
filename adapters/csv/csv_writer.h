// Writing CSV (RFC 4180) for reports and reject files.
//
// A cell is quoted only when it must be: when it contains a comma, a double
// quote, CR or LF, or starts or ends with a space (so a reader that trims
// keeps it). Quotes inside are doubled. Rows end with LF (contract.md:
// "UTF-8, LF"). The text is written as given (UTF-8 in, UTF-8 out).
//   csv_escape("a,b")      → "a,b" in quotes
//   csv_escape("say \"hi\"") → "say ""hi""" in quotes
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace cadence {

std::string csv_escape(std::string_view cell);

// Appends the cells, comma-separated and escaped, then "\n".
void write_csv_row(std::string& out, const std::vector<std::string>& cells);

}  // namespace cadence

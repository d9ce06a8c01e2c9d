// The text a spreadsheet cell receives from a report: ID-card numbers masked
// (pii.h) and a formula-like text neutralised with a leading apostrophe
// (csv_writer.h, OWASP "CSV Injection"). Every XLSX text cell goes through
// it, and XLSX texts are written as string cells, never as formulas; the
// apostrophe stays in the text so that a sheet saved again as CSV, or a
// cell edited and confirmed, does not turn it into a live formula.
//   spreadsheet_text("=HYPERLINK(\"http://x\",\"点击\")") → "'=HYPERLINK(\"http://x\",\"点击\")"
//   spreadsheet_text("身份证110101199003071234")         → "身份证**************1234"
#pragma once

#include <string>
#include <string_view>

namespace cadence {

std::string spreadsheet_text(std::string_view text);

}  // namespace cadence

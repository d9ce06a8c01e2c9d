#include "adapters/csv/csv_writer.h"

namespace cadence {
namespace {

bool needs_quotes(std::string_view cell) {
  if (cell.find_first_of(",\"\r\n") != std::string_view::npos) return true;
  return !cell.empty() && (cell.front() == ' ' || cell.back() == ' ');
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// "-0.5", "+3", "12", "12.000000": an optional sign, digits, optionally a
// point and digits. A spreadsheet reads it as the number it is.
bool is_plain_number(std::string_view cell) {
  std::size_t at = 0;
  if (at < cell.size() && (cell[at] == '-' || cell[at] == '+')) ++at;
  const std::size_t digits_start = at;
  while (at < cell.size() && is_digit(cell[at])) ++at;
  if (at == digits_start) return false;
  if (at == cell.size()) return true;
  if (cell[at] != '.') return false;
  const std::size_t fraction_start = ++at;
  while (at < cell.size() && is_digit(cell[at])) ++at;
  return at > fraction_start && at == cell.size();
}

}  // namespace

bool is_formula_like(std::string_view cell) {
  std::size_t at = 0;
  // Spreadsheets skip leading blanks before deciding that a cell is a formula.
  while (at < cell.size() && cell[at] == ' ') ++at;
  if (at == cell.size()) return false;
  switch (cell[at]) {
    case '=':
    case '+':
    case '-':
    case '@':
    case '\t':
    case '\r':
      return !is_plain_number(cell);
    default:
      return false;
  }
}

std::string neutralise_formula(std::string_view cell) {
  if (!is_formula_like(cell)) return std::string(cell);
  std::string out = "'";
  out.append(cell);
  return out;
}

void append_csv_cell(std::string& out, std::string_view cell, CellGuard guard) {
  const bool prefixed = guard == CellGuard::kSpreadsheet && is_formula_like(cell);
  if (!prefixed && !needs_quotes(cell)) {
    out.append(cell);
    return;
  }
  const bool quoted = needs_quotes(cell);
  if (quoted) out.push_back('"');
  if (prefixed) out.push_back('\'');
  for (char c : cell) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  if (quoted) out.push_back('"');
}

std::string csv_escape(std::string_view cell, CellGuard guard) {
  std::string out;
  append_csv_cell(out, cell, guard);
  return out;
}

void write_csv_row(std::string& out, const std::vector<std::string>& cells, CellGuard guard) {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) out.push_back(',');
    append_csv_cell(out, cells[i], guard);
  }
  out.push_back('\n');
}

}  // namespace cadence

#include "adapters/csv/csv_writer.h"

namespace cadence {
namespace {

bool needs_quotes(std::string_view cell) {
  if (cell.find_first_of(",\"\r\n") != std::string_view::npos) return true;
  return !cell.empty() && (cell.front() == ' ' || cell.back() == ' ');
}

void append_escaped(std::string& out, std::string_view cell) {
  if (!needs_quotes(cell)) {
    out.append(cell);
    return;
  }
  out.push_back('"');
  for (char c : cell) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

}  // namespace

std::string csv_escape(std::string_view cell) {
  std::string out;
  append_escaped(out, cell);
  return out;
}

void write_csv_row(std::string& out, const std::vector<std::string>& cells) {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) out.push_back(',');
    append_escaped(out, cells[i]);
  }
  out.push_back('\n');
}

}  // namespace cadence

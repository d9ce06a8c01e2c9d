#include "adapters/csv/table_shape.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <utility>

#include "adapters/import/cell_parser.h"
#include "engine/core/status.h"

namespace cadence {
namespace {

// Footer rows of real exports begin with one of these words.
constexpr std::array<std::string_view, 6> kFooterPrefixes = {"合计", "总计", "导出", "备注", "说明", "制表"};

std::string ascii_lower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower;
}

bool matches_hint(std::string_view cell, const HeaderHints& hints) {
  std::string_view trimmed = trim_spaces(cell);
  if (trimmed.empty()) return false;
  return hints.find(trimmed) != hints.end() || hints.find(ascii_lower(trimmed)) != hints.end();
}

std::size_t non_empty_cells(const CellRows::Row& cells) {
  std::size_t count = 0;
  for (std::size_t index = 0; index < cells.size(); ++index) count += trim_spaces(cells[index]).empty() ? 0 : 1;
  return count;
}

bool is_footer_row(const CellRows::Row& cells, std::size_t header_width) {
  for (std::size_t index = 0; index < cells.size(); ++index) {
    std::string_view trimmed = trim_spaces(cells[index]);
    if (trimmed.empty()) continue;
    for (std::string_view prefix : kFooterPrefixes) {
      if (trimmed.starts_with(prefix)) return true;
    }
    break;
  }
  return header_width >= 3 && non_empty_cells(cells) <= 1;
}

}  // namespace

bool is_blank_row(const std::vector<std::string>& cells) {
  return std::all_of(cells.begin(), cells.end(), [](const std::string& cell) { return trim_spaces(cell).empty(); });
}

void shape_table(CellRows rows, std::vector<int> lines, const HeaderHints& hints, RawTable& table) {
  CADENCE_ASSERT(rows.size() == lines.size());
  table.header.clear();
  table.rows.clear();
  table.row_lines.clear();
  table.header_line = 0;
  table.skipped_title_rows = 0;
  table.skipped_footer_rows = 0;
  table.footer_candidates = 0;
  if (rows.empty()) return;

  std::size_t searched = std::min(rows.size(), kHeaderSearchRows);
  std::size_t widest = 0;
  for (std::size_t r = 0; r < searched; ++r) widest = std::max(widest, rows[r].size());
  std::size_t required = std::min<std::size_t>(2, widest);
  std::size_t header_index = 0;
  for (std::size_t r = 0; r < searched; ++r) {
    const CellRows::Row cells = rows[r];
    std::size_t matched = 0;
    for (std::size_t index = 0; index < cells.size(); ++index) matched += matches_hint(cells[index], hints) ? 1 : 0;
    if (matched >= required && matched > 0) {
      header_index = r;
      break;
    }
  }

  const CellRows::Row header = rows[header_index];
  for (std::size_t index = 0; index < header.size(); ++index) table.header.emplace_back(trim_spaces(header[index]));
  while (!table.header.empty() && table.header.back().empty()) table.header.pop_back();
  table.header_line = lines[header_index];
  table.skipped_title_rows = static_cast<int>(header_index);

  std::size_t end = rows.size();
  while (end > header_index + 1 && is_footer_row(rows[end - 1], table.header.size())) --end;
  table.footer_candidates = static_cast<int>(rows.size() - end);

  const std::size_t first = header_index + 1;
  rows.drop_front(first);
  lines.erase(lines.begin(), lines.begin() + static_cast<std::ptrdiff_t>(first));
  table.rows = std::move(rows);
  table.row_lines = std::move(lines);
}

std::vector<SkippedFooter> drop_footer_rows(
    RawTable& table, const std::function<std::optional<std::string>(std::size_t row)>& problem_of) {
  std::vector<SkippedFooter> skipped;
  std::size_t end = table.rows.size();
  const std::size_t first_candidate = end - std::min<std::size_t>(end, static_cast<std::size_t>(table.footer_candidates));
  while (end > first_candidate) {
    std::optional<std::string> problem = problem_of(end - 1);
    if (!problem) break;
    --end;
    const CellRows::Row cells = table.rows[end];
    std::string text;
    for (std::size_t index = 0; index < cells.size(); ++index) {
      std::string_view cell = trim_spaces(cells[index]);
      if (!cell.empty()) text += (text.empty() ? "" : ", ") + std::string(cell);
    }
    skipped.push_back({table.row_lines[end], std::move(text), std::move(*problem)});
  }
  table.rows.drop_back(table.rows.size() - end);
  table.row_lines.resize(end);
  std::erase_if(table.extra_cells, [&](const ExtraCell& extra) { return extra.row >= end; });
  table.skipped_footer_rows = static_cast<int>(skipped.size());
  table.footer_candidates = 0;
  return skipped;
}

void shape_table(const std::vector<std::vector<std::string>>& rows, std::vector<int> lines, const HeaderHints& hints,
                 RawTable& table) {
  CellRows cells;
  for (const std::vector<std::string>& row : rows) cells.push_back(row);
  shape_table(std::move(cells), std::move(lines), hints, table);
}

}  // namespace cadence

#include "adapters/csv/cell_rows.h"

#include "engine/core/status.h"

namespace cadence {

std::vector<std::string> CellRows::Row::to_strings() const {
  std::vector<std::string> out;
  out.reserve(size());
  for (std::size_t index = 0; index < size(); ++index) out.emplace_back((*this)[index]);
  return out;
}

bool operator==(const CellRows::Row& row, const std::vector<std::string>& cells) {
  if (row.size() != cells.size()) return false;
  for (std::size_t index = 0; index < cells.size(); ++index) {
    if (row[index] != cells[index]) return false;
  }
  return true;
}

void CellRows::push_back(const std::vector<std::string>& cells) {
  for (const std::string& cell : cells) {
    append(cell);
    end_cell();
  }
  end_row();
}

void CellRows::reserve(std::size_t bytes, std::size_t cells) {
  text_.reserve(bytes);
  cell_ends_.reserve(cells + 1);
}

void CellRows::end_row() {
  CADENCE_ASSERT(last_ + 1 == row_cells_.size());
  row_cells_.push_back(cell_ends_.size() - 1);
  ++last_;
}

void CellRows::cancel_row() {
  const std::size_t first_cell = row_cells_.back();
  text_.resize(cell_ends_[first_cell]);
  cell_ends_.resize(first_cell + 1);
}

void CellRows::drop_front(std::size_t count) {
  CADENCE_ASSERT(count <= size());
  first_ += count;
}

void CellRows::drop_back(std::size_t count) {
  CADENCE_ASSERT(count <= size());
  last_ -= count;
}

void CellRows::clear() {
  text_.clear();
  cell_ends_.assign(1, 0);
  row_cells_.assign(1, 0);
  first_ = 0;
  last_ = 0;
}

bool operator==(const CellRows& rows, const std::vector<std::vector<std::string>>& expected) {
  if (rows.size() != expected.size()) return false;
  for (std::size_t row = 0; row < expected.size(); ++row) {
    if (!(rows[row] == expected[row])) return false;
  }
  return true;
}

}  // namespace cadence

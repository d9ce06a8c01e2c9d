// The cells of a table's rows, stored compactly: every cell's bytes in one
// text buffer, one offset per cell, one per row. A 150 MB export is then one
// 150 MB buffer and two arrays instead of millions of std::string and
// std::vector objects (the importer's memory and time went into those).
//
// Reading looks like a vector of rows of strings:
//
//   CellRows rows;
//   rows.push_back({"M1", "B1"});
//   rows[0].size() == 2; rows[0][1] == "B1";  // a std::string_view
//
// Readers build rows cell by cell without copies of their own (append,
// end_cell, end_row; cancel_row drops the row being built).
// The views a Row hands out stay valid until the CellRows is changed.
// drop_front and drop_back hide rows (title and footer rows) without moving
// any byte. Not thread-safe for writing; concurrent reading is fine.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace cadence {

class CellRows {
 public:
  class Row {
   public:
    std::size_t size() const { return end_ - begin_; }
    bool empty() const { return begin_ == end_; }
    std::string_view operator[](std::size_t index) const { return rows_->cell(begin_ + index); }
    std::vector<std::string> to_strings() const;
    friend bool operator==(const Row& row, const std::vector<std::string>& cells);

   private:
    friend class CellRows;
    Row(const CellRows* rows, std::size_t begin, std::size_t end) : rows_(rows), begin_(begin), end_(end) {}
    const CellRows* rows_;
    std::size_t begin_;  // first cell (index into the cell offsets)
    std::size_t end_;
  };

  CellRows() = default;

  std::size_t size() const { return last_ - first_; }
  bool empty() const { return first_ == last_; }
  Row operator[](std::size_t row) const {
    const std::size_t at = first_ + row;
    return Row(this, row_cells_[at], row_cells_[at + 1]);
  }

  // Appends a whole row (tests, readers that already hold strings).
  void push_back(const std::vector<std::string>& cells);

  // Cell-by-cell building: bytes are appended to the open cell, end_cell
  // closes it, end_row closes the row of the cells closed since the last
  // row; cancel_row drops those cells and their bytes. Rows are only built
  // while none are hidden at the end (no drop_back before).
  void reserve(std::size_t bytes, std::size_t cells);
  void append(std::string_view bytes) { text_.append(bytes); }
  void append(char byte) { text_.push_back(byte); }
  // Bytes appended to the cell being built so far.
  std::size_t open_cell_size() const { return text_.size() - cell_ends_.back(); }
  void end_cell() { cell_ends_.push_back(text_.size()); }
  // Cells of the row being built (ended ones).
  std::size_t open_row_cells() const { return cell_ends_.size() - 1 - row_cells_.back(); }
  std::string_view open_row_cell(std::size_t index) const { return cell(row_cells_.back() + index); }
  void end_row();
  void cancel_row();

  // Hides the first / last `count` rows (title and footer rows).
  void drop_front(std::size_t count);
  void drop_back(std::size_t count);
  void clear();

  friend bool operator==(const CellRows& rows, const std::vector<std::vector<std::string>>& expected);

 private:
  std::string_view cell(std::size_t index) const {
    return std::string_view(text_.data() + cell_ends_[index], cell_ends_[index + 1] - cell_ends_[index]);
  }

  std::string text_;
  // cell i is text_[cell_ends_[i], cell_ends_[i + 1]); starts with 0.
  std::vector<std::size_t> cell_ends_{0};
  // row r has cells [row_cells_[r], row_cells_[r + 1]); starts with 0.
  std::vector<std::size_t> row_cells_{0};
  std::size_t first_ = 0;  // visible rows are [first_, last_)
  std::size_t last_ = 0;
};

}  // namespace cadence

// Fuzz target: the XLSX reader on arbitrary bytes (zip, XML, cell values,
// sparse coordinates). The seed corpus (tests/fuzz/corpus/xlsx_reader) has
// sheets with cells far to the right and far down, so that the layout of
// sparse rows, the extra cells beyond the header and the limits are reached.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "adapters/xlsx/xlsx_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const cadence::HeaderHints kHints = {"id", "name", "团员编号", "姓名"};
  cadence::XlsxLimits limits;
  limits.zip.max_entry_bytes = 4u << 20;  // keep each run fast
  // Small layout limits, so that "too sparse" is reached by small inputs.
  limits.max_cells = 100'000;
  limits.min_layout_cells = 20'000;
  limits.max_layout_ratio = 16;
  cadence::Diagnostics diagnostics;
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto table = cadence::read_xlsx(bytes, "fuzz.xlsx", "", kHints, diagnostics, limits);
  if (table) {
    if (table->rows.size() != table->row_lines.size()) __builtin_trap();
    std::size_t cells = 0;
    for (std::size_t row = 0; row < table->rows.size(); ++row) cells += table->rows[row].size();
    // Memory in proportion to the cells present (xlsx_reader.h).
    if (cells > 10 * limits.max_columns + 20'000 + limits.max_layout_ratio * limits.max_cells) __builtin_trap();
    for (const cadence::ExtraCell& extra : table->extra_cells) {
      if (extra.row >= table->rows.size() || extra.cell < table->header.size()) __builtin_trap();
      if (extra.column < 1 || static_cast<std::size_t>(extra.column) > limits.max_columns) __builtin_trap();
    }
  } else if (!diagnostics.has_errors()) {
    __builtin_trap();
  }
  return 0;
}

// Fuzz target: the CSV reader on arbitrary bytes (encodings, quoting, limits).
//
// The first byte chooses the encoding (its value modulo 4: detection, then
// UTF-8, GB18030 and Latin-1 named, as `cadence import --encoding` does), so
// that detection and every explicit decoder are fuzzed; the rest is the file.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "adapters/csv/csv_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const cadence::HeaderHints kHints = {"id", "name", "org_id", "团员编号", "姓名"};
  static constexpr cadence::EncodingChoice kChoices[] = {cadence::EncodingChoice::kDetect, cadence::EncodingChoice::kUtf8,
                                                         cadence::EncodingChoice::kGb18030,
                                                         cadence::EncodingChoice::kLatin1};
  if (size == 0) return 0;
  const cadence::EncodingChoice encoding = kChoices[data[0] % 4];
  // Small limits so the fuzzer reaches the limit paths with small inputs.
  cadence::CsvLimits limits;
  limits.max_cells_per_row = 64;
  limits.max_field_bytes = 256;
  cadence::Diagnostics diagnostics;
  std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  auto table = cadence::read_csv(bytes, "fuzz.csv", kHints, diagnostics, limits, encoding);
  if (table) {
    if (table->rows.size() != table->row_lines.size()) __builtin_trap();
    if (static_cast<std::size_t>(table->footer_candidates) > table->rows.size()) __builtin_trap();
    std::size_t previous = 0;
    for (const cadence::ExtraCell& extra : table->extra_cells) {
      // One per row, in row order, beyond the header, inside the row.
      if (extra.row >= table->rows.size() || (previous > 0 && extra.row < previous)) __builtin_trap();
      if (extra.cell < table->header.size() || extra.cell >= table->rows[extra.row].size()) __builtin_trap();
      if (extra.line < table->row_lines[extra.row] || extra.column < 1) __builtin_trap();
      previous = extra.row + 1;
    }
  } else if (!diagnostics.has_errors()) {
    __builtin_trap();  // refused without saying why
  }
  return 0;
}

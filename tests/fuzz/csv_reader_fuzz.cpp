// Fuzz target: the CSV reader on arbitrary bytes (encodings, quoting, limits).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "adapters/csv/csv_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const cadence::HeaderHints kHints = {"id", "name", "org_id", "团员编号", "姓名"};
  // Small limits so the fuzzer reaches the limit paths with small inputs.
  cadence::CsvLimits limits;
  limits.max_cells_per_row = 64;
  limits.max_field_bytes = 256;
  cadence::Diagnostics diagnostics;
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto table = cadence::read_csv(bytes, "fuzz.csv", kHints, diagnostics, limits);
  if (table && table->rows.size() != table->row_lines.size()) __builtin_trap();
  return 0;
}

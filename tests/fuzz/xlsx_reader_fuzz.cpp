// Fuzz target: the XLSX reader on arbitrary bytes (zip, XML, cell values).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "adapters/xlsx/xlsx_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const cadence::HeaderHints kHints = {"id", "name", "团员编号", "姓名"};
  cadence::XlsxLimits limits;
  limits.zip.max_entry_bytes = 4u << 20;  // keep each run fast
  cadence::Diagnostics diagnostics;
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto table = cadence::read_xlsx(bytes, "fuzz.xlsx", "", kHints, diagnostics, limits);
  if (table && table->rows.size() != table->row_lines.size()) __builtin_trap();
  return 0;
}

// Fuzz target: the .xls reader on arbitrary bytes (Compound File, BIFF
// records, shared strings, cell values), through libfreexl. The seed corpus
// (tests/fuzz/corpus/xls_reader) holds small workbooks written by xlwt: the
// fixtures of tests/adapters/xls and a truncated one. libfreexl itself is
// Debian's, not instrumented: the fuzzer's coverage is cadence's side, and
// what it checks is that whatever libfreexl returns, the reader returns a
// table or an error, never a crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "adapters/xls/xls_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const cadence::HeaderHints kHints = {"id", "name", "团员编号", "姓名"};
  cadence::Diagnostics diagnostics;
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto table = cadence::read_xls(bytes, "fuzz.xls", "", kHints, diagnostics);
  if (table) {
    if (table->rows.size() != table->row_lines.size()) __builtin_trap();
    for (const cadence::ExtraCell& extra : table->extra_cells) {
      if (extra.row >= table->rows.size() || extra.cell < table->header.size()) __builtin_trap();
      if (extra.column < 1 || extra.column > 256) __builtin_trap();
    }
  } else if (!diagnostics.has_errors()) {
    __builtin_trap();
  }
  cadence::Diagnostics listed;
  auto sheets = cadence::list_xls_sheets(bytes, "fuzz.xls", listed);
  if (!sheets && !listed.has_errors()) __builtin_trap();
  return 0;
}

// Fuzz target: decoding a run's findings blob from arbitrary bytes. A blob
// that decodes must encode to a canonical blob that decodes to the same
// findings and encodes to itself again.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "adapters/store/finding_codec.h"

namespace {

bool same(const std::vector<cadence::StoredFinding>& a, const std::vector<cadence::StoredFinding>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].rule != b[i].rule || a[i].org_id != b[i].org_id || a[i].period != b[i].period ||
        a[i].status != b[i].status || a[i].value_micros != b[i].value_micros ||
        a[i].score_micros != b[i].score_micros || a[i].numerator != b[i].numerator ||
        a[i].denominator != b[i].denominator || a[i].gap != b[i].gap || a[i].message != b[i].message) {
      return false;
    }
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace cadence::store;
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto findings = decode_findings(kFindingFormat, bytes);
  if (!findings.is_ok()) {
    if (findings.status().message().empty()) __builtin_trap();
    return 0;
  }
  const std::string canonical = encode_findings(code_findings(*findings));
  auto again = decode_findings(kFindingFormat, canonical);
  if (!again.is_ok()) __builtin_trap();
  if (encode_findings(code_findings(*again)) != canonical) __builtin_trap();
  // Decoding keeps the blob's order; the canonical blob is sorted, so the
  // two agree whenever the input was sorted too (every blob cadence wrote).
  if (bytes == canonical && !same(*findings, *again)) __builtin_trap();
  return 0;
}

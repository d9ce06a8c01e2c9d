// The byte layout of a recorded run's findings: one BLOB per run
// (run_findings.findings), because a run's findings are written once and only
// ever read back whole. Writing them as one blob instead of a row each is
// what takes recording a full-year audit of M (524k findings) from seconds to
// milliseconds.
//
// Format 1 (run_findings.format = 1). Every integer is a LEB128 varint (7
// bits a byte, low bits first, at most 10 bytes); signed ones are zigzag
// coded first (0, -1, 1, -2 … → 0, 1, 2, 3 …). A text is its byte length then
// its bytes (UTF-8 as given, not checked).
//
//   count                          findings in the blob
//   5 dictionaries, in this order: rule, org_id, period, status, gap
//     size, then `size` texts      distinct texts in byte order (memcmp)
//   count findings, each:
//     rule, org_id, period, status, gap
//                                  indexes into the dictionaries
//     value_micros, score_micros   zigzag
//     ratio                        0..3: bit 0 numerator present,
//                                  bit 1 denominator present
//     numerator, denominator       zigzag, each only when present
//     message                      prefix, suffix, text: the message is the
//                                  previous finding's message's first
//                                  `prefix` bytes, then text, then that
//                                  message's last `suffix` bytes (prefix +
//                                  suffix at most its length; the first
//                                  finding's previous message is "")
//
// Neighbouring messages are of one rule and one org ("清河镇庙寨村团支部
// 2023-W01 参学率 50.0%（9/18），低于 60%", then "… 2023-W02 …"): sharing
// their ends takes M's 42 MB of message text to 8 MB.
//
// For example one finding {rule "r", org "B1", period "2023-W10", "fail",
// value 0.5, score 2, 9/18, gap "2", message "低"} is
//   01  01 01 'r'  01 02 'B' '1'  01 08 "2023-W10"  01 04 "fail"  01 01 '2'
//   00 00 00 00 00  c0 84 3d  80 92 f4 01  03 12 24  00 00 03 e4 bd 8e
//
// Order. The findings are stored, and decoded, ordered by (rule, org_id,
// period) compared as bytes: SQLite's BINARY collation, the order
// Store::run_findings has always returned. Findings with the same identity
// keep the order they were given in. Dictionaries in byte order make the
// blob depend only on the findings (and that tie order), never on the order
// the evaluator produced them in nor on how the caller's dictionaries were
// laid out.
//
// Pure functions, no SQLite: the store writes and reads the blobs.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "adapters/store/audit_run.h"
#include "engine/core/status.h"

namespace cadence::store {

// The format encode_findings writes.
inline constexpr int kFindingFormat = 1;

// The blob of `findings` in format kFindingFormat.
std::string encode_findings(const CodedFindings& findings);

// `findings` with their texts coded; the messages are views of `findings`'
// own.
CodedFindings code_findings(const std::vector<StoredFinding>& findings);

// The findings of a blob of the given format, in stored order. A format this
// build does not know, or a blob that is not exactly one well-formed
// encoding (truncated, a varint too long, an index outside its dictionary, a
// count the bytes cannot hold, a shared message end longer than the previous
// message, bytes left over) is a Status kStoreError saying what is wrong and
// at which byte; it never reads outside `blob`.
Result<std::vector<StoredFinding>> decode_findings(int format, std::string_view blob);

}  // namespace cadence::store

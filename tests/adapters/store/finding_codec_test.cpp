#include "adapters/store/finding_codec.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "tests/adapters/store/store_probes.h"

namespace cadence::store {
namespace {

using testing::describe;

StoredFinding finding(std::string rule, std::string org, std::string period, std::string message = "m") {
  return testing::stored_finding(std::move(rule), std::move(org), std::move(period), std::move(message), 500000,
                                 2000000, "2");
}

std::string encode(const std::vector<StoredFinding>& findings) {
  return encode_findings(code_findings(findings));
}

std::vector<StoredFinding> decoded(std::string_view blob) {
  auto findings = decode_findings(kFindingFormat, blob);
  REQUIRE_MESSAGE(findings.is_ok(), findings.status().message());
  return *findings;
}

std::string bytes(std::initializer_list<int> values) {
  std::string out;
  for (int value : values) out.push_back(static_cast<char>(value));
  return out;
}

TEST_CASE("the blob of one finding is the header's example, byte for byte") {
  StoredFinding one = finding("r", "B1", "2023-W10", "低");
  one.numerator = 9;
  one.denominator = 18;
  const std::string blob = encode({one});
  const std::string expected =
      bytes({0x01, 0x01, 0x01, 'r', 0x01, 0x02, 'B', '1', 0x01, 0x08}) + "2023-W10" + bytes({0x01, 0x04}) +
      "fail" + bytes({0x01, 0x01, '2',  0,    0,    0,    0,    0,    0xc0, 0x84, 0x3d, 0x80,
                      0x92, 0xf4, 0x01, 0x03, 0x12, 0x24, 0x00, 0x00, 0x03, 0xe4, 0xbd, 0x8e});
  CHECK(blob == expected);
  CHECK(describe(decoded(blob)) == describe({one}));
}

TEST_CASE("an empty run is six zero bytes and decodes to no findings") {
  const std::string blob = encode({});
  CHECK(blob == std::string(6, '\0'));
  CHECK(decoded(blob).empty());
}

TEST_CASE("every field survives the round trip, optional ratio parts and extremes included") {
  std::vector<StoredFinding> findings;
  StoredFinding both = finding("study.weekly_rate", "O0000006", "2023-W01",
                               "清河镇庙寨村团支部 参学率 50.0%（9/18），低于 60%");
  both.numerator = 9;
  both.denominator = 18;
  findings.push_back(both);
  StoredFinding numerator_only = finding("study.weekly_rate", "O0000007", "2023-W01");
  numerator_only.numerator = 0;
  findings.push_back(numerator_only);
  StoredFinding denominator_only = finding("study.weekly_rate", "O0000008", "2023-W01");
  denominator_only.denominator = -3;
  findings.push_back(denominator_only);
  StoredFinding extremes = finding("org.small", "团支部", "2023", "");
  extremes.status = "warn";
  extremes.gap = "";
  extremes.value_micros = std::numeric_limits<int64_t>::min();
  extremes.score_micros = std::numeric_limits<int64_t>::max();
  extremes.numerator = std::numeric_limits<int64_t>::max();
  extremes.denominator = std::numeric_limits<int64_t>::min();
  findings.push_back(extremes);
  StoredFinding negative = finding("org.small", "B", "2023-Q1", std::string(300, 'x'));
  negative.value_micros = -1;
  negative.score_micros = -64;
  findings.push_back(negative);

  // Expected: the same findings ordered by (rule, org, period) as bytes.
  std::vector<StoredFinding> expected = {negative, extremes, both, numerator_only, denominator_only};
  CHECK(describe(decoded(encode(findings))) == describe(expected));
}

TEST_CASE(
    "findings come back ordered by rule, org and period as bytes (SQLite BINARY), ties in given order") {
  // memcmp order: "B" < "a" < "ab" < "b" < "é" (0xc3 0xa9); "2023" < "2023-01"
  // < "2023-Q1" < "2023-W01"; org "O10" < "O9".
  std::vector<StoredFinding> findings = {
      finding("é", "O1", "2023"),          finding("b", "O1", "2023"),         finding("ab", "O1", "2023"),
      finding("a", "O9", "2023-W01"),      finding("a", "O10", "2023"),        finding("a", "O9", "2023-Q1"),
      finding("a", "O9", "2023-01"),       finding("a", "O9", "2023"),         finding("B", "O1", "2023"),
      finding("a", "O9", "2023", "tie 2"), finding("a", "O9", "2023", "tie 3")};
  std::string order;
  for (const auto& f : decoded(encode(findings)))
    order += f.rule + " " + f.org_id + " " + f.period + " " + f.message + "\n";
  CHECK(order ==
        "B O1 2023 m\n"
        "a O10 2023 m\n"
        "a O9 2023 m\n"
        "a O9 2023 tie 2\n"
        "a O9 2023 tie 3\n"
        "a O9 2023-01 m\n"
        "a O9 2023-Q1 m\n"
        "a O9 2023-W01 m\n"
        "ab O1 2023 m\n"
        "b O1 2023 m\n"
        "é O1 2023 m\n");
}

TEST_CASE("the blob depends on the findings, not on the order they were given in") {
  std::vector<StoredFinding> findings = {finding("b", "O2", "2023-W02"), finding("a", "O1", "2023-W01"),
                                         finding("a", "O2", "2023-W02"), finding("b", "O1", "2023-W01")};
  const std::string blob = encode(findings);
  std::reverse(findings.begin(), findings.end());
  CHECK(encode(findings) == blob);
}

TEST_CASE("messages sharing their ends with the previous one survive, whatever they share") {
  // In stored order (by period): each message against the one before it.
  const std::vector<std::string> messages = {
      "清河镇庙寨村团支部 2023-W01 参学率 50.0%（9/18），低于 60%",
      "清河镇庙寨村团支部 2023-W02 参学率 50.0%（9/18），低于 60%",  // one byte differs
      "清河镇庙寨村团支部 2023-W02 参学率 50.0%（9/18），低于 60%",  // the same
      "清河镇庙寨村团支部",                                          // a prefix of it
      "",
      "团支部",         // after an empty one
      "团支部 团支部",  // it, twice
      "支部",           // its end, split mid-character before
      "x支部"};
  std::vector<StoredFinding> findings;
  for (std::size_t i = 0; i < messages.size(); ++i) {
    findings.push_back(finding("r", "O1", "2023-W" + std::to_string(10 + i), messages[i]));
  }
  const std::string blob = encode(findings);
  CHECK(describe(decoded(blob)) == describe(findings));
  // The second message (75 bytes) costs the blob its one differing byte,
  // besides the finding's codes, numbers and period.
  const std::string one = encode({findings[0]});
  const std::string two = encode({findings[0], findings[1]});
  CHECK(messages[1].size() == 75);
  CHECK(two.size() - one.size() < 30);
}

TEST_CASE("coded findings: unused and repeated dictionary texts give the blob of the plain findings") {
  CodedFindings coded;
  coded.rules = {"unused", "b", "a"};
  coded.org_ids = {"O2", "O1", "O2"};  // "O2" twice: one org
  coded.periods = {"2023-W02", "2023-W01"};
  coded.statuses = {"warn", "fail"};
  coded.gaps = {"1", "2", "3"};
  const std::string first = "first";
  const std::string second = "second";
  const std::string third = "third";
  CodedFindings::Finding row;
  row.rule = 1;
  row.org = 0;
  row.period = 0;
  row.status = 1;
  row.gap = 1;
  row.value_micros = 500000;
  row.score_micros = 2000000;
  row.message = first;
  coded.findings.push_back(row);
  row.org = 2;
  row.period = 1;
  row.message = second;
  coded.findings.push_back(row);
  row.rule = 2;
  row.org = 1;
  row.numerator = 3;
  row.message = third;
  coded.findings.push_back(row);

  StoredFinding b_o2_w02 = finding("b", "O2", "2023-W02", "first");
  StoredFinding b_o2_w01 = finding("b", "O2", "2023-W01", "second");
  StoredFinding a_o1_w01 = finding("a", "O1", "2023-W01", "third");
  a_o1_w01.numerator = 3;
  const std::string blob = encode_findings(coded);
  CHECK(blob == encode({a_o1_w01, b_o2_w01, b_o2_w02}));
  CHECK(describe(decoded(blob)) == describe({a_o1_w01, b_o2_w01, b_o2_w02}));
}

std::string status_of(int format, std::string_view blob) {
  auto findings = decode_findings(format, blob);
  REQUIRE_FALSE(findings.is_ok());
  CHECK(findings.status().code() == StatusCode::kStoreError);
  return findings.status().message();
}

std::string sample_blob() {
  StoredFinding first = finding("study.weekly_rate", "O1", "2023-W01", "参学率 50.0%");
  first.numerator = 9;
  first.denominator = 18;
  return encode({first, finding("org.small", "O2", "2023"), finding("org.small", "O3", "2023")});
}

TEST_CASE("a format this build does not know is refused") {
  CHECK(status_of(2, sample_blob()) ==
        "findings blob of format 2, which this cadence cannot read (it reads format 1)");
}

TEST_CASE("every truncation of a blob is an error, never a crash or an over-read") {
  const std::string blob = sample_blob();
  for (std::size_t size = 0; size < blob.size(); ++size) {
    // A copy of exactly `size` bytes: ASan catches a read past it.
    const std::string prefix = blob.substr(0, size);
    CAPTURE(size);
    CHECK(status_of(kFindingFormat, prefix)
              .starts_with("damaged findings blob (" + std::to_string(size) + " bytes): "));
  }
  CHECK(status_of(kFindingFormat, "") == "damaged findings blob (0 bytes): count: truncated at byte 0");
  // The last finding in order is study.weekly_rate's, with a 15-byte message.
  CHECK(status_of(kFindingFormat, blob.substr(0, blob.size() - 1))
            .find("finding 3's message: 15 bytes where 14 are left") != std::string::npos);
}

TEST_CASE("every single-byte change either decodes or is a clear error") {
  const std::string blob = sample_blob();
  int errors = 0;
  for (std::size_t at = 0; at < blob.size(); ++at) {
    for (int value : {0x00, 0x01, 0x7f, 0x80, 0xff}) {
      std::string damaged = blob;
      damaged[at] = static_cast<char>(value);
      auto findings = decode_findings(kFindingFormat, damaged);
      if (!findings.is_ok()) {
        ++errors;
        CHECK(findings.status().message().starts_with("damaged findings blob"));
      }
    }
  }
  CHECK(errors > 0);
}

TEST_CASE("damage is described with what and where") {
  // count 1, dictionaries of one text each (bytes 0-15), then the finding:
  // five codes (16-20), value, score, ratio flags (21-23), message prefix,
  // suffix and length (24-26).
  const std::string header =
      bytes({0x01, 0x01, 0x01, 'r', 0x01, 0x01, 'o', 0x01, 0x01, 'p', 0x01, 0x01, 'f', 0x01, 0x01, 'g'});
  const std::string good = header + bytes({0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
  CHECK(decoded(good).size() == 1);
  CHECK(status_of(kFindingFormat, header + bytes({0, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0})) ==
        "damaged findings blob (27 bytes): finding 1's org_id: 5 is outside its dictionary of 1 at byte 17");
  CHECK(status_of(kFindingFormat, header + bytes({0, 0, 0, 0, 0, 0, 0, 4, 0, 0, 0})) ==
        "damaged findings blob (27 bytes): finding 1's ratio flags: 4 is not 0 to 3 at byte 23");
  CHECK(status_of(kFindingFormat, header + bytes({0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0})) ==
        "damaged findings blob (27 bytes): finding 1's message: shares 1 + 0 bytes with a previous message "
        "of 0 at "
        "byte 24");
  CHECK(status_of(kFindingFormat, good + "x") ==
        "damaged findings blob (28 bytes): end: 1 bytes after the last finding at byte 27");
  // Nine continuation bytes, then a tenth byte above bit 63.
  CHECK(
      status_of(kFindingFormat, header + bytes({0,    0,    0,    0,    0,    0xff, 0xff, 0xff, 0xff, 0xff,
                                                0xff, 0xff, 0xff, 0xff, 0x02, 0,    0,    0,    0,    0})) ==
      "damaged findings blob (36 bytes): finding 1's value: does not fit 64 bits at byte 21");
  CHECK(status_of(kFindingFormat, bytes({0x01, 0x05, 0x01, 'r'})) ==
        "damaged findings blob (4 bytes): count: 1 is more than the 3 bytes left can hold at byte 0");
  CHECK(status_of(kFindingFormat, bytes({0x00, 0x00, 0x03, 0x01, 'a', 0x05, 'b'})) ==
        "damaged findings blob (7 bytes): org_id dictionary's text: 5 bytes where 1 are left at byte 5");
}

TEST_CASE("a count larger than the blob can hold is refused before anything is allocated") {
  // 2^62 findings claimed by a 16-byte blob.
  const std::string blob = bytes({0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x40, 0, 0, 0, 0, 0, 0, 0});
  CHECK(status_of(kFindingFormat, blob).find("count: 4611686018427387904 is more than") != std::string::npos);
  // A dictionary of 2^62 texts likewise.
  const std::string dictionary =
      bytes({0x00, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x40, 0, 0, 0, 0});
  CHECK(status_of(kFindingFormat, dictionary)
            .find("rule dictionary's size: 4611686018427387904 is more than") != std::string::npos);
}

}  // namespace
}  // namespace cadence::store

#include "adapters/store/finding_codec.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <numeric>
#include <string>
#include <unordered_map>

namespace cadence::store {
namespace {

static_assert(std::endian::native == std::endian::little,
              "shared_prefix and shared_suffix assume little-endian words");

using Coded = CodedFindings::Finding;

// The dictionary-coded fields, in blob order.
enum Field { kRule, kOrg, kPeriod, kStatus, kGap, kFieldCount };
constexpr std::array<std::string_view, kFieldCount> kFieldNames = {"rule", "org_id", "period", "status",
                                                                   "gap"};
constexpr std::array<std::string StoredFinding::*, kFieldCount> kTexts = {
    &StoredFinding::rule, &StoredFinding::org_id, &StoredFinding::period, &StoredFinding::status,
    &StoredFinding::gap};
constexpr std::array<uint32_t Coded::*, kFieldCount> kCodes = {&Coded::rule, &Coded::org, &Coded::period,
                                                               &Coded::status, &Coded::gap};
constexpr std::array<std::vector<std::string> CodedFindings::*, kFieldCount> kDictionaries = {
    &CodedFindings::rules, &CodedFindings::org_ids, &CodedFindings::periods, &CodedFindings::statuses,
    &CodedFindings::gaps};

constexpr uint64_t kHasNumerator = 1;
constexpr uint64_t kHasDenominator = 2;

// The fewest bytes a finding takes: five codes, value, score, ratio and the
// message's prefix, suffix and length, one byte each.
constexpr std::size_t kMinFindingBytes = 11;

// The most bytes a finding takes before its message's text: five codes of
// 32 bits (5 bytes each), four 64-bit integers (10 each), the ratio flags
// and three message lengths (10 each).
constexpr std::size_t kMaxFindingHead = 5 * 5 + 4 * 10 + 1 + 3 * 10;

uint64_t zigzag(int64_t value) {
  return (static_cast<uint64_t>(value) << 1) ^ static_cast<uint64_t>(value >> 63);
}

int64_t unzigzag(uint64_t value) {
  return static_cast<int64_t>((value >> 1) ^ (0 - (value & 1)));
}

char* put_varint(char* out, uint64_t value) {
  while (value >= 0x80) {
    *out++ = static_cast<char>((value & 0x7f) | 0x80);
    value >>= 7;
  }
  *out++ = static_cast<char>(value);
  return out;
}

void append_varint(std::string& out, uint64_t value) {
  char bytes[10];
  out.append(bytes, static_cast<std::size_t>(put_varint(bytes, value) - bytes));
}

void append_text(std::string& out, std::string_view text) {
  append_varint(out, text.size());
  out.append(text);
}

// One field's dictionary as the blob has it: the texts the findings use,
// each once, in byte order, and the blob code of each of the caller's codes.
struct BlobDictionary {
  std::vector<std::string_view> texts;
  std::vector<uint32_t> code_of;
};

// `used[code]` says whether a finding has the code.
BlobDictionary blob_dictionary(const std::vector<std::string>& texts, const std::vector<uint8_t>& used) {
  std::vector<uint32_t> by_text;
  for (uint32_t code = 0; code < texts.size(); ++code) {
    if (used[code]) by_text.push_back(code);
  }
  std::sort(by_text.begin(), by_text.end(), [&](uint32_t a, uint32_t b) { return texts[a] < texts[b]; });
  BlobDictionary out;
  out.code_of.assign(texts.size(), 0);
  for (uint32_t code : by_text) {
    if (out.texts.empty() || out.texts.back() != texts[code]) out.texts.emplace_back(texts[code]);
    out.code_of[code] = static_cast<uint32_t>(out.texts.size() - 1);
  }
  return out;
}

// A finding's identity as blob codes, which compare as their texts do, and
// its index among the caller's findings.
struct SortKey {
  uint32_t rule;
  uint32_t org;
  uint32_t period;
  uint32_t index;
};

// `keys` stably sorted by key.*field < key_count: a counting sort, linear in
// the findings and the dictionary.
std::vector<SortKey> sort_by(const std::vector<SortKey>& keys, uint32_t SortKey::*field,
                             std::size_t key_count) {
  std::vector<uint32_t> next(key_count + 1, 0);
  for (const SortKey& key : keys) ++next[key.*field + 1];
  std::partial_sum(next.begin(), next.end(), next.begin());
  std::vector<SortKey> sorted(keys.size());
  for (const SortKey& key : keys) sorted[next[key.*field]++] = key;
  return sorted;
}

uint64_t word_at(const char* bytes) {
  uint64_t word;
  std::memcpy(&word, bytes, sizeof word);
  return word;
}

// Neighbouring messages share most of their bytes: compare eight at a time.
// (Little-endian: the first differing byte is the lowest set one.)
std::size_t shared_prefix(std::string_view a, std::string_view b) {
  const std::size_t limit = std::min(a.size(), b.size());
  std::size_t length = 0;
  for (; length + 8 <= limit; length += 8) {
    const uint64_t differ = word_at(a.data() + length) ^ word_at(b.data() + length);
    if (differ != 0) return length + static_cast<std::size_t>(std::countr_zero(differ) / 8);
  }
  while (length < limit && a[length] == b[length]) ++length;
  return length;
}

// The common end of a and b, leaving the first `skip` bytes of each alone.
std::size_t shared_suffix(std::string_view a, std::string_view b, std::size_t skip) {
  const std::size_t limit = std::min(a.size(), b.size()) - skip;
  const char* a_end = a.data() + a.size();
  const char* b_end = b.data() + b.size();
  std::size_t length = 0;
  for (; length + 8 <= limit; length += 8) {
    const uint64_t differ = word_at(a_end - length - 8) ^ word_at(b_end - length - 8);
    if (differ != 0) return length + static_cast<std::size_t>(std::countl_zero(differ) / 8);
  }
  while (length < limit &&
         a_end[-1 - static_cast<std::ptrdiff_t>(length)] == b_end[-1 - static_cast<std::ptrdiff_t>(length)]) {
    ++length;
  }
  return length;
}

// The blob's dictionaries, and the findings' identities in blob order.
struct Layout {
  std::array<BlobDictionary, kFieldCount> dictionaries;
  std::vector<SortKey> order;
};

Layout lay_out(const CodedFindings& coded) {
  const std::vector<Coded>& findings = coded.findings;
  // One pass over the findings: which codes they use, and their identities
  // in the caller's codes.
  std::array<std::vector<uint8_t>, kFieldCount> used;
  for (std::size_t field = 0; field < kFieldCount; ++field) {
    used[field].assign((coded.*kDictionaries[field]).size(), 0);
  }
  Layout layout;
  std::vector<SortKey>& keys = layout.order;
  keys.resize(findings.size());
  for (uint32_t index = 0; index < keys.size(); ++index) {
    const Coded& finding = findings[index];
    for (std::size_t field = 0; field < kFieldCount; ++field) {
      const uint32_t code = finding.*kCodes[field];
      CADENCE_ASSERT(code < used[field].size());
      used[field][code] = 1;
    }
    keys[index] = {finding.rule, finding.org, finding.period, index};
  }
  auto& dictionaries = layout.dictionaries;
  for (std::size_t field = 0; field < kFieldCount; ++field) {
    dictionaries[field] = blob_dictionary(coded.*kDictionaries[field], used[field]);
  }
  // Blob codes compare as their texts do: order by (rule, org, period) with
  // a least-significant-first radix sort, stable, so ties keep their order.
  for (SortKey& key : keys) {
    key.rule = dictionaries[kRule].code_of[key.rule];
    key.org = dictionaries[kOrg].code_of[key.org];
    key.period = dictionaries[kPeriod].code_of[key.period];
  }
  keys = sort_by(keys, &SortKey::period, dictionaries[kPeriod].texts.size());
  keys = sort_by(keys, &SortKey::org, dictionaries[kOrg].texts.size());
  keys = sort_by(keys, &SortKey::rule, dictionaries[kRule].texts.size());
  return layout;
}

// Appends a finding whose message follows `previous`.
void append_finding(std::string& out, const Layout& layout, const SortKey& key, const Coded& finding,
                    std::string_view previous) {
  char head[kMaxFindingHead];
  char* end = head;
  end = put_varint(end, key.rule);
  end = put_varint(end, key.org);
  end = put_varint(end, key.period);
  end = put_varint(end, layout.dictionaries[kStatus].code_of[finding.status]);
  end = put_varint(end, layout.dictionaries[kGap].code_of[finding.gap]);
  end = put_varint(end, zigzag(finding.value_micros));
  end = put_varint(end, zigzag(finding.score_micros));
  end =
      put_varint(end, (finding.numerator ? kHasNumerator : 0) | (finding.denominator ? kHasDenominator : 0));
  if (finding.numerator) end = put_varint(end, zigzag(*finding.numerator));
  if (finding.denominator) end = put_varint(end, zigzag(*finding.denominator));
  const std::string_view message = finding.message;
  const std::size_t prefix = shared_prefix(previous, message);
  const std::size_t suffix = shared_suffix(previous, message, prefix);
  const std::string_view text = message.substr(prefix, message.size() - prefix - suffix);
  end = put_varint(end, prefix);
  end = put_varint(end, suffix);
  end = put_varint(end, text.size());
  out.append(head, static_cast<std::size_t>(end - head));
  out.append(text);
}

// Codes the texts of StoredFindings: hands out codes in order of first
// appearance. The keys view the findings' own texts, which outlive it (not
// the copies in `texts`, which move as the vector grows).
class TextCodes {
 public:
  explicit TextCodes(std::vector<std::string>& texts) : texts_(texts) {}

  uint32_t code(const std::string& text) {
    // Equal values come in runs (a rule's findings, an org's periods): check
    // the last one before hashing.
    if (!texts_.empty() && text == texts_[last_]) return last_;
    auto [entry, inserted] = codes_.try_emplace(text, static_cast<uint32_t>(texts_.size()));
    if (inserted) texts_.push_back(text);
    last_ = entry->second;
    return last_;
  }

 private:
  std::vector<std::string>& texts_;
  std::unordered_map<std::string_view, uint32_t> codes_;
  uint32_t last_ = 0;
};

// Reads a blob front to back. Every read checks the bytes left first; the
// first failure is kept in error(), described with where it happened (which
// dictionary, which finding, which byte). Descriptions are built only then:
// decoding a good blob formats no text.
class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}

  // Where the next reads are, for error messages.
  void in_dictionary(int field) { dictionary_ = field; }
  void at_finding(std::size_t number) {
    dictionary_ = -1;
    finding_ = number;
  }

  // False when the bytes end first or the varint is longer than 64 bits.
  bool varint(uint64_t& value, std::string_view what) {
    value = 0;
    const std::size_t start = offset_;
    for (int shift = 0; shift < 64; shift += 7) {
      if (offset_ == bytes_.size()) return fail(start, what, "truncated");
      const auto byte = static_cast<uint8_t>(bytes_[offset_++]);
      // The tenth byte holds bit 63 only.
      if (shift == 63 && byte > 1) break;
      value |= static_cast<uint64_t>(byte & 0x7f) << shift;
      if ((byte & 0x80) == 0) return true;
    }
    return fail(start, what, "does not fit 64 bits");
  }

  bool signed_varint(int64_t& value, std::string_view what) {
    uint64_t raw = 0;
    if (!varint(raw, what)) return false;
    value = unzigzag(raw);
    return true;
  }

  // An index below `size`.
  bool index(uint32_t& value, std::size_t size, std::string_view what) {
    const std::size_t start = offset_;
    uint64_t raw = 0;
    if (!varint(raw, what)) return false;
    if (raw >= size) {
      return fail(start, what, std::to_string(raw) + " is outside its dictionary of " + std::to_string(size));
    }
    value = static_cast<uint32_t>(raw);
    return true;
  }

  bool text(std::string_view& value, std::string_view what) {
    const std::size_t start = offset_;
    uint64_t length = 0;
    if (!varint(length, what)) return false;
    if (length > remaining()) {
      return fail(start, what,
                  std::to_string(length) + " bytes where " + std::to_string(remaining()) + " are left");
    }
    value = bytes_.substr(offset_, static_cast<std::size_t>(length));
    offset_ += static_cast<std::size_t>(length);
    return true;
  }

  // A count of items that take at least `min_bytes` each: more than the
  // bytes left can hold is an error before anything is allocated for them.
  bool count(uint64_t& value, std::size_t min_bytes, std::string_view what) {
    const std::size_t start = offset_;
    if (!varint(value, what)) return false;
    return fits(value, min_bytes, start, what);
  }
  bool fits(uint64_t value, std::size_t min_bytes, std::size_t at, std::string_view what) {
    if (value <= remaining() / min_bytes) return true;
    return fail(
        at, what,
        std::to_string(value) + " is more than the " + std::to_string(remaining()) + " bytes left can hold");
  }

  std::size_t remaining() const { return bytes_.size() - offset_; }
  std::size_t offset() const { return offset_; }

  // "damaged findings blob (80 bytes): finding 3's rule: truncated at byte 41".
  bool fail(std::size_t at, std::string_view what, std::string_view problem) {
    std::string where;
    if (dictionary_ >= 0) {
      where = std::string(kFieldNames[static_cast<std::size_t>(dictionary_)]) + " dictionary's ";
    }
    if (finding_ > 0) where = "finding " + std::to_string(finding_) + "'s ";
    error_ = Status::store_error("damaged findings blob (" + std::to_string(bytes_.size()) +
                                 " bytes): " + where + std::string(what) + ": " + std::string(problem) +
                                 " at byte " + std::to_string(at));
    return false;
  }
  const Status& error() const { return error_; }

 private:
  std::string_view bytes_;
  std::size_t offset_ = 0;
  int dictionary_ = -1;
  std::size_t finding_ = 0;
  Status error_;
};

}  // namespace

std::string encode_findings(const CodedFindings& coded) {
  const std::vector<Coded>& findings = coded.findings;
  CADENCE_ASSERT(findings.size() < UINT32_MAX);
  const Layout layout = lay_out(coded);
  std::string out;
  // A finding of M takes 31 bytes on average, its message's text included.
  std::size_t capacity = 16 + 32 * findings.size();
  for (const BlobDictionary& dictionary : layout.dictionaries) {
    for (std::string_view text : dictionary.texts) capacity += 2 + text.size();
  }
  out.reserve(capacity);
  append_varint(out, findings.size());
  for (const BlobDictionary& dictionary : layout.dictionaries) {
    append_varint(out, dictionary.texts.size());
    for (std::string_view text : dictionary.texts) append_text(out, text);
  }
  const std::vector<SortKey>& order = layout.order;
  std::string_view previous;
  for (std::size_t position = 0; position < order.size(); ++position) {
    // Blob order visits the findings out of memory order (the evaluator
    // makes them period by period, org by org): fetch each finding 32 ahead
    // and its message 16 ahead, both ends of each, or every one is a miss.
    if (position + 32 < order.size()) {
      const char* ahead = reinterpret_cast<const char*>(&findings[order[position + 32].index]);
      __builtin_prefetch(ahead);
      __builtin_prefetch(ahead + sizeof(Coded) - 1);
    }
    if (position + 16 < order.size()) {
      const std::string_view ahead = findings[order[position + 16].index].message;
      __builtin_prefetch(ahead.data());
      if (ahead.size() > 64) __builtin_prefetch(ahead.data() + ahead.size() - 1);
    }
    const Coded& finding = findings[order[position].index];
    append_finding(out, layout, order[position], finding, previous);
    previous = finding.message;
  }
  return out;
}

CodedFindings code_findings(const std::vector<StoredFinding>& findings) {
  CodedFindings coded;
  std::array<TextCodes, kFieldCount> codes = {TextCodes(coded.rules), TextCodes(coded.org_ids),
                                              TextCodes(coded.periods), TextCodes(coded.statuses),
                                              TextCodes(coded.gaps)};
  coded.findings.reserve(findings.size());
  for (const StoredFinding& finding : findings) {
    Coded& row = coded.findings.emplace_back();
    for (std::size_t field = 0; field < kFieldCount; ++field) {
      row.*kCodes[field] = codes[field].code(finding.*kTexts[field]);
    }
    row.value_micros = finding.value_micros;
    row.score_micros = finding.score_micros;
    row.numerator = finding.numerator;
    row.denominator = finding.denominator;
    row.message = finding.message;
  }
  return coded;
}

Result<std::vector<StoredFinding>> decode_findings(int format, std::string_view blob) {
  if (format != kFindingFormat) {
    return Status::store_error("findings blob of format " + std::to_string(format) +
                               ", which this cadence cannot read (it reads format " +
                               std::to_string(kFindingFormat) + ")");
  }
  Reader in(blob);
  uint64_t count = 0;
  if (!in.count(count, kMinFindingBytes, "count")) return in.error();
  std::array<std::vector<std::string_view>, kFieldCount> dictionaries;
  for (std::size_t field = 0; field < kFieldCount; ++field) {
    in.in_dictionary(static_cast<int>(field));
    uint64_t size = 0;
    // A text takes at least its length's byte.
    if (!in.count(size, 1, "size")) return in.error();
    dictionaries[field].resize(static_cast<std::size_t>(size));
    for (std::string_view& text : dictionaries[field]) {
      if (!in.text(text, "text")) return in.error();
    }
  }
  in.at_finding(0);
  // Again now that the dictionaries are read: what is left must hold the
  // findings before anything is allocated for them.
  if (!in.fits(count, kMinFindingBytes, in.offset(), "count")) return in.error();
  std::vector<StoredFinding> findings(static_cast<std::size_t>(count));
  const std::string none;
  for (std::size_t index = 0; index < findings.size(); ++index) {
    in.at_finding(index + 1);
    StoredFinding& finding = findings[index];
    for (std::size_t field = 0; field < kFieldCount; ++field) {
      uint32_t code = 0;
      if (!in.index(code, dictionaries[field].size(), kFieldNames[field])) return in.error();
      finding.*kTexts[field] = dictionaries[field][code];
    }
    if (!in.signed_varint(finding.value_micros, "value")) return in.error();
    if (!in.signed_varint(finding.score_micros, "score")) return in.error();
    const std::size_t ratio_at = in.offset();
    uint64_t ratio = 0;
    if (!in.varint(ratio, "ratio flags")) return in.error();
    if (ratio > (kHasNumerator | kHasDenominator)) {
      in.fail(ratio_at, "ratio flags", std::to_string(ratio) + " is not 0 to 3");
      return in.error();
    }
    int64_t part = 0;
    if (ratio & kHasNumerator) {
      if (!in.signed_varint(part, "numerator")) return in.error();
      finding.numerator = part;
    }
    if (ratio & kHasDenominator) {
      if (!in.signed_varint(part, "denominator")) return in.error();
      finding.denominator = part;
    }
    const std::string& previous = index == 0 ? none : findings[index - 1].message;
    const std::size_t ends_at = in.offset();
    uint64_t prefix = 0;
    uint64_t suffix = 0;
    if (!in.varint(prefix, "message prefix") || !in.varint(suffix, "message suffix")) return in.error();
    if (prefix > previous.size() || suffix > previous.size() - prefix) {
      in.fail(ends_at, "message",
              "shares " + std::to_string(prefix) + " + " + std::to_string(suffix) +
                  " bytes with a previous message of " + std::to_string(previous.size()));
      return in.error();
    }
    std::string_view text;
    if (!in.text(text, "message")) return in.error();
    std::string& message = finding.message;
    message.reserve(prefix + text.size() + suffix);
    message.append(previous, 0, prefix);
    message.append(text);
    message.append(previous, previous.size() - suffix, suffix);
  }
  if (in.remaining() != 0) {
    in.at_finding(0);
    in.fail(in.offset(), "end", std::to_string(in.remaining()) + " bytes after the last finding");
    return in.error();
  }
  return findings;
}

}  // namespace cadence::store

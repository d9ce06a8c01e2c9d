#include "adapters/i18n/message_catalog.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace cadence {
namespace {

void put_word(std::string& out, uint32_t word) {
  for (int i = 0; i < 4; ++i) out += static_cast<char>((word >> (8 * i)) & 0xff);
}

// A little-endian .mo file of `entries` (msgid, msgstr), sorted as msgfmt
// writes them, with no hash table.
std::string mo_file(const std::vector<std::pair<std::string, std::string>>& entries) {
  const auto count = static_cast<uint32_t>(entries.size());
  const uint32_t originals = 28;
  const uint32_t translations = originals + 8 * count;
  uint32_t offset = translations + 8 * count;
  std::string header;
  put_word(header, 0x950412de);
  put_word(header, 0);
  put_word(header, count);
  put_word(header, originals);
  put_word(header, translations);
  put_word(header, 0);
  put_word(header, offset);
  std::string tables_original;
  std::string tables_translated;
  std::string strings;
  for (const auto& [msgid, msgstr] : entries) {
    put_word(tables_original, static_cast<uint32_t>(msgid.size()));
    put_word(tables_original, offset + static_cast<uint32_t>(strings.size()));
    strings += msgid + '\0';
  }
  for (const auto& [msgid, msgstr] : entries) {
    put_word(tables_translated, static_cast<uint32_t>(msgstr.size()));
    put_word(tables_translated, offset + static_cast<uint32_t>(strings.size()));
    strings += msgstr + '\0';
  }
  return header + tables_original + tables_translated + strings;
}

TEST_CASE("a .mo file's translations are found by msgid, and the header entry is not a message") {
  auto catalog = MessageCatalog::parse(
      mo_file({{"", "Content-Type: text/plain; charset=UTF-8\n"}, {"Audit findings", "审计结果"}, {"fail", "未达标"}}));
  REQUIRE(catalog);
  CHECK(catalog->size() == 2);
  REQUIRE(catalog->find("Audit findings") != nullptr);
  CHECK(*catalog->find("Audit findings") == "审计结果");
  CHECK(*catalog->find("fail") == "未达标");
  CHECK(catalog->find("warn") == nullptr);
  CHECK(catalog->find("") == nullptr);
}

TEST_CASE("a truncated or foreign file is refused, not read past its end") {
  const std::string good = mo_file({{"fail", "未达标"}});
  CHECK_FALSE(MessageCatalog::parse(""));
  CHECK_FALSE(MessageCatalog::parse("not a catalog at all, just text"));
  // Every cut that loses part of a table or a string (the last NUL is not
  // part of the string: cutting only it leaves a complete catalog).
  for (std::size_t length = 0; length + 1 < good.size(); ++length) {
    CHECK_FALSE(MessageCatalog::parse(std::string_view(good).substr(0, length)));
  }
  CHECK(MessageCatalog::parse(good));
  CHECK_FALSE(MessageCatalog::load("/nonexistent/cadence.mo"));
}

}  // namespace
}  // namespace cadence

#include "adapters/i18n/message_catalog.h"

#include <cstdint>
#include <fstream>
#include <iterator>

namespace cadence {
namespace {

constexpr uint32_t kMagic = 0x950412de;
constexpr uint32_t kMagicSwapped = 0xde120495;

uint32_t swap_bytes(uint32_t word) {
  return (word >> 24) | ((word >> 8) & 0xff00u) | ((word << 8) & 0xff0000u) | (word << 24);
}

}  // namespace

std::optional<MessageCatalog> MessageCatalog::load(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return std::nullopt;
  std::string bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  if (file.bad()) return std::nullopt;
  return parse(bytes);
}

std::optional<MessageCatalog> MessageCatalog::parse(std::string_view bytes) {
  auto word_at = [&](std::size_t offset, bool swapped) -> std::optional<uint32_t> {
    if (offset > bytes.size() || bytes.size() - offset < 4) return std::nullopt;
    uint32_t word = 0;
    for (int i = 3; i >= 0; --i) word = (word << 8) | static_cast<unsigned char>(bytes[offset + static_cast<std::size_t>(i)]);
    return swapped ? swap_bytes(word) : word;
  };
  std::optional<uint32_t> magic = word_at(0, false);
  if (!magic || (*magic != kMagic && *magic != kMagicSwapped)) return std::nullopt;
  const bool swapped = *magic == kMagicSwapped;
  std::optional<uint32_t> count = word_at(8, swapped);
  std::optional<uint32_t> originals = word_at(12, swapped);
  std::optional<uint32_t> translations = word_at(16, swapped);
  if (!count || !originals || !translations) return std::nullopt;
  // The string at table entry `index`: its length and offset, in bounds.
  auto string_at = [&](uint32_t table, uint32_t index) -> std::optional<std::string_view> {
    std::size_t entry = std::size_t{table} + std::size_t{index} * 8;
    std::optional<uint32_t> length = word_at(entry, swapped);
    std::optional<uint32_t> offset = word_at(entry + 4, swapped);
    if (!length || !offset || *offset > bytes.size() || bytes.size() - *offset < *length) return std::nullopt;
    return bytes.substr(*offset, *length);
  };
  MessageCatalog catalog;
  for (uint32_t index = 0; index < *count; ++index) {
    std::optional<std::string_view> original = string_at(*originals, index);
    std::optional<std::string_view> translated = string_at(*translations, index);
    if (!original || !translated) return std::nullopt;
    // The header (empty msgid) carries metadata, not a message. cadence
    // uses no plural forms: for an entry with one, the first form is kept.
    if (original->empty() || translated->empty()) continue;
    std::string_view msgid = original->substr(0, original->find('\0'));
    std::string_view msgstr = translated->substr(0, translated->find('\0'));
    catalog.translations_.emplace(std::string(msgid), std::string(msgstr));
  }
  return catalog;
}

const std::string* MessageCatalog::find(std::string_view msgid) const {
  auto found = translations_.find(msgid);
  return found == translations_.end() ? nullptr : &found->second;
}

}  // namespace cadence

// A GNU gettext message catalog (.mo file) read into memory.
//
// cadence reads its compiled catalogs itself instead of going through
// dcgettext(): gettext only translates when setlocale() succeeded for a
// locale the machine has generated, and ignores LANGUAGE under the "C"
// locale. Chinese is cadence's default language, also under LANG=C and on a
// Debian machine with no zh_CN locale installed, so the catalog must load
// whatever the locales are. The format is small (GNU gettext manual, "The
// Format of GNU MO Files"): a header of 32-bit words, then two tables of
// (length, offset) pairs for the original and the translated strings.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace cadence {

class MessageCatalog {
 public:
  // The catalog in `path`, or nullopt when the file cannot be read or is
  // not a well-formed .mo file (every offset is checked against its size).
  static std::optional<MessageCatalog> load(const std::string& path);
  // The catalog of a .mo file's bytes (for tests), or nullopt if malformed.
  static std::optional<MessageCatalog> parse(std::string_view bytes);

  // The translation of `msgid`, or nullptr when the catalog has none (or an
  // empty one: msgfmt keeps untranslated entries out, but be safe).
  const std::string* find(std::string_view msgid) const;
  std::size_t size() const { return translations_.size(); }

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
  };
  std::unordered_map<std::string, std::string, Hash, std::equal_to<>> translations_;
};

}  // namespace cadence

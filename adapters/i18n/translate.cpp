#include "adapters/i18n/translate.h"

#include <unistd.h>

#include <cstdlib>
#include <vector>

#ifndef CADENCE_LOCALEDIR
#define CADENCE_LOCALEDIR "/usr/local/share/locale"
#endif

namespace cadence {
namespace {

Language g_language = Language::kEnglish;
std::optional<MessageCatalog> g_catalog;

bool starts_with_lower(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    char c = text[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != prefix[i]) return false;
  }
  // "en", "en_US", "en-GB", "en.UTF-8", but not "english-like" words.
  return text.size() == prefix.size() || text[prefix.size()] == '_' || text[prefix.size()] == '-' ||
         text[prefix.size()] == '.' || text[prefix.size()] == '@';
}

std::optional<Language> language_of_name(std::string_view name) {
  if (starts_with_lower(name, "zh")) return Language::kChinese;
  if (starts_with_lower(name, "en")) return Language::kEnglish;
  return std::nullopt;
}

std::string directory_of(const std::string& path) {
  std::size_t slash = path.rfind('/');
  return slash == std::string::npos ? std::string(".") : path.substr(0, slash);
}

// The running program's own path (Linux): argv[0] may be a bare name found
// on PATH; /proc/self/exe is where the binary really is.
std::string executable_path(const std::string& program) {
  std::vector<char> buffer(4096);
  ssize_t length = readlink("/proc/self/exe", buffer.data(), buffer.size() - 1);
  if (length > 0) return std::string(buffer.data(), static_cast<std::size_t>(length));
  return program;
}

}  // namespace

std::optional<Language> choose_language(const std::optional<std::string>& lang_option, std::string* unknown) {
  if (lang_option) {
    std::optional<Language> chosen = language_of_name(*lang_option);
    if (!chosen && unknown != nullptr) *unknown = *lang_option;
    return chosen;
  }
  for (const char* variable : {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* value = std::getenv(variable);
    if (value == nullptr || *value == '\0') continue;
    std::string_view text(value);
    // LANGUAGE is a list ("en_GB:en"): its first entry is the wish.
    if (std::string_view(variable) == "LANGUAGE") text = text.substr(0, text.find(':'));
    if (text == "C" || text == "POSIX" || starts_with_lower(text, "c")) continue;
    return starts_with_lower(text, "en") ? Language::kEnglish : Language::kChinese;
  }
  return Language::kChinese;
}

std::optional<MessageCatalog> find_catalog(Language language, const std::string& program) {
  if (language == Language::kEnglish) return std::nullopt;
  const std::string relative = "/zh_CN/LC_MESSAGES/cadence.mo";
  const std::string directory = directory_of(executable_path(program));
  for (const std::string& root : {directory + "/locale", directory + "/../share/locale", std::string(CADENCE_LOCALEDIR)}) {
    if (std::optional<MessageCatalog> catalog = MessageCatalog::load(root + relative)) return catalog;
  }
  return std::nullopt;
}

void use_language(Language language, std::optional<MessageCatalog> catalog) {
  g_language = language;
  g_catalog = std::move(catalog);
}

Language current_language() { return g_language; }

std::string tr(const char* msgid) {
  if (g_catalog) {
    if (const std::string* text = g_catalog->find(msgid)) return *text;
  }
  return msgid;
}

std::string tr(const std::string& msgid) {
  if (g_catalog) {
    if (const std::string* text = g_catalog->find(msgid)) return *text;
  }
  return msgid;
}

std::string fill(std::string_view text, std::initializer_list<std::string_view> values) {
  std::string out;
  out.reserve(text.size() + 16 * values.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '{' && i + 2 < text.size() && text[i + 1] >= '1' && text[i + 1] <= '9' && text[i + 2] == '}') {
      auto index = static_cast<std::size_t>(text[i + 1] - '1');
      if (index < values.size()) {
        out += *(values.begin() + index);
        i += 2;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

}  // namespace cadence

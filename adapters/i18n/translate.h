// The language cadence speaks to people, and the translation of its texts.
//
// Source texts are English and marked with tr("..."): xgettext extracts them
// (keyword tr) into po/cadence.pot, po/zh_CN.po translates them, and the
// build compiles it to locale/zh_CN/LC_MESSAGES/cadence.mo beside the
// program. Chinese is the default; English comes with `--lang en` or an
// English LANGUAGE, LC_ALL, LC_MESSAGES or LANG. Placeholders are numbered,
// {1}..{9}, so that a translation may reorder them:
//   fill(tr("{1} more orgs (use --format csv or json for all)"), {"12"})
//   → "另有 12 个组织（全部请用 --format csv 或 json）"
//
// The language is process state: main() chooses it once, before any other
// thread starts, and it is only read afterwards. Until then (unit tests,
// tools) the language is English and tr() returns its argument.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "adapters/i18n/message_catalog.h"

namespace cadence {

enum class Language { kChinese, kEnglish };

// The language asked for by `--lang` (nullopt when not given) or else by
// the environment: the first of LANGUAGE, LC_ALL, LC_MESSAGES and LANG that
// is set and not C/POSIX decides, English when it starts with "en",
// Chinese otherwise. Nullopt with `unknown` set when `lang_option` is
// neither Chinese (zh, zh_CN, zh-CN, …) nor English (en, en_US, …).
std::optional<Language> choose_language(const std::optional<std::string>& lang_option, std::string* unknown);

// The catalog for `language` found beside `program` (the path of the
// running executable): <dir>/locale, <dir>/../share/locale, then the install
// prefix's share/locale. Nullopt for English, or when no catalog is found.
std::optional<MessageCatalog> find_catalog(Language language, const std::string& program);

// Speaks `language` with `catalog` from now on (see above on threads).
void use_language(Language language, std::optional<MessageCatalog> catalog);
Language current_language();

// The translation of `msgid` in the current language, or `msgid` itself.
std::string tr(const char* msgid);
std::string tr(const std::string& msgid);

// Marks a text for the catalog where it is translated later, by tr() on a
// variable (xgettext keyword tr_noop).
constexpr const char* tr_noop(const char* msgid) { return msgid; }

// `text` with {1}..{9} replaced by `values` (a brace not followed by a digit
// in range and '}' is kept as written).
std::string fill(std::string_view text, std::initializer_list<std::string_view> values);

}  // namespace cadence

#include "adapters/i18n/translate.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <string>

namespace cadence {
namespace {

// Sets the four locale variables for one test, and clears them after.
class LocaleEnvironment {
 public:
  LocaleEnvironment(const char* language, const char* lc_all, const char* lc_messages, const char* lang) {
    set("LANGUAGE", language);
    set("LC_ALL", lc_all);
    set("LC_MESSAGES", lc_messages);
    set("LANG", lang);
  }
  ~LocaleEnvironment() {
    for (const char* name : {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"}) unsetenv(name);
  }
  LocaleEnvironment(const LocaleEnvironment&) = delete;
  LocaleEnvironment& operator=(const LocaleEnvironment&) = delete;

 private:
  static void set(const char* name, const char* value) {
    if (value == nullptr) {
      unsetenv(name);
    } else {
      setenv(name, value, 1);
    }
  }
};

TEST_CASE("Chinese is the default and English comes with --lang en or an English locale variable") {
  std::string unknown;
  {
    LocaleEnvironment environment(nullptr, nullptr, nullptr, nullptr);
    CHECK(choose_language(std::nullopt, &unknown) == Language::kChinese);
  }
  {
    LocaleEnvironment environment(nullptr, nullptr, nullptr, "C");
    CHECK(choose_language(std::nullopt, &unknown) == Language::kChinese);
  }
  {
    LocaleEnvironment environment(nullptr, nullptr, nullptr, "C.UTF-8");
    CHECK(choose_language(std::nullopt, &unknown) == Language::kChinese);
  }
  {
    LocaleEnvironment environment(nullptr, nullptr, nullptr, "en_US.UTF-8");
    CHECK(choose_language(std::nullopt, &unknown) == Language::kEnglish);
    CHECK(choose_language(std::string("zh"), &unknown) == Language::kChinese);
  }
  {
    LocaleEnvironment environment("en_GB:zh_CN", nullptr, nullptr, "zh_CN.UTF-8");
    CHECK(choose_language(std::nullopt, &unknown) == Language::kEnglish);
  }
  {
    LocaleEnvironment environment(nullptr, "zh_CN.UTF-8", nullptr, "en_US.UTF-8");
    CHECK(choose_language(std::nullopt, &unknown) == Language::kChinese);
  }
  CHECK(choose_language(std::string("en"), &unknown) == Language::kEnglish);
  CHECK(choose_language(std::string("en_US"), &unknown) == Language::kEnglish);
  CHECK(choose_language(std::string("zh-CN"), &unknown) == Language::kChinese);
  CHECK_FALSE(choose_language(std::string("fr"), &unknown));
  CHECK(unknown == "fr");
  CHECK_FALSE(choose_language(std::string("english"), &unknown));
}

TEST_CASE("fill puts values at numbered places, in the order the translation wants") {
  CHECK(fill("Findings: {1} in {2} orgs", {"5", "3"}) == "Findings: 5 in 3 orgs");
  CHECK(fill("问题：{2} 个组织共 {1} 项", {"5", "3"}) == "问题：3 个组织共 5 项");
  // Braces that are not a placeholder in range stay as written.
  CHECK(fill("{1} {3} {x} {", {"a"}) == "a {3} {x} {");
  CHECK(fill("{1}", {"{2}", "b"}) == "{2}");
}

TEST_CASE("without a catalog tr returns the English text") {
  use_language(Language::kEnglish, std::nullopt);
  CHECK(tr("Audit findings") == "Audit findings");
  CHECK(current_language() == Language::kEnglish);
}

}  // namespace
}  // namespace cadence

// The builtin registry: every builtin found by its name, once; a call of an
// unknown one reported at the call.
#include <doctest/doctest.h>

#include <set>
#include <string>

#include "engine/lang/builtin.h"
#include "tests/engine/lang/builtins/builtin_harness.h"

namespace cadence::lang {
namespace {

TEST_CASE("the registry finds each builtin by its name, and names are unique") {
  std::set<std::string> names;
  for (const Builtin* entry : builtins().all()) {
    CHECK(static_cast<bool>(entry->execute));
    CHECK(builtins().find(entry->name) == entry);
    CHECK(names.insert(std::string(entry->name)).second);
  }
  for (const char* name :
       {"ratio", "within", "days_between", "weekday", "failed", "period.start", "coalesce"}) {
    CHECK_MESSAGE(builtins().find(name) != nullptr, name);
  }
  CHECK(builtins().find("no_such_function") == nullptr);
}

TEST_CASE("a name-only builtin cannot be called, and an unknown function is reported at the call") {
  CHECK(testing::bind_text("weekday(2024-03-04) + nope(1)").diagnostics ==
        "pack.yaml:1:23: error: unknown function 'nope'\n");
}

}  // namespace
}  // namespace cadence::lang

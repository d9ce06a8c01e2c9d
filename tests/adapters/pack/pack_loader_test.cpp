#include "adapters/pack/pack_loader.h"

#include <doctest/doctest.h>

namespace cadence {
TEST_CASE("placeholder") { CHECK(true); }
}

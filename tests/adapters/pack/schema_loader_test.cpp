#include "adapters/pack/pack_loader.h"

#include <doctest/doctest.h>

namespace cadence {
TEST_CASE("placeholder2") { CHECK(true); }
}

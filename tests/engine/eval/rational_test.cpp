// rational.h: values are exact or refused (issue 29: a sum of 10^13 printed
// as -8446744073627.551616, its micros wrapped around 64 bits).
#include "engine/eval/rational.h"

#include <doctest/doctest.h>

#include <limits>
#include <string>

namespace cadence {
namespace {

TEST_CASE("micros of a value within ±9223372036854.775807 are exact") {
  CHECK(to_micros(Rational{9223372036854, 1}) == 9223372036854000000);
  CHECK(to_micros(Rational{-9223372036854, 1}) == -9223372036854000000);
  CHECK(format_micros(to_micros(Rational{7, 12})) == "0.583333");
  CHECK(format_micros(to_micros(Rational{-1, 2000000})) == "-0.000001");  // half away from zero
}

TEST_CASE("micros of a larger value are refused, never wrapped") {
  CHECK_THROWS_AS(to_micros(Rational{10000000000000, 1}), ValueOutOfRange);
  CHECK_THROWS_AS(to_micros(Rational{-10000000000000, 1}), ValueOutOfRange);
  CHECK_THROWS_AS(to_micros(Rational{INT64_MAX, 3}), ValueOutOfRange);
  try {
    to_micros(Rational{10000000000000, 1});
  } catch (const ValueOutOfRange& error) {
    CHECK(std::string(error.what()) ==
          "the value 10000000000000 is beyond the range cadence computes exactly (values up to "
          "±9223372036854.775807)");
  }
}

TEST_CASE("a value prints exactly with 6 decimals at any size") {
  CHECK(format_decimal6(Rational{10000000000000, 1}) == "10000000000000.000000");
  CHECK(format_decimal6(Rational{INT64_MAX, 1}) == "9223372036854775807.000000");
  CHECK(format_decimal6(Rational{INT64_MIN, 1}) == "-9223372036854775808.000000");
  CHECK(format_decimal6(Rational{-7, 12}) == "-0.583333");
  CHECK(format_decimal6(Rational{-1, 3000000}) == "0.000000");
  CHECK(format_decimal6(Rational{1, 2000000}) == "0.000001");
}

TEST_CASE("arithmetic whose exact result does not fit is refused, not rounded") {
  const Rational big{INT64_MAX, 1};
  CHECK_THROWS_AS(multiply(big, big), ValueOutOfRange);
  CHECK_THROWS_AS(add(big, big), ValueOutOfRange);
  CHECK_THROWS_AS(add(Rational{1, INT64_MAX}, Rational{1, INT64_MAX - 1}), ValueOutOfRange);
  // Parts past 2^62 but within 64 bits are kept exactly, not halved.
  const Rational kept = add(Rational{1, 3037000493}, Rational{1, 3037000491});
  CHECK(kept.numerator == 6074000984);
  CHECK(kept.denominator == 9223371988408242063);
  // Within range after reduction: exact.
  const Rational reduced = multiply(Rational{int64_t{1} << 40, 3}, Rational{3, int64_t{1} << 40});
  CHECK(reduced.numerator == reduced.denominator);
}

TEST_CASE("negating the smallest int64 and converting huge doubles are refused") {
  CHECK_THROWS_AS(negate(Rational{INT64_MIN, 1}), ValueOutOfRange);
  CHECK_THROWS_AS(from_double(1e13), ValueOutOfRange);
  CHECK_THROWS_AS(from_double(std::numeric_limits<double>::quiet_NaN()), ValueOutOfRange);
  CHECK(to_micros(from_double(-2.5)) == -2500000);
  CHECK_THROWS_AS(round_half_up(multiply(Rational{INT64_MAX / 10, 1}, Rational{1000, 1})), ValueOutOfRange);
}

TEST_CASE("totals of micros are refused past 64 bits") {
  CHECK(add_micros(1, 2) == 3);
  CHECK_THROWS_AS(add_micros(INT64_MAX, 1), ValueOutOfRange);
  CHECK_THROWS_AS(add_micros(INT64_MIN, -1), ValueOutOfRange);
}

}  // namespace
}  // namespace cadence

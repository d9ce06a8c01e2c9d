// Exact arithmetic on ratios of integers, with 128-bit intermediates.
//
// contract.md: "Rates are ratios of integers: compare them exactly
// (rate < 0.60 ⇔ 5·n < 3·d); print the exact ratio rounded half-up to 6
// decimals." Every number the evaluator handles is a Rational; doubles only
// enter from `number` columns (converted at micro precision).
//
// Values are exact or refused (issue 29: a sum of 10^13 printed as
// -8446744073627.551616, its micros wrapped around 64 bits). A result that
// does not fit — a fraction whose reduced parts exceed 2^62, a value whose
// micros exceed 64 bits (|value| > 9223372036854.775807), a sum beyond
// 64 bits — throws ValueOutOfRange, which the command reports (exit 2)
// instead of printing a wrong number. That is the one exception the
// evaluator throws on data: such values are far beyond any league export,
// and a rule has no sensible meaning for them.
#pragma once

#include <cstdint>
#include <numeric>
#include <stdexcept>
#include <string>

#include "engine/lang/bound.h"

namespace cadence {

using lang::Rational;
__extension__ typedef __int128 Int128;  // NOLINT(modernize-use-using): __extension__ silences -Wpedantic

// A value cadence cannot compute or print exactly; what() says which.
class ValueOutOfRange : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The decimal digits of n (exact, any sign).
inline std::string int128_to_string(Int128 n) {
  const bool negative = n < 0;
  // Digit by digit from the negative side, so that the minimum has no overflow.
  std::string digits;
  do {
    const int digit = static_cast<int>(n % 10);
    digits.insert(digits.begin(), static_cast<char>('0' + (digit < 0 ? -digit : digit)));
    n /= 10;
  } while (n != 0);
  return negative ? "-" + digits : digits;
}

// Throws "<what> is beyond the range cadence computes exactly (…)".
[[noreturn]] inline void throw_out_of_range(const std::string& what) {
  throw ValueOutOfRange(what + " is beyond the range cadence computes exactly (values up to ±9223372036854.775807)");
}

// n as an int64, or ValueOutOfRange naming `what`.
inline int64_t checked_int64(Int128 n, const char* what) {
  if (n > INT64_MAX || n < INT64_MIN) throw_out_of_range(std::string(what) + " " + int128_to_string(n));
  return static_cast<int64_t>(n);
}

inline Rational make_rational(Int128 numerator, Int128 denominator) {
  if (denominator < 0) {
    numerator = -numerator;
    denominator = -denominator;
  }
  // Reduce only when the parts would not fit; most values are small integers.
  constexpr Int128 kLimit = Int128{1} << 62;
  if (numerator >= kLimit || numerator <= -kLimit || denominator >= kLimit) {
    Int128 a = numerator < 0 ? -numerator : numerator;
    Int128 b = denominator;
    while (b != 0) {
      Int128 t = a % b;
      a = b;
      b = t;
    }
    if (a > 1) {
      numerator /= a;
      denominator /= a;
    }
    // Still past 2^62 but within 64 bits: kept exactly (the products of
    // two such parts, and their sums, still fit 128 bits). Past 64 bits:
    // refused rather than rounded (never happens with counts and rates;
    // sums of huge decimal columns could).
    if (numerator > INT64_MAX || numerator <= INT64_MIN || denominator > INT64_MAX) {
      throw_out_of_range("the number " + int128_to_string(numerator) + "/" + int128_to_string(denominator));
    }
  }
  return {static_cast<int64_t>(numerator), static_cast<int64_t>(denominator)};
}

inline Rational add(const Rational& a, const Rational& b) {
  if (a.denominator == b.denominator) return make_rational(Int128{a.numerator} + b.numerator, a.denominator);
  return make_rational(Int128{a.numerator} * b.denominator + Int128{b.numerator} * a.denominator,
                       Int128{a.denominator} * b.denominator);
}
inline Rational negate(const Rational& a) {
  if (a.numerator == INT64_MIN) return make_rational(-Int128{a.numerator}, a.denominator);
  return {-a.numerator, a.denominator};
}
inline Rational subtract(const Rational& a, const Rational& b) { return add(a, negate(b)); }
inline Rational multiply(const Rational& a, const Rational& b) {
  return make_rational(Int128{a.numerator} * b.numerator, Int128{a.denominator} * b.denominator);
}
// b must not be zero.
inline Rational divide(const Rational& a, const Rational& b) {
  return make_rational(Int128{a.numerator} * b.denominator, Int128{a.denominator} * b.numerator);
}
// -1, 0, 1: exact, by cross-multiplication.
inline int compare(const Rational& a, const Rational& b) {
  Int128 left = Int128{a.numerator} * b.denominator;
  Int128 right = Int128{b.numerator} * a.denominator;
  return left < right ? -1 : left > right ? 1 : 0;
}

// a / b for non-negative a and positive b, in 64 bits when both fit: a
// 128-bit division is a library call several times slower, and the values
// the evaluator divides (counts, rates, scores) nearly always fit.
inline Int128 divide_nonnegative(Int128 a, Int128 b) {
  constexpr Int128 kFits = Int128{1} << 62;
  if (a < kFits && b < kFits) return static_cast<int64_t>(a) / static_cast<int64_t>(b);
  return a / b;
}

// |n| / d rounded half-up, with the sign of n (d > 0).
inline int64_t rounded_quotient(Int128 n, Int128 d) {
  bool negative = n < 0;
  if (negative) n = -n;
  Int128 rounded = divide_nonnegative(2 * n + d, 2 * d);
  return checked_int64(negative ? -rounded : rounded, "the value");
}

// The value ×10^6 rounded half-up (half away from zero for negatives): the
// fixed-point form reports print and rank by.
inline int64_t to_micros(const Rational& value) {
  if (value.denominator == 1 && value.numerator < (int64_t{1} << 42) && value.numerator > -(int64_t{1} << 42)) {
    return value.numerator * 1000000;
  }
  const Int128 n = Int128{value.numerator} * 1000000;
  const Int128 d = value.denominator;
  const Int128 limit = Int128{INT64_MAX} * d;  // |n| / d rounds into int64 below this
  if (n >= limit || n <= -limit) {
    throw_out_of_range("the value " + int128_to_string(value.numerator) +
                       (value.denominator == 1 ? "" : "/" + int128_to_string(value.denominator)));
  }
  return rounded_quotient(n, d);
}

// The nearest integer, halves rounded up (away from zero for negatives).
inline int64_t round_half_up(const Rational& value) { return rounded_quotient(value.numerator, value.denominator); }

// |value|, INT64_MIN's included.
inline uint64_t magnitude(int64_t value) {
  return value < 0 ? static_cast<uint64_t>(-(value + 1)) + 1 : static_cast<uint64_t>(value);
}

// a + b for totals of micros (scores summed per org and committee), or
// ValueOutOfRange: a wrapped total would rank an org wrongly.
inline int64_t add_micros(int64_t a, int64_t b) {
  int64_t sum = 0;
  if (__builtin_add_overflow(a, b, &sum)) throw_out_of_range("a total score");
  return sum;
}

// "0.583333": exactly 6 decimals, integers included ("2.000000").
inline std::string format_micros(int64_t micros) {
  const uint64_t units = magnitude(micros);
  std::string fraction = std::to_string(units % 1000000);
  return (micros < 0 ? "-" : "") + std::to_string(units / 1000000) + "." +
         std::string(6 - fraction.size(), '0') + fraction;
}

// At micro precision; a value whose micros do not fit 64 bits (or NaN, or
// an infinity) is refused: converting it would be undefined behaviour.
// The value rounded half-up (half away from zero for negatives) to 6
// decimals, like to_micros and format_micros, but exact for every Rational:
// "10000000000000.000000" where the micros would not fit 64 bits.
inline std::string format_decimal6(const Rational& value) {
  const Int128 n = Int128{value.numerator} * 1000000;
  const Int128 d = value.denominator;
  const bool negative = n < 0;
  const Int128 rounded = (2 * (negative ? -n : n) + d) / (2 * d);
  std::string fraction = int128_to_string(rounded % 1000000);
  return (negative && rounded != 0 ? "-" : "") + int128_to_string(rounded / 1000000) + "." +
         std::string(6 - fraction.size(), '0') + fraction;
}

inline Rational from_double(double value) {
  const double micros = value * 1000000.0 + (value < 0 ? -0.5 : 0.5);
  if (!(micros > -9.2e18 && micros < 9.2e18)) throw_out_of_range("the number " + std::to_string(value));
  return make_rational(static_cast<Int128>(micros), 1000000);
}
inline double to_double(const Rational& value) {
  return static_cast<double>(value.numerator) / static_cast<double>(value.denominator);
}

}  // namespace cadence

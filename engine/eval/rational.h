// Exact arithmetic on ratios of integers, with 128-bit intermediates.
//
// contract.md: "Rates are ratios of integers: compare them exactly
// (rate < 0.60 ⇔ 5·n < 3·d); print the exact ratio rounded half-up to 6
// decimals." Every number the evaluator handles is a Rational; doubles only
// enter from `number` columns (converted at micro precision).
#pragma once

#include <cstdint>
#include <numeric>
#include <string>

#include "engine/lang/bound.h"

namespace cadence {

using lang::Rational;
__extension__ typedef __int128 Int128;  // NOLINT(modernize-use-using): __extension__ silences -Wpedantic

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
    while (numerator >= kLimit || numerator <= -kLimit || denominator >= kLimit) {
      // Still too large: lose precision rather than overflow (never happens
      // with counts; documented for sums of huge decimal columns).
      numerator /= 2;
      denominator /= 2;
      if (denominator == 0) denominator = 1;
    }
  }
  return {static_cast<int64_t>(numerator), static_cast<int64_t>(denominator)};
}

inline Rational add(const Rational& a, const Rational& b) {
  if (a.denominator == b.denominator) return make_rational(Int128{a.numerator} + b.numerator, a.denominator);
  return make_rational(Int128{a.numerator} * b.denominator + Int128{b.numerator} * a.denominator,
                       Int128{a.denominator} * b.denominator);
}
inline Rational negate(const Rational& a) { return {-a.numerator, a.denominator}; }
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
  return static_cast<int64_t>(negative ? -rounded : rounded);
}

// The value ×10^6 rounded half-up (half away from zero for negatives): the
// fixed-point form reports print and rank by.
inline int64_t to_micros(const Rational& value) {
  if (value.denominator == 1 && value.numerator < (int64_t{1} << 42) && value.numerator > -(int64_t{1} << 42)) {
    return value.numerator * 1000000;
  }
  return rounded_quotient(Int128{value.numerator} * 1000000, value.denominator);
}

// The nearest integer, halves rounded up (away from zero for negatives).
inline int64_t round_half_up(const Rational& value) { return rounded_quotient(value.numerator, value.denominator); }

// |value|, INT64_MIN's included.
inline uint64_t magnitude(int64_t value) {
  return value < 0 ? static_cast<uint64_t>(-(value + 1)) + 1 : static_cast<uint64_t>(value);
}

// "0.583333": exactly 6 decimals, integers included ("2.000000").
inline std::string format_micros(int64_t micros) {
  const uint64_t units = magnitude(micros);
  std::string fraction = std::to_string(units % 1000000);
  return (micros < 0 ? "-" : "") + std::to_string(units / 1000000) + "." +
         std::string(6 - fraction.size(), '0') + fraction;
}

inline Rational from_double(double value) {
  return make_rational(static_cast<Int128>(value * 1000000.0 + (value < 0 ? -0.5 : 0.5)), 1000000);
}
inline double to_double(const Rational& value) {
  return static_cast<double>(value.numerator) / static_cast<double>(value.denominator);
}

}  // namespace cadence

// The generator's random numbers: a fixed algorithm, so that the same seed
// gives byte-identical files on every platform and standard library.
//
// std::uniform_*_distribution is deliberately not used: its output is not
// specified by the standard and differs between libstdc++ and libc++. Only
// integer arithmetic and exact double conversions are used here.
#pragma once

#include <cstdint>

namespace cadence::generator {

// SplitMix64 finaliser (Steele, Lea, Flood 2014): a bijective 64-bit mix.
constexpr uint64_t mix64(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// A stream key from the seed and up to three coordinates (a record-set tag,
// an entity index, a period). Every random decision draws from the stream of
// the entity it concerns, so that records do not depend on the order in which
// files are written, and a change to one record set leaves the others intact.
constexpr uint64_t stream_key(uint64_t seed, uint64_t tag, uint64_t a = 0, uint64_t b = 0) {
  return mix64(mix64(mix64(seed ^ mix64(tag)) ^ a) ^ (b * 0x9e3779b97f4a7c15ULL));
}

// SplitMix64 generator: small state, passes BigCrush, fast enough for ~10^9
// draws per run.
class Rng {
 public:
  explicit Rng(uint64_t key) : state_(key) {}

  uint64_t next() {
    state_ += 0x9e3779b97f4a7c15ULL;
    uint64_t z = state_;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }

  // Uniform in [0, 1): the top 53 bits scaled exactly.
  double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

  // Uniform integer in [low, high] (inclusive). The bias of scaling a 53-bit
  // fraction is below 2^-30 for the ranges used here.
  int64_t between(int64_t low, int64_t high) {
    const auto span = static_cast<double>(high - low + 1);
    return low + static_cast<int64_t>(unit() * span);
  }

  bool chance(double probability) { return unit() < probability; }

  // Sum of three uniforms mapped to [-1, 1): a cheap bell-shaped noise.
  double noise() { return (unit() + unit() + unit()) * (2.0 / 3.0) - 1.0; }

 private:
  uint64_t state_;
};

}  // namespace cadence::generator

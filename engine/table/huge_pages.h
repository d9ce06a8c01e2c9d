// Large arrays on huge pages.
//
// Fresh memory costs a page fault on the first write to each 4 KiB page, and
// loading a large dataset spent much of its time in them (BENCHMARKS.md).
// Where the kernel hands out transparent huge pages on request (Linux with
// /sys/kernel/mm/transparent_hugepage/enabled set to "madvise" or
// "always"), asking before the first write makes one fault of 512. It is a
// hint: without it, or elsewhere than on Linux, nothing changes but the
// speed.
#pragma once

#include <cstddef>
#include <vector>

namespace cadence {

// Asks for huge pages over the whole 2 MiB pieces inside [data, data +
// bytes); call it before the first write. Smaller ranges are left alone.
void advise_huge_pages(const void* data, std::size_t bytes);

// values.reserve(count), the new storage advised for huge pages.
template <typename T>
void reserve_huge(std::vector<T>& values, std::size_t count) {
  if (count <= values.capacity()) return;
  values.reserve(count);
  advise_huge_pages(values.data(), count * sizeof(T));
}

}  // namespace cadence

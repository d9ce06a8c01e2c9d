# Project warnings as an INTERFACE target (cpp-best-practices/cmake_template).
add_library(cadence_warnings INTERFACE)
target_compile_options(cadence_warnings INTERFACE
  $<$<COMPILE_LANGUAGE:CXX>:-Wall -Wextra -Wshadow -Wnon-virtual-dtor -Wold-style-cast
    -Wcast-align -Wunused -Woverloaded-virtual -Wpedantic
    -Wimplicit-fallthrough -Wformat=2>
  # GCC 12 reports -Wrestrict inside libstdc++'s own std::string concatenation
  # at -O2 (GCC PR 105329, a false positive in char_traits.h, not in our code).
  $<$<AND:$<COMPILE_LANGUAGE:CXX>,$<CXX_COMPILER_ID:GNU>>:-Wno-restrict>
  $<$<COMPILE_LANGUAGE:C>:-Wall -Wextra>)

# Project warnings as an INTERFACE target (cpp-best-practices/cmake_template).
add_library(cadence_warnings INTERFACE)
target_compile_options(cadence_warnings INTERFACE
  $<$<COMPILE_LANGUAGE:CXX>:-Wall -Wextra -Wshadow -Wnon-virtual-dtor -Wold-style-cast
    -Wcast-align -Wunused -Woverloaded-virtual -Wpedantic -Wnull-dereference
    -Wimplicit-fallthrough -Wformat=2>
  $<$<COMPILE_LANGUAGE:C>:-Wall -Wextra>)

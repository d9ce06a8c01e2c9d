# ASan + UBSan as an INTERFACE target, switched on by the asan preset.
add_library(cadence_sanitizers INTERFACE)
if(CADENCE_SANITIZE)
  target_compile_options(cadence_sanitizers INTERFACE
    -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  target_link_options(cadence_sanitizers INTERFACE -fsanitize=address,undefined)
endif()

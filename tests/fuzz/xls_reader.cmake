if(TARGET cadence_xls)
  cadence_fuzz_target(xls_reader LIBS cadence_xls)
endif()

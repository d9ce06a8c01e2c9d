# The findings blob decoder: a store file is read back as it is found on
# disk, damaged or not (adapters/store/finding_codec.h).
cadence_fuzz_target(finding_codec LIBS cadence_store)

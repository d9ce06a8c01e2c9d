# The YAML rule-pack loader: a pack is untrusted text from a supervisor's IT staff.
cadence_fuzz_target(pack_loader LIBS cadence_pack)

# The rule-language expression parser: every expression in a pack is untrusted text.
cadence_fuzz_target(expression_parser LIBS cadence_lang)

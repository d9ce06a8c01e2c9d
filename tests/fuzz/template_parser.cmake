# Message templates (rule messages, bulletin line texts) are untrusted text.
cadence_fuzz_target(template_parser LIBS cadence_lang)

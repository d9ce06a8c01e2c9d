// Loading a rule pack from YAML (the language is documented for rule writers
// in rules/README.md).
//
// load_pack reads pack.yaml, the schema file it names (or its inline
// schema), and the working-day calendar tables it lists, into the engine's
// Pack (engine/plan/pack.h). It checks the shape of the YAML, not the
// meaning of expressions: those are kept as text with their exact position in
// the file, and compile() (engine/plan/plan.h) parses, binds and types them,
// reporting errors at file:line:column inside the expression.
//
// Errors are Diagnostics, every one of them (not only the first), each at the
// offending node, 1-based line and column in code points:
//
//   rules/x/pack.yaml:14:5: error: unknown key 'wieght' in rule (did you mean 'weight'?)
//      14 |     wieght: 2
//         |     ^~~~~~
//
// A file that cannot be read is an error naming its path. Nothing throws:
// yaml-cpp's exceptions are caught here and become a Diagnostic at the mark
// they carry.
//
// Paths: file names in diagnostics and in Pack::sources are the pack path as
// given joined with the relative names in the pack, lexically normalised
// ("rules/bench/../calendars/national.csv" is "rules/calendars/national.csv").
// Pack::directory is the folder of pack.yaml; Pack::checksum is the SHA-256
// of every file read with its name relative to that folder, as 64 lowercase
// hex digits (adapters/pack/pack_digest.h defines the bytes).
//
// Thread safety: the functions share no state; call them from any thread.
#pragma once

#include <memory>
#include <string>

#include "engine/core/diagnostic.h"
#include "engine/plan/pack.h"

namespace cadence {

// `path` is a pack directory holding pack.yaml, or a .yaml file. Returns
// nullptr when any error was reported. `sources`, when given, receives every
// file read (also on failure), so that the caller can render the diagnostics
// with their source lines; a returned Pack carries them in Pack::sources too.
std::unique_ptr<Pack> load_pack(const std::string& path, Diagnostics& diagnostics, SourceMap* sources = nullptr);

// The same from YAML text in memory, named `file_name` in diagnostics. Such a
// pack reads no file: its schema must be inline (`schema: {record_sets: ...}`)
// and naming a schema or calendar file is an error. Used by the fuzzer and by
// tests.
std::unique_ptr<Pack> load_pack_from_text(const std::string& yaml, const std::string& file_name,
                                          Diagnostics& diagnostics, SourceMap* sources = nullptr);

}  // namespace cadence

// The YAML tree of one pack file exactly as the pack loader reads it, as JSON:
// a debug view that lets any other YAML reader be compared with cadence
// (tests/adapters/pack/standard_yaml_test.py holds every shipped pack
// against python3-yaml with it).
//
// A mapping is {"map": [[key, value], ...]} in file order (duplicates kept),
// a list is a JSON array, a scalar is its value as a string (after YAML's
// quoting, escapes and folding), a null (`~`, `null`, nothing) is null:
//
//   rules: [{id: a.b}]   ->   {"map":[["rules",[{"map":[["id","a.b"]]}]]]}
//
// Returns nullopt, with the loader's diagnostics, when the file is not YAML
// cadence reads (a syntax error, or a named argument in an unquoted value).
#pragma once

#include <optional>
#include <string>

#include "engine/core/diagnostic.h"

namespace cadence {

std::optional<std::string> yaml_tree_json(const std::string& text, const std::string& file_name,
                                          Diagnostics& diagnostics);

}  // namespace cadence

// One table per YAML mapping of a pack: the keys it accepts, which of them
// are required, and how each is read. The same table validates (an unknown
// key is an error at the key with a "did you mean", a missing required key an
// error at the mapping, a key given twice an error) and reads, so a key
// cannot be accepted without being read, nor read without being listed.
//
//   const std::array<Key<WeakPolicy>, 2> kWeakKeys{{
//       {"window", Presence::kOptional, [](SectionReader& reader, const YAML::Node& key,
//                                          const YAML::Node& value, WeakPolicy& weak) { ... }},
//       {"scope", ...},
//   }};
//   read_keys(reader, node, key, "'weak_branches'", at, kWeakKeys, weak);
//
// (A table is a std::array of captureless lambdas: the compiler checks each
// reader's signature, and the table costs no allocation.)
//
// Internal to adapters/pack.
#pragma once

#include <array>
#include <string_view>
#include <vector>

#include "adapters/pack/section_reader.h"

namespace cadence::pack_detail {

enum class Presence { kOptional, kRequired };
// kFirst keys are read before the others, in table order (a rule's cadence,
// which its waivers are checked against); the rest in file order.
enum class Order { kAsWritten, kFirst };

// `Context` is what readers share: SectionReader for pack.yaml, the schema
// loader's reader for a schema; it has `YamlDocument& document()`.
template <typename Target, typename Context = SectionReader>
struct Key {
  using Reader = void (*)(Context& context, const YAML::Node& key, const YAML::Node& value, Target& target);
  std::string_view name;
  Presence presence = Presence::kOptional;
  Reader read = nullptr;
  Order order = Order::kAsWritten;
};

// Reads the mapping `node` (under `key`, undefined for a list item) into
// `target` with `keys`. `what` names the mapping in messages ("rule",
// "'target'"); a missing required key is reported at `at`, naming the
// mapping `missing_what` when given. False, with an error, when `node` is not
// a mapping; unknown keys are reported and the rest is still read.
template <typename Context, typename Target, std::size_t N>
bool read_keys(Context& reader, const YAML::Node& node, const YAML::Node& key, std::string_view what,
               const SourceSpan& at, const std::array<Key<Target, Context>, N>& keys, Target& target,
               std::string_view missing_what = {}) {
  YamlDocument& document = reader.document();
  std::vector<std::string_view> names;
  std::vector<std::string_view> required;
  for (const auto& entry : keys) {
    names.push_back(entry.name);
    if (entry.presence == Presence::kRequired) required.push_back(entry.name);
  }
  if (!document.check_mapping(node, key, what, names)) return false;
  document.require(node, at, missing_what.empty() ? what : missing_what, required);
  for (const auto& entry : keys) {
    if (entry.order != Order::kFirst) continue;
    YAML::Node entry_key;
    const YAML::Node value = YamlDocument::find(node, entry.name, &entry_key);
    if (value.IsDefined()) entry.read(reader, entry_key, value, target);
  }
  for (auto it = node.begin(); it != node.end(); ++it) {
    const std::string name = YamlDocument::key_name(it->first);
    for (const auto& entry : keys) {
      if (entry.name == name && entry.order == Order::kAsWritten)
        entry.read(reader, it->first, it->second, target);
    }
  }
  return true;
}

}  // namespace cadence::pack_detail

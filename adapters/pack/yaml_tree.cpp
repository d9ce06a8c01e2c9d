#include "adapters/pack/yaml_tree.h"

#include <cstdio>

#include "adapters/pack/yaml_document.h"

namespace cadence {
namespace {

void append_json_string(std::string& out, const std::string& text) {
  out += '"';
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(c));
      out += escaped;
    } else {
      out += c;
    }
  }
  out += '"';
}

void append_node(std::string& out, const YAML::Node& node) {
  if (node.IsMap()) {
    out += "{\"map\":[";
    bool first = true;
    for (auto it = node.begin(); it != node.end(); ++it) {
      out += first ? "[" : ",[";
      first = false;
      append_node(out, it->first);
      out += ',';
      append_node(out, it->second);
      out += ']';
    }
    out += "]}";
  } else if (node.IsSequence()) {
    out += '[';
    for (std::size_t i = 0; i < node.size(); ++i) {
      if (i > 0) out += ',';
      append_node(out, node[i]);
    }
    out += ']';
  } else if (node.IsScalar()) {
    append_json_string(out, node.Scalar());
  } else {
    out += "null";
  }
}

}  // namespace

std::optional<std::string> yaml_tree_json(const std::string& text, const std::string& file_name,
                                          Diagnostics& diagnostics) {
  pack_detail::YamlDocument document(file_name, text, diagnostics);
  auto root = document.parse();
  if (!root) return std::nullopt;
  std::string out;
  append_node(out, *root);
  return out;
}

}  // namespace cadence

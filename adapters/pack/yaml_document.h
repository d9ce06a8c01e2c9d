// One YAML file of a pack, read with yaml-cpp, and the typed accessors the
// pack and schema loaders use to turn its nodes into cadence values.
//
// Internal to adapters/pack: this is the only header that names yaml-cpp, and
// only the folder's .cpp files include it.
//
// Packs are standard YAML (any YAML 1.2 reader sees the same tree): nothing
// rewrites the text before yaml-cpp reads it.
//
// Positions: yaml-cpp marks are 0-based and count bytes; SourceSpan is 1-based
// and counts code points (diagnostic.h), so every span goes through the source
// line. Every accessor reports a problem as an error Diagnostic at the node
// and returns nullopt (or an empty value); none throws.
#pragma once

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/diagnostic.h"
#include "engine/lang/parser.h"
#include "engine/plan/pack.h"

namespace cadence::pack_detail {

// 'text', for messages.
std::string in_quotes(std::string_view text);
// "a, b, c".
std::string join(const std::vector<std::string>& names);
bool contains(const std::vector<std::string>& names, std::string_view name);

// The closest of `candidates` to `word` by edit distance, or "" when none is
// close enough to be a plausible typo (distance <= 2, and less than the
// word's length).
std::string suggest(std::string_view word, const std::vector<std::string_view>& candidates);

// The schema document (`record_sets:` ...) at `node`; implemented in
// schema_loader.cpp. Problems go to the document's diagnostics.
class YamlDocument;
Schema read_schema(YamlDocument& document, const YAML::Node& node, const YAML::Node& key);

class YamlDocument {
 public:
  // `text` may start with a UTF-8 byte order mark; it is dropped.
  YamlDocument(std::string file, std::string_view text, Diagnostics& diagnostics);

  // Parses the text. A syntax error becomes one Diagnostic at the mark
  // yaml-cpp gives, and the result is nullopt. An empty document is a null
  // node.
  std::optional<YAML::Node> parse();

  const std::string& file() const { return file_; }
  const std::string& text() const { return text_; }
  Diagnostics& diagnostics() { return diagnostics_; }

  // Where a node starts; length covers a scalar's text on its line.
  SourceSpan span(const YAML::Node& node) const;
  // The value's span, or the key's when the value is an implicit null
  // (`weight:` with nothing after it), whose mark yaml-cpp puts elsewhere.
  SourceSpan value_span(const YAML::Node& key, const YAML::Node& value) const;

  void error(const SourceSpan& span, std::string message) { diagnostics_.error(span, std::move(message)); }
  void warning(const SourceSpan& span, std::string message) { diagnostics_.warning(span, std::move(message)); }

  // A mapping whose keys are all in `known` (a key is reported as unknown,
  // with a suggestion, otherwise) and none twice. `what` names the mapping in
  // messages ("rule", "column 'week'"). False, with an error, when `node` is
  // not a mapping; unknown keys do not make it false (the rest is still read).
  bool check_mapping(const YAML::Node& node, const YAML::Node& key, std::string_view what,
                     const std::vector<std::string_view>& known);
  // A mapping of names the user chooses (record sets, columns, lets): any
  // key, but none twice and each a name usable in an expression
  // ([A-Za-z_][A-Za-z0-9_]*). False when `node` is not a mapping.
  bool check_names(const YAML::Node& node, const YAML::Node& key, std::string_view what);
  // Reports every key of `required` missing from a mapping, at `at`.
  void require(const YAML::Node& mapping, const SourceSpan& at, std::string_view what,
               const std::vector<std::string_view>& required);

  // Typed scalars. `name` is the key, for messages ("'weight' must be a number").
  std::optional<std::string> text(const YAML::Node& key, const YAML::Node& value);
  std::optional<double> number(const YAML::Node& key, const YAML::Node& value);
  std::optional<int> integer(const YAML::Node& key, const YAML::Node& value);
  std::optional<bool> boolean(const YAML::Node& key, const YAML::Node& value);
  // A number or a percentage ("90%" = 0.9).
  std::optional<double> fraction(const YAML::Node& key, const YAML::Node& value);
  // A sequence of scalars (a single scalar counts as a list of one). Each
  // item's span goes to `spans` when given.
  std::optional<std::vector<std::string>> text_list(const YAML::Node& key, const YAML::Node& value,
                                                    std::vector<SourceSpan>* spans = nullptr);

  // An expression scalar: YAML's value and its exact origin in this file,
  // so that errors inside it point at the right line and column, whatever
  // the scalar's style (plain, quoted with escapes, folded over lines, a
  // `|` or `>` block); see origin_of.
  std::optional<ExprText> expression(const YAML::Node& key, const YAML::Node& value);
  // A text scalar placed the same way, for message templates.
  std::optional<ExprText> template_text(const YAML::Node& key, const YAML::Node& value);

  // True for [A-Za-z_][A-Za-z0-9_]*.
  static bool is_identifier(std::string_view name);
  // The value of `name` in a mapping (undefined node when absent), and its key
  // in `*key`, which must be a default-constructed node (yaml-cpp's
  // assignment to a node that refers to one overwrites the node referred to).
  static YAML::Node find(const YAML::Node& mapping, std::string_view name, YAML::Node* key = nullptr);

  // The scalar of a key node (mapping keys are always read as text).
  static std::string key_name(const YAML::Node& key);

 private:
  // Line `line` (0-based) of the text, without its line break.
  std::string_view line_text(int line) const;
  // Code-point column (1-based) of a byte column (0-based) on a line.
  int column_of(int line, int byte_column) const;
  std::string describe(const YAML::Node& node) const;  // "a mapping", "a list", ...
  // Where each part of a scalar's value sits in the file (yaml_scalar.cpp):
  // the value's bytes are walked against the file's from the node's mark,
  // undoing quotes, escapes, folding and block indentation, with an anchor
  // wherever the two stop advancing together. When the walk cannot follow
  // YAML's value (a construct it does not know), the origin is the value's
  // first character, exact on its first line.
  lang::ExprOrigin origin_of(const YAML::Node& value) const;
  // Byte offset of the start of the line holding byte `offset`, and its
  // 0-based number.
  int line_of(std::size_t offset) const;
  lang::TextAnchor anchor_at(std::size_t value_offset, std::size_t byte) const;
  // Finds named arguments written in unquoted scalars (`value: count(x,
  // where: y)`, the syntax before packs were standard YAML) and reports each
  // scalar once with what to write instead. True when it found any.
  bool report_unquoted_named_arguments();
  // One such error: the name at `byte` (`length` bytes) on `line`, in the
  // scalar that starts on `scalar_line`.
  void report_unquoted_argument(int scalar_line, int line, std::size_t byte, std::size_t length);

  std::string file_;
  std::string text_;
  std::vector<std::size_t> line_starts_;
  Diagnostics& diagnostics_;
};

}  // namespace cadence::pack_detail

#include "adapters/pack/pack_loader.h"

#include <filesystem>

#include "adapters/pack/key_table.h"

namespace cadence {
namespace {

using pack_detail::FileAccess;
using pack_detail::in_quotes;
using pack_detail::Key;
using pack_detail::Order;
using pack_detail::Presence;
using pack_detail::read_keys;
using pack_detail::SectionReader;
using pack_detail::YamlDocument;

template <std::string Pack::*Field>
void read_meta_text(SectionReader& reader, const YAML::Node& key, const YAML::Node& value, Pack& pack) {
  if (auto text = reader.document().text(key, value)) pack.*Field = *text;
}

constexpr std::array<Key<Pack>, 3> kMetaKeys{{
    {"id", Presence::kRequired, read_meta_text<&Pack::id>},
    {"title", Presence::kOptional, read_meta_text<&Pack::title>},
    {"version", Presence::kOptional, read_meta_text<&Pack::version>},
}};

// `schema:` is inline (a mapping) or the name of a file next to pack.yaml.
void read_schema_section(SectionReader& reader, const YAML::Node& key, const YAML::Node& node, Pack& pack) {
  YamlDocument& document = reader.document();
  if (!node.IsScalar()) {
    pack.schema = pack_detail::read_schema(document, node, key);
    return;
  }
  const SourceSpan at = document.span(node);
  if (!reader.can_read_files()) {
    document.error(at, "a pack read from text cannot name a schema file; write the schema inline");
    return;
  }
  const std::string path = reader.resolve(node.Scalar());
  auto text = reader.read(path);
  if (!text) {
    document.error(at, "cannot read the schema file " + in_quotes(path));
    return;
  }
  YamlDocument schema_document(path, *text, reader.diagnostics());
  if (auto root = schema_document.parse()) {
    pack.schema = pack_detail::read_schema(schema_document, *root, YAML::Node(YAML::NodeType::Undefined));
  }
}

// The sections in reading order (section_reader.h says why), each in its
// file; this table is also the list of keys a pack accepts.
constexpr std::array<Key<Pack>, 7> kPackKeys{{
    {"pack", Presence::kRequired,
     [](SectionReader& reader, const YAML::Node& key, const YAML::Node& value, Pack& pack) {
       read_keys(reader, value, key, "'pack'", reader.document().span(key), kMetaKeys, pack);
     },
     Order::kFirst},
    {"schema", Presence::kRequired, read_schema_section, Order::kFirst},
    {"calendars", Presence::kOptional, pack_detail::read_calendars, Order::kFirst},
    {"rules", Presence::kRequired, pack_detail::read_rules, Order::kFirst},
    {"weak_branches", Presence::kOptional, pack_detail::read_weak_policy, Order::kFirst},
    {"bulletins", Presence::kOptional, pack_detail::read_bulletins, Order::kFirst},
    {"tests", Presence::kOptional, pack_detail::read_tests, Order::kFirst},
}};

// Reads pack.yaml's text (already among the reader's sources) into the pack.
void load(SectionReader& reader, const std::string& file, const std::string& text) {
  YamlDocument document(file, text, reader.diagnostics());
  reader.attach(document);
  if (auto root = document.parse()) {
    try {
      read_keys(reader, *root, YAML::Node(YAML::NodeType::Undefined), "the pack",
                SourceSpan{file, 1, 1, 1, ""}, kPackKeys, reader.pack());
    } catch (const YAML::Exception& exception) {
      // Accessors avoid throwing calls; this is the boundary if one slips.
      SourceSpan span{file, exception.mark.line + 1, exception.mark.column + 1, 1, ""};
      if (exception.mark.line < 0) span.line = span.column = 0;
      reader.diagnostics().error(span, "YAML: " + exception.msg);
    }
  }
  reader.pack().checksum = reader.checksum();
}

std::unique_ptr<Pack> finish(std::unique_ptr<Pack> pack, const Diagnostics& local, Diagnostics& diagnostics,
                             SourceMap* sources) {
  diagnostics.append(local);
  if (sources != nullptr) *sources = pack->sources;
  if (local.has_errors()) return nullptr;
  return pack;
}

}  // namespace

std::unique_ptr<Pack> load_pack(const std::string& path, Diagnostics& diagnostics, SourceMap* sources) {
  auto pack = std::make_unique<Pack>();
  Diagnostics local;
  std::error_code error;
  std::filesystem::path given(path);
  std::filesystem::path file = std::filesystem::is_directory(given, error) ? given / "pack.yaml" : given;
  const std::string display = file.lexically_normal().string();
  const std::string directory = file.lexically_normal().parent_path().string();
  pack->directory = directory.empty() ? "." : directory;
  SectionReader reader(*pack, local, FileAccess::kAllowed, directory);
  auto text = reader.read(display);
  if (!text) {
    local.error(SourceSpan{display, 0, 0, 1, ""}, "cannot read the pack file " + in_quotes(display));
    return finish(std::move(pack), local, diagnostics, sources);
  }
  load(reader, display, *text);
  return finish(std::move(pack), local, diagnostics, sources);
}

std::unique_ptr<Pack> load_pack_from_text(const std::string& yaml, const std::string& file_name,
                                          Diagnostics& diagnostics, SourceMap* sources) {
  auto pack = std::make_unique<Pack>();
  Diagnostics local;
  pack->directory = ".";
  SectionReader reader(*pack, local, FileAccess::kNone, "");
  reader.add_source(file_name, yaml);
  load(reader, file_name, yaml);
  return finish(std::move(pack), local, diagnostics, sources);
}

}  // namespace cadence

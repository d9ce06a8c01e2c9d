// What the readers of a pack's sections share (internal to adapters/pack):
// the pack being filled, pack.yaml's document, the files read so far (for the
// checksum and for rendering diagnostics), and the checks that cross
// sections (a rule id named by a policy, bulletin or test; a period; the
// event calendars a rule may name).
//
// Each section has its file and its key tables (key_table.h):
//   pack_loader.cpp       the top level, `pack:`, `schema:`, loading files
//   calendar_section.cpp  `calendars:`
//   rule_section.cpp      `rules:` (lets, target, waivers)
//   policy_section.cpp    `weak_branches:`
//   bulletin_section.cpp  `bulletins:` (per-unit lines and their figures)
//   test_section.cpp      `tests:`
//   schema_loader.cpp     the schema (a file or inline)
// Sections are read in that order: later ones check names against earlier
// ones (rules against the schema, bulletins against rules).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "adapters/pack/pack_digest.h"
#include "adapters/pack/yaml_document.h"
#include "engine/plan/pack.h"

namespace cadence::pack_detail {

enum class FileAccess { kAllowed, kNone };  // kNone: a pack read from text

class SectionReader {
 public:
  SectionReader(Pack& pack, Diagnostics& diagnostics, FileAccess access, std::string directory)
      : pack_(pack), diagnostics_(diagnostics), access_(access), directory_(std::move(directory)) {}

  Pack& pack() { return pack_; }
  Diagnostics& diagnostics() { return diagnostics_; }
  // pack.yaml, which the sections read; set once it is parsed.
  void attach(YamlDocument& document) { document_ = &document; }
  YamlDocument& document() { return *document_; }
  bool can_read_files() const { return access_ == FileAccess::kAllowed; }

  // Reads the file at `display` (its name in diagnostics) into the pack's
  // sources and checksum; nullopt when it cannot be read.
  std::optional<std::string> read(const std::string& display);
  // Adds text read elsewhere to the sources and checksum.
  void add_source(const std::string& name, const std::string& text);
  // `relative` resolved against the pack's folder, as shown in diagnostics.
  std::string resolve(const std::string& relative) const;
  // The SHA-256 of everything read so far (pack_digest.h).
  std::string checksum() const;

  // A rule of the pack (read so far) named by a policy, bulletin or test;
  // an error with a suggestion at `span` when there is none.
  bool check_rule(const std::string& id, const SourceSpan& span);
  // A list of rule ids (or one), each checked.
  std::vector<std::string> rule_list(const YAML::Node& key, const YAML::Node& value);
  // A period or date as written in the pack; an error at `span` (outside
  // the supported dates, or not one) when it is not.
  std::optional<Period> parse_period(const std::string& text, const SourceSpan& span);
  std::optional<Date> parse_date(const std::string& text, const SourceSpan& span);
  // Records `name` (a bulletin id, a test name) as written at `span`; a name
  // already in `first_line` is an error naming `what` and the first line.
  void check_unique(std::map<std::string, int>& first_line, const std::string& name, const SourceSpan& span,
                    std::string_view what);
  // The event calendars declared under `calendars: events:`.
  std::vector<std::string> event_calendar_names() const;

 private:
  Pack& pack_;
  Diagnostics& diagnostics_;
  FileAccess access_;
  std::string directory_;
  YamlDocument* document_ = nullptr;
  PackDigest checksum_;  // the SHA-256 of the files read (pack_digest.h)
};

// The sections; each reads `value` (under `key`) into reader.pack(). The
// signature is a key table's (key_table.h), Target = Pack.
void read_calendars(SectionReader& reader, const YAML::Node& key, const YAML::Node& value, Pack& pack);
void read_rules(SectionReader& reader, const YAML::Node& key, const YAML::Node& value, Pack& pack);
void read_weak_policy(SectionReader& reader, const YAML::Node& key, const YAML::Node& value, Pack& pack);
void read_bulletins(SectionReader& reader, const YAML::Node& key, const YAML::Node& value, Pack& pack);
void read_tests(SectionReader& reader, const YAML::Node& key, const YAML::Node& value, Pack& pack);

}  // namespace cadence::pack_detail

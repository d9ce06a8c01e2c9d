// The SHA-256 that names a rule pack in the audit runs it produced
// (audit_runs.pack_sha256), so a result always names the exact files that
// produced it.
//
// The digest covers every file the loader read — pack.yaml, the schema file,
// the calendar tables — as a set, in byte order of their names relative to
// the pack's folder (generic form, '/' separators: "pack.yaml",
// "schema.yaml", "../calendars/national.csv"). Each file contributes
//
//   <relative name> NUL <byte length in decimal> NUL <the file's bytes>
//
// and the digest is the SHA-256 of the concatenation, as 64 lowercase hex
// digits. The names make a renamed file a different pack and the lengths keep
// one file's end from passing for the next file's start; relative names keep
// the digest the same wherever the pack folder is copied. The same digest
// from a shell, in the pack's folder:
//
//   for f in pack.yaml schema.yaml; do printf '%s\0%s\0' "$f" "$(stat -c %s "$f")"; cat "$f"; done | sha256sum
//
// A file added twice counts once. Not thread-safe; one per load.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace cadence {

class PackDigest {
 public:
  // A file as the loader names it in diagnostics (the pack path joined with
  // the relative name, lexically normal), and its bytes.
  void add(const std::string& file, std::string_view bytes);

  // The digest, with names taken relative to `directory` (the folder of
  // pack.yaml as the files' names spell it); an empty directory keeps the
  // names as given (a pack read from text, or from the current folder).
  std::string hex(const std::string& directory) const;

 private:
  std::map<std::string, std::string> files_;
};

}  // namespace cadence

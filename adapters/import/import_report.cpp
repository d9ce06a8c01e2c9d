#include <string>

#include "adapters/import/importer.h"

namespace cadence {
namespace {

std::string plural(int64_t count, std::string_view noun) {
  return std::to_string(count) + " " + std::string(noun) + (count == 1 ? "" : "s");
}

// "  snapshot as of 2023-03-06 (from --as-of), covering 2 orgs: B1, B2".
std::string snapshot_line(const FileImport& file) {
  std::string source;
  switch (file.as_of_source) {
    case AsOfSource::kFileColumn: source = "from the file's column '" + file.as_of_column + "'"; break;
    case AsOfSource::kOption: source = "from --as-of"; break;
    default: source = "the import day: give --as-of DATE for an older export"; break;
  }
  std::string out = "  snapshot as of " + file.as_of->to_string() + " (" + source + ")";
  if (file.covered_roots.empty()) return out + "\n";
  std::string roots;
  constexpr std::size_t kShown = 5;
  for (std::size_t i = 0; i < file.covered_roots.size() && i < kShown; ++i) {
    roots += (i ? ", " : "") + file.covered_roots[i];
  }
  if (file.covered_roots.size() > kShown) roots += ", ...";
  return out + ", covering the subtrees of " + plural(static_cast<int64_t>(file.covered_roots.size()), "org") +
         " (" + plural(static_cast<int64_t>(file.covered_orgs), "org") + " in all): " + roots + "\n";
}

// "  would add: B1, 2023-W10; B2, 2023-W10 (and 3 more)".
std::string key_list(const std::string& label, const std::vector<std::string>& keys, int64_t total) {
  if (keys.empty()) return "";
  std::string out = label;
  for (std::size_t i = 0; i < keys.size(); ++i) out += (i ? "; " : " ") + keys[i];
  const int64_t more = total - static_cast<int64_t>(keys.size());
  if (more > 0) out += " (and " + std::to_string(more) + " more)";
  return out + "\n";
}

}  // namespace

std::string format_import_report(const ImportReport& report) {
  std::string out;
  for (const FileImport& file : report.files) {
    out += file.file;
    if (file.record_set.empty()) {
      out += ": not imported\n";
      continue;
    }
    out += " → " + file.record_set;
    if (file.already_imported_batch) {
      out += *file.already_imported_batch > 0
                 ? ": already imported (batch " + std::to_string(*file.already_imported_batch) + "), nothing changed\n"
                 : ": same content as another file of this import, skipped\n";
      continue;
    }
    std::string details = file.encoding;
    if (file.skipped_title_rows > 0) details += ", " + plural(file.skipped_title_rows, "title row") + " skipped";
    if (file.skipped_footer_rows > 0) details += ", " + plural(file.skipped_footer_rows, "footer row") + " skipped";
    if (!details.empty()) out += " (" + details + ")";
    out += "\n  " + plural(file.rows_read, "row") + ": ";
    if (report.stored || report.dry_run) {
      out += std::to_string(file.rows_added) + " added, " + std::to_string(file.rows_replaced) + " updated, " +
             std::to_string(file.rows_unchanged) + " unchanged, ";
    }
    out += std::to_string(file.rows_rejected) + " rejected\n";
    if (file.as_of && (report.stored || report.dry_run)) out += snapshot_line(file);
    if (file.rows_closed > 0) {
      out += "  " + std::to_string(file.rows_closed) +
             " stored rows closed at the export date (not in this snapshot of their subtree)\n";
    }
    if (report.dry_run) {
      out += key_list("  would add:", file.added_keys, file.rows_added);
      out += key_list("  would update:", file.updated_keys, file.rows_replaced);
      out += key_list("  would close:", file.closed_keys, file.rows_closed);
    }
    // Last row first in the report's data; file order here.
    for (auto footer = file.skipped_footers.rbegin(); footer != file.skipped_footers.rend(); ++footer) {
      out += "  footer row skipped, line " + std::to_string(footer->line) + ": " + footer->text + " (not a valid row: " +
             footer->problem + ")\n";
    }
    if (!file.rejects_file.empty()) out += "  rejected rows and their reasons: " + file.rejects_file + "\n";
  }
  if (report.dry_run) {
    out += "dry run: nothing stored\n";
  } else if (!report.stored) {
    out += "nothing stored\n";
  }
  return out;
}

}  // namespace cadence

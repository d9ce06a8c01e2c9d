#include <string>

#include "adapters/import/importer.h"

namespace cadence {
namespace {

std::string plural(int64_t count, std::string_view noun) {
  return std::to_string(count) + " " + std::string(noun) + (count == 1 ? "" : "s");
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
    if (report.stored) {
      out += std::to_string(file.rows_added) + " added, " + std::to_string(file.rows_replaced) + " replaced, " +
             std::to_string(file.rows_unchanged) + " unchanged, ";
    }
    out += std::to_string(file.rows_rejected) + " rejected\n";
    // Last row first in the report's data; file order here.
    for (auto footer = file.skipped_footers.rbegin(); footer != file.skipped_footers.rend(); ++footer) {
      out += "  footer row skipped, line " + std::to_string(footer->line) + ": " + footer->text + " (not a valid row: " +
             footer->problem + ")\n";
    }
    if (!file.rejects_file.empty()) out += "  rejected rows and their reasons: " + file.rejects_file + "\n";
  }
  if (!report.stored) out += "nothing stored\n";
  return out;
}

}  // namespace cadence

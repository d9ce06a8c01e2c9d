#include "adapters/cli/document_output.h"

#include <iostream>

#include "adapters/i18n/translate.h"

namespace cadence {

Status write_document(const OfficialDocument& document, std::string_view format, ReportOutput& output) {
  if (format == "docx") return write_document_docx(document, output.writable_path());
  if (format == "pdf") return write_document_pdf(document, output.writable_path());
  output.stream() << (format == "html" ? write_document_html(document) : write_document_markdown(document));
  return Status::ok();
}

int finish_report(ReportOutput& output, std::string_view command, const std::string& out, std::string_view format) {
  Status status = output.finish();
  if (status.is_ok()) status = output.publish();  // never a file that did not finish
  if (!status.is_ok()) {
    std::cerr << "cadence " << command << ": " << status.message() << "\n";
    return 2;
  }
  if (output.to_file()) std::cerr << "cadence " << command << ": " << fill(tr("written to {1}"), {out}) << "\n";
  // DOMAIN.md §10: the PDF is printed with the fonts installed here, and says so.
  if (format == "pdf") {
    std::cerr << "cadence " << command << ": "
              << tr("the PDF uses the installed Noto Serif/Sans CJK SC in place of the standard's 方正小标宋简体, "
                    "仿宋_GB2312 and 黑体 (the DOCX names those)")
              << "\n";
  }
  return 0;
}

}  // namespace cadence

// The end of a report command shared by bulletin and dispatch: a published
// document (official_document.h) written in the format asked for, and the
// output finished and published with what the reader is told.
#pragma once

#include <string>
#include <string_view>

#include "adapters/cli/report_output.h"
#include "adapters/report/official_document.h"
#include "engine/core/status.h"

namespace cadence {

// `document` as docx or pdf (a file the writer makes at
// output.writable_path()), else as html or Markdown through output.stream().
Status write_document(const OfficialDocument& document, std::string_view format, ReportOutput& output);

// Finishes and publishes `output` (written whole or not at all); prints
// "cadence COMMAND: written to OUT" for a file and, for a PDF, which
// installed fonts stood in for the standard's. 0, or 2 with the message.
int finish_report(ReportOutput& output, std::string_view command, const std::string& out, std::string_view format);

}  // namespace cadence

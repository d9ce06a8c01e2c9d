#include "adapters/report/spreadsheet_cell.h"

#include "adapters/csv/csv_writer.h"
#include "adapters/report/pii.h"

namespace cadence {

std::string spreadsheet_text(std::string_view text) { return neutralise_formula(mask_id_numbers(text)); }

}  // namespace cadence

#include <string>

#include "adapters/csv/csv_writer.h"
#include "adapters/report/bulletin_report.h"
#include "adapters/report/pii.h"

namespace cadence {
namespace {

void rows_out(std::string& out, const std::string& ordering, const std::vector<BulletinRow>& rows) {
  for (std::size_t i = 0; i < rows.size(); ++i) {
    auto cells = bulletin_text::row_cells(rows[i], i + 1);
    cells.insert(cells.begin() + 1, rows[i].unit_id);
    cells.insert(cells.begin(), ordering);
    write_csv_row(out, cells, CellGuard::kSpreadsheet);
  }
}

}  // namespace

std::string write_bulletin_csv(const BulletinReportInput& input) {
  const Bulletin& bulletin = *input.bulletin;
  std::string out = "\xEF\xBB\xBF";
  auto titles = bulletin_text::column_titles();
  titles.insert(titles.begin() + 1, "单位编码");
  titles.insert(titles.begin(), "排序");
  write_csv_row(out, titles, CellGuard::kSpreadsheet);
  if (bulletin.no_episodes) {
    write_csv_row(out, {"按参学率", "", "", "", "", "", "", "", "", bulletin_text::no_episode_sentence(bulletin)},
                  CellGuard::kSpreadsheet);
  } else {
    rows_out(out, "按参学率", bulletin.by_rate);
    rows_out(out, "按未学人数", bulletin.by_shortfall);
  }
  for (const auto& unit : bulletin.notes) {
    auto row = [&](const std::string& text) {
      write_csv_row(
          out, {"其他情况", "", unit.unit_id, bulletin_text::unit_heading(unit), "", "", "", "", "", text},
          CellGuard::kSpreadsheet);
    };
    for (const auto& line : unit.lines) row(bulletin_text::unit_line(line));
    for (const auto& note : unit.notes) row(bulletin_text::note_line(note));
  }
  return mask_id_numbers(out);
}

}  // namespace cadence

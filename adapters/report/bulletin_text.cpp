#include "adapters/report/bulletin_report.h"

namespace cadence::bulletin_text {

std::string heading(const Bulletin& bulletin) { return bulletin.title + " " + bulletin.month.to_string(); }

std::string period_line(const Bulletin& bulletin) {
  std::string line = bulletin.month.to_string();
  if (bulletin.weekly && !bulletin.weeks.empty()) {
    line += "（";
    for (std::size_t i = 0; i < bulletin.weeks.size(); ++i) {
      if (i > 0) line += "、";
      line += bulletin.weeks[i].to_string();
    }
    line += "，共 " + std::to_string(bulletin.weeks.size()) + " 期；人数为每期平均）";
  }
  return line;
}

std::string no_episode_sentence(const Bulletin& bulletin) {
  return "本月（" + bulletin.month.to_string() + "）没有可统计的期次（如寒暑假停更），不排名，不表扬、不批评。";
}

// Names are free text from the exports: each writer masks what it writes
// (pii.h) and escapes it for its format (markup.h, spreadsheet_cell.h).
std::string unit_label(const BulletinRow& row) { return row.unit_name.empty() ? row.unit_id : row.unit_name; }

std::vector<std::string> column_titles() {
  return {"序号", "单位", "团员数", "参学人数", "参学率", "较上月（百分点）", "未学人数", "备注"};
}

std::vector<std::string> row_cells(const BulletinRow& row, std::size_t position) {
  const std::string none = "—";
  return {std::to_string(position),
          unit_label(row),
          format_count(row.members),
          format_count(row.learners),
          row.has_rate ? format_percent(row.rate) : none,
          row.has_change ? format_points(row.change_points) : none,
          row.has_rate ? format_count(row.shortfall) : none,
          std::string(remark_label(row.remark))};
}

std::string note_line(const BulletinNote& note) {
  std::string line = note.topic;
  if (!note.period.empty()) line += "（" + note.period + "）";
  line += "：";
  line += note.message.empty() ? (note.org_name.empty() ? note.org_id : note.org_name) : note.message;
  return line;
}

std::string unit_line(const BulletinUnitLine& line) {
  return line.label + "：" + line.text;
}

std::string unit_heading(const BulletinUnitNotes& unit) {
  return unit.unit_name.empty() ? unit.unit_id : unit.unit_name;
}

}  // namespace cadence::bulletin_text

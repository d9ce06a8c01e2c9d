#include <string>

#include "adapters/report/bulletin_report.h"
#include "adapters/report/markup.h"
#include "adapters/report/pii.h"

namespace cadence {
namespace {

// Every text from the data or the pack is escaped (markup.h), in cells,
// headings and list items alike; the whole document is masked (pii.h).
std::string cell(const std::string& text) { return markdown_text(text); }

void table(std::string& out, const std::vector<BulletinRow>& rows) {
  out += "|";
  for (const auto& title : bulletin_text::column_titles()) out += " " + cell(title) + " |";
  out += "\n|---:|---|---:|---:|---:|---:|---:|---|\n";
  for (std::size_t i = 0; i < rows.size(); ++i) {
    out += "|";
    const auto cells = bulletin_text::row_cells(rows[i], i + 1);
    for (std::size_t c = 0; c < cells.size(); ++c) {
      // The unit and the remark are texts; the other cells numbers this
      // writer formatted ("+5.0" is a cell, not a list item).
      const bool text = c == 1 || c == 7;
      out += " " + (text ? cell(cells[c]) : cells[c]) + " |";
    }
    out += "\n";
  }
}

}  // namespace

std::string write_bulletin_markdown(const BulletinReportInput& input) {
  const Bulletin& bulletin = *input.bulletin;
  std::string out = "# " + cell(bulletin_text::heading(bulletin)) + "\n\n";
  out += "- 统计月份：" + cell(bulletin_text::period_line(bulletin)) + "\n";
  out += "- 数据截至：" + cell(input.data_cutoff.empty() ? std::string("（无导入记录）") : input.data_cutoff) + "\n";
  out += "- 规则包：" + cell(input.pack_id + " " + input.pack_version) + "；指标：" +
         cell(bulletin.rate_rule_title + "（" + bulletin.rate_rule + "）") + "\n\n";
  if (bulletin.no_episodes) {
    out += cell(bulletin_text::no_episode_sentence(bulletin)) + "\n\n";
  } else {
    out += "## 一、按参学率排序\n\n";
    table(out, bulletin.by_rate);
    out += "\n## 二、按未学人数排序\n\n";
    table(out, bulletin.by_shortfall);
    out += "\n";
  }
  out += "## 三、其他情况\n";
  bool any = false;
  for (const auto& unit : bulletin.notes) {
    if (unit.lines.empty() && unit.notes.empty()) continue;
    any = true;
    out += "\n### " + cell(bulletin_text::unit_heading(unit)) + "\n\n";
    for (const auto& line : unit.lines) out += "- " + cell(bulletin_text::unit_line(line)) + "\n";
    for (const auto& note : unit.notes) out += "- " + cell(bulletin_text::note_line(note)) + "\n";
  }
  if (!any) out += "\n无。\n";
  return mask_id_numbers(out);
}

}  // namespace cadence

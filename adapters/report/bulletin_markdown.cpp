#include <string>

#include "adapters/report/bulletin_report.h"

namespace cadence {
namespace {

// A Markdown table cell: pipes and line breaks would end the cell or the row.
std::string cell(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n' || c == '\r') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

void table(std::string& out, const std::vector<BulletinRow>& rows) {
  out += "|";
  for (const auto& title : bulletin_text::column_titles()) out += " " + title + " |";
  out += "\n|---:|---|---:|---:|---:|---:|---:|---|\n";
  for (std::size_t i = 0; i < rows.size(); ++i) {
    out += "|";
    for (const auto& value : bulletin_text::row_cells(rows[i], i + 1)) out += " " + cell(value) + " |";
    out += "\n";
  }
}

}  // namespace

std::string write_bulletin_markdown(const BulletinReportInput& input) {
  const Bulletin& bulletin = *input.bulletin;
  std::string out = "# " + bulletin_text::heading(bulletin) + "\n\n";
  out += "- 统计月份：" + bulletin_text::period_line(bulletin) + "\n";
  out += "- 数据截至：" + (input.data_cutoff.empty() ? std::string("（无导入记录）") : input.data_cutoff) + "\n";
  out += "- 规则包：" + input.pack_id + " " + input.pack_version + "；指标：" + bulletin.rate_rule_title + "（" +
         bulletin.rate_rule + "）\n\n";
  if (bulletin.no_episodes) {
    out += bulletin_text::no_episode_sentence(bulletin) + "\n\n";
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
    out += "\n### " + bulletin_text::unit_heading(unit) + "\n\n";
    for (const auto& line : unit.lines) out += "- " + bulletin_text::unit_line(line) + "\n";
    for (const auto& note : unit.notes) out += "- " + bulletin_text::note_line(note) + "\n";
  }
  if (!any) out += "\n无。\n";
  return out;
}

}  // namespace cadence

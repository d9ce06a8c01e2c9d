#include <string>

#include "adapters/report/bulletin_report.h"
#include "adapters/report/markup.h"
#include "adapters/report/pii.h"

namespace cadence {
namespace {

std::string escape(const std::string& text) { return html_text(text); }

// Print on A4 with the fonts a Chinese office machine has, in order: Noto/
// Source Han (Linux), SimSun/Microsoft YaHei (Windows), Songti/PingFang (macOS).
constexpr const char* kStyle = R"css(
@page { size: A4; margin: 18mm 15mm; }
body { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "Noto Sans CJK SC", "SimSun", "宋体",
       "Microsoft YaHei", "Songti SC", "PingFang SC", serif; font-size: 11pt; color: #000; }
h1 { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "SimHei", "黑体", "Microsoft YaHei",
     "PingFang SC", sans-serif; font-size: 18pt; text-align: center; margin: 0 0 6mm; }
h2 { font-size: 14pt; margin: 6mm 0 3mm; }
h3 { font-size: 12pt; margin: 4mm 0 2mm; }
section + section { page-break-before: always; break-before: page; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 0.5pt solid #000; padding: 1.5mm 2mm; }
th { background: #e8e8e8; font-weight: bold; }
td.number { text-align: right; }
tr { page-break-inside: avoid; break-inside: avoid; }
thead { display: table-header-group; }
ul.meta { list-style: none; padding: 0; margin: 0 0 4mm; }
)css";

void table(std::string& out, const std::vector<BulletinRow>& rows) {
  out += "<table>\n<thead><tr>";
  for (const auto& title : bulletin_text::column_titles()) out += "<th>" + escape(title) + "</th>";
  out += "</tr></thead>\n<tbody>\n";
  for (std::size_t i = 0; i < rows.size(); ++i) {
    auto cells = bulletin_text::row_cells(rows[i], i + 1);
    out += "<tr>";
    for (std::size_t c = 0; c < cells.size(); ++c) {
      bool number = c != 1 && c != 7;
      out += std::string(number ? "<td class=\"number\">" : "<td>") + escape(cells[c]) + "</td>";
    }
    out += "</tr>\n";
  }
  out += "</tbody>\n</table>\n";
}

}  // namespace

std::string write_bulletin_html(const BulletinReportInput& input) {
  const Bulletin& bulletin = *input.bulletin;
  std::string out = "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>" +
                    escape(bulletin_text::heading(bulletin)) + "</title>\n<style>" + kStyle +
                    "</style>\n</head>\n<body>\n";
  out += "<section>\n<h1>" + escape(bulletin_text::heading(bulletin)) + "</h1>\n<ul class=\"meta\">\n";
  out += "<li>统计月份：" + escape(bulletin_text::period_line(bulletin)) + "</li>\n";
  out += "<li>数据截至：" + escape(input.data_cutoff.empty() ? std::string("（无导入记录）") : input.data_cutoff) +
         "</li>\n";
  out += "<li>规则包：" + escape(input.pack_id + " " + input.pack_version) + "；指标：" +
         escape(bulletin.rate_rule_title + "（" + bulletin.rate_rule + "）") + "</li>\n</ul>\n";
  if (bulletin.no_episodes) {
    out += "<p>" + escape(bulletin_text::no_episode_sentence(bulletin)) + "</p>\n</section>\n";
  } else {
    out += "<h2>一、按参学率排序</h2>\n";
    table(out, bulletin.by_rate);
    out += "</section>\n<section>\n<h2>二、按未学人数排序</h2>\n";
    table(out, bulletin.by_shortfall);
    out += "</section>\n";
  }
  out += "<section>\n<h2>三、其他情况</h2>\n";
  bool any = false;
  for (const auto& unit : bulletin.notes) {
    if (unit.lines.empty() && unit.notes.empty()) continue;
    any = true;
    out += "<h3>" + escape(bulletin_text::unit_heading(unit)) + "</h3>\n<ul>\n";
    for (const auto& line : unit.lines) out += "<li>" + escape(bulletin_text::unit_line(line)) + "</li>\n";
    for (const auto& note : unit.notes) out += "<li>" + escape(bulletin_text::note_line(note)) + "</li>\n";
    out += "</ul>\n";
  }
  if (!any) out += "<p>无。</p>\n";
  out += "</section>\n</body>\n</html>\n";
  return mask_id_numbers(out);
}

}  // namespace cadence

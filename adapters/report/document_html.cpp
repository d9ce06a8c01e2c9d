#include <algorithm>
#include <string>

#include "adapters/report/markup.h"
#include "adapters/report/official_document.h"
#include "adapters/report/pii.h"

namespace cadence {
namespace {

std::string escape(const std::string& text) { return html_text(text); }

// GB/T 9704-2012 on A4 (DOMAIN.md §10): top margin 37 mm, binding (left)
// 28 mm, text block 156 × 225 mm, so right 26 mm and bottom 35 mm; 22 lines
// of 28 characters of 16 pt: line pitch 225 mm / 22 ≈ 28.95 pt, and 28 × 16
// pt ≈ 158 mm, hence the slightly negative letter spacing. The standard's
// fonts come first; Debian's Noto CJK is the stated substitute. Tables use
// 五号 (10.5 pt) to fit the text block; no row and no unit name is broken, and
// 版记 stays whole on the last page. Page numbers "— 1 —" at the foot
// (CSS page margin boxes).
constexpr const char* kStyle = R"css(
@page { size: A4; margin: 37mm 26mm 35mm 28mm;
        @bottom-center { content: "— " counter(page) " —"; font-family: "Noto Serif CJK SC", serif;
                         font-size: 14pt; } }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; font-family: "仿宋_GB2312", "FangSong", "仿宋", "Noto Serif CJK SC", "Source Han Serif SC",
       serif; font-size: 16pt; line-height: 28.95pt; letter-spacing: -0.05pt; color: #000; }
.mark { font-family: "方正小标宋简体", "FZXiaoBiaoSong-B05S", "Noto Serif CJK SC", serif; font-weight: 900;
        color: #e60000; font-size: 34pt; line-height: 1.4; text-align: center; letter-spacing: 2pt;
        margin: 0 0 8mm; }
.number { text-align: center; margin: 0; }
.rule { border: 0; border-top: 1mm solid #e60000; margin: 1mm 0 10mm; }
h1 { font-family: "方正小标宋简体", "FZXiaoBiaoSong-B05S", "Noto Serif CJK SC", serif; font-weight: 900;
     font-size: 22pt; line-height: 1.45; text-align: center; margin: 0 0 28.95pt; text-wrap: balance; }
p { margin: 0; text-indent: 2em; text-align: justify; }
p.addressee { text-indent: 0; }
h2 { font-family: "黑体", "SimHei", "Noto Sans CJK SC", sans-serif; font-weight: normal; font-size: 16pt;
     margin: 0; text-indent: 2em; }
h3 { font-family: "楷体_GB2312", "KaiTi", "楷体", "AR PL UKai CN", "Noto Serif CJK SC", serif;
     font-weight: normal; font-size: 16pt; margin: 0; text-indent: 2em; }
table { border-collapse: collapse; table-layout: fixed; margin: 2mm 0 4mm; font-size: 10.5pt; line-height: 1.45;
        letter-spacing: 0; }
table.compact { font-size: 9pt; }
th, td { border: 0.5pt solid #000; padding: 0.8mm 1.5mm; }
th { font-family: "黑体", "SimHei", "Noto Sans CJK SC", sans-serif; font-weight: normal; }
td.number { text-align: right; }
.whole { white-space: nowrap; }
tr { break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }
.signature { text-align: right; margin: 28.95pt 4em 0 0; text-indent: 0; }
.date { text-align: right; margin: 0 4em 0 0; text-indent: 0; }
.record { break-inside: avoid; page-break-inside: avoid; margin-top: 28.95pt; font-size: 14pt;
          line-height: 1.8; border-top: 0.35mm solid #000; border-bottom: 0.35mm solid #000; }
.record p { text-indent: 0; padding: 0 1em; }
.record .copy { border-bottom: 0.25mm solid #000; }
.record .print { display: flex; justify-content: space-between; }
)css";

void table(std::string& out, const DocumentTable& table) {
  out += table.compact ? "<table class=\"compact\">\n<colgroup>" : "<table>\n<colgroup>";
  // Whole millimetres and tenths, written without the locale.
  for (const double width : column_widths_mm(table, 156)) {
    const auto tenths = static_cast<long>(width * 10 + 0.5);
    out += "<col style=\"width: " + std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + "mm\">";
  }
  out += "</colgroup>\n<thead><tr>";
  for (const auto& column : table.columns) out += "<th>" + escape(column) + "</th>";
  out += "</tr></thead>\n<tbody>\n";
  for (const auto& row : table.rows) {
    out += "<tr>";
    for (std::size_t c = 0; c < row.size(); ++c) {
      std::string classes;
      if (c < table.numeric.size() && table.numeric[c]) classes += "number";
      if (c < table.keep_together.size() && table.keep_together[c]) classes += classes.empty() ? "whole" : " whole";
      out += (classes.empty() ? std::string("<td>") : "<td class=\"" + classes + "\">") + escape(row[c]) + "</td>";
    }
    out += "</tr>\n";
  }
  out += "</tbody>\n</table>\n";
}

}  // namespace

std::string write_document_html(const OfficialDocument& document) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>" +
                    escape(document.title) + "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n";
  out += "<div class=\"mark\">" + escape(document.issuer) + "</div>\n";
  if (!document.number.empty()) out += "<p class=\"number\">" + escape(document.number) + "</p>\n";
  out += "<hr class=\"rule\">\n<h1>" + escape(document.title) + "</h1>\n";
  if (!document.addressee.empty()) out += "<p class=\"addressee\">" + escape(document.addressee) + "</p>\n";
  for (const auto& block : document.body) {
    switch (block.kind) {
      case DocumentBlock::Kind::kParagraph: out += "<p>" + escape(block.text) + "</p>\n"; break;
      case DocumentBlock::Kind::kHeading: out += "<h2>" + escape(block.text) + "</h2>\n"; break;
      case DocumentBlock::Kind::kSubheading: out += "<h3>" + escape(block.text) + "</h3>\n"; break;
      case DocumentBlock::Kind::kTable: table(out, block.table); break;
    }
  }
  out += "<p class=\"signature\">" + escape(document.signature) + "</p>\n";
  out += "<p class=\"date\">" + escape(document.date) + "</p>\n";
  if (!document.copy_to.empty() || !document.printer.empty()) {
    out += "<div class=\"record\">\n";
    if (!document.copy_to.empty()) {
      std::string copy;
      for (std::size_t i = 0; i < document.copy_to.size(); ++i) copy += (i > 0 ? "，" : "") + document.copy_to[i];
      out += "<p class=\"copy\">抄送：" + escape(copy) + "。</p>\n";
    }
    if (!document.printer.empty()) {
      out += "<p class=\"print\"><span>" + escape(document.printer) + "</span><span>" +
             escape(document.print_date) + "印发</span></p>\n";
    }
    out += "</div>\n";
  }
  out += "</body>\n</html>\n";
  return mask_id_numbers(out);
}

}  // namespace cadence

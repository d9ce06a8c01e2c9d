// A published document (公文) laid out as GB/T 9704-2012《党政机关公文格式》
// prescribes (shared/DOMAIN.md §10), independent of what it reports: the
// monthly bulletin (bulletin_document.cpp) and the weekly dispatch
// (dispatch_document.cpp) fill one in, and each writer renders any of them.
//
//   版头  the issuing organ's mark in red, centred; the document number
//         (固团通〔2023〕7号); a red separator line
//   主体  the title (2号 小标宋, centred); the addressee flush left; body
//         paragraphs indented two characters, headings 一、 in 黑体 and
//         （一） in 楷体, tables inside the text block; the issuing organ and
//         the date in Arabic numerals (2023年4月5日) at the right
//   版记  抄送 and 印发机关 + 印发日期 between thin lines, on the last page
//
// Page: A4, top margin 37 mm, binding margin 28 mm, text block 156 × 225 mm
// (22 lines of 28 characters of 3号 = 16 pt 仿宋). The DOCX names the
// standard's fonts (方正小标宋简体, 仿宋_GB2312, 黑体, 楷体_GB2312: WPS and
// Word on the supervisor's PC have them); the HTML for the PDF lists them
// first and falls back on Noto Serif/Sans CJK SC, which Debian ships.
//
// Every writer masks ID-card numbers (pii.h) and escapes text for its format.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "engine/core/status.h"
#include "engine/plan/pack.h"

namespace cadence {

struct DocumentTable {
  std::vector<std::string> columns;
  std::vector<bool> numeric;                   // per column: right-aligned
  std::vector<std::vector<std::string>> rows;  // each as many cells as columns
  std::vector<bool> keep_together;             // per column: never broken inside (unit names)
  bool compact = false;                        // 小五 (9 pt) instead of 五号: many columns, long names
};

struct DocumentBlock {
  enum class Kind { kParagraph, kHeading, kSubheading, kTable };
  Kind kind = Kind::kParagraph;
  std::string text;     // paragraphs and headings ("一、总体情况")
  DocumentTable table;  // kTable
};

struct OfficialDocument {
  std::string issuer;     // 发文机关标志, red
  std::string number;     // 发文字号, "" for none (a dispatch on letterhead)
  std::string title;
  std::string addressee;  // "" for none
  std::vector<DocumentBlock> body;
  std::string signature;  // 发文机关署名 at the end
  std::string date;       // "2023年4月5日"
  std::vector<std::string> copy_to;  // 抄送, "" joined by "，"
  std::string printer;               // 印发机关
  std::string print_date;            // "2023年4月5日印发" without 印发
};

// "2023年4月5日": GB/T 9704 7.3.5.2 writes the date in Arabic numerals,
// without leading zeros.
std::string chinese_date(int year, unsigned month, unsigned day);

// The pack's document text with its fields filled in (a field without a
// value prints nothing: the pack reader allows only known fields).
std::string fill_document_text(const DocumentText& text, const std::map<std::string, std::string>& fields);

// A rate line of the pack as people write it: "90%", "92.5%".
std::string line_percent(double line);

// Column widths in mm shared by the HTML and DOCX tables: a column kept
// whole as wide as its longest text, the others sharing the rest of the
// text block.
std::vector<double> column_widths_mm(const DocumentTable& table, double text_width_mm);

// Markdown for pasting: the header as bold lines, tables as pipe tables.
std::string write_document_markdown(const OfficialDocument& document);

// A complete HTML page laid out for A4 print (the PDF's source): red mark
// and line, the grid's margins and sizes, table rows and unit names never
// broken, 版记 kept together at the end.
std::string write_document_html(const OfficialDocument& document);

// Writes a .docx (WordprocessingML in a zip, libzip) at `path`: A4 section
// with the standard's margins, styles for the body, headings and title, the
// red mark and line, tables with repeated header rows, 版记, page numbers
// "— 1 —" at the foot. kIoError when the file cannot be written.
Status write_document_docx(const OfficialDocument& document, const std::string& path);

// Prints write_document_html() to a PDF at `path` with headless Chromium
// (`chromium`, or $CADENCE_CHROMIUM). kIoError naming the program when it is
// missing or fails; the output is then absent.
Status write_document_pdf(const OfficialDocument& document, const std::string& path);

}  // namespace cadence

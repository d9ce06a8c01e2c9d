// WordprocessingML (ECMA-376) for an OfficialDocument, zipped with libzip.
// The parts are the fewest Word, WPS and LibreOffice open without repair:
// [Content_Types].xml, _rels/.rels, word/document.xml, word/styles.xml,
// word/footer1.xml and word/_rels/document.xml.rels. Every entry carries the
// same fixed time, so the same document gives the same bytes.
#include <zip.h>

#include <cstdint>
#include <ctime>
#include <string>
#include <vector>

#include "adapters/report/official_document.h"
#include "adapters/report/pii.h"

namespace cadence {
namespace {

// XML 1.0 text: markup characters escaped, control characters XML cannot
// carry dropped (a stray one from an export must not make the file unreadable).
std::string xml(const std::string& text) {
  std::string out;
  for (const char c : mask_id_numbers(text)) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n') break;
        out += c;
    }
  }
  return out;
}

// GB/T 9704 in twentieths of a point (twips; 1 mm ≈ 56.7 twips): A4
// 11906 × 16838; margins top 37 mm, left 28 mm, right 26 mm, bottom 35 mm;
// 22 lines in 225 mm: pitch 579 twips; 28 characters of 16 pt in 156 mm.
constexpr int kLinePitch = 579;
constexpr int kCharacter = 320;     // 16 pt
constexpr int kTextWidth = 8845;    // 156 mm
constexpr const char* kBody = "仿宋_GB2312";
constexpr const char* kTitleFont = "方正小标宋简体";
constexpr const char* kHeadingFont = "黑体";
constexpr const char* kSubheadingFont = "楷体_GB2312";
constexpr const char* kRed = "FF0000";

std::string fonts(const std::string& font) {
  return "<w:rFonts w:ascii=\"" + font + "\" w:eastAsia=\"" + font + "\" w:hAnsi=\"" + font + "\" w:cs=\"" + font +
         "\"/>";
}

// A run of text; sizes in half-points (32 = 16 pt = 3号).
std::string run(const std::string& text, const std::string& font, int half_points = 32,
                const std::string& color = "", bool bold = false) {
  std::string properties;
  if (!font.empty()) properties += fonts(font);
  if (bold) properties += "<w:b/>";
  if (!color.empty()) properties += "<w:color w:val=\"" + color + "\"/>";
  properties += "<w:sz w:val=\"" + std::to_string(half_points) + "\"/><w:szCs w:val=\"" +
                std::to_string(half_points) + "\"/>";
  return "<w:r><w:rPr>" + properties + "</w:rPr><w:t xml:space=\"preserve\">" + xml(text) + "</w:t></w:r>";
}

std::string paragraph(const std::string& properties, const std::string& runs) {
  return "<w:p><w:pPr>" + properties + "</w:pPr>" + runs + "</w:p>";
}

std::string exact_lines(int pitch = kLinePitch) {
  return "<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"" + std::to_string(pitch) + "\" w:lineRule=\"exact\"/>";
}

std::string body_paragraph(const std::string& text, const std::string& font = kBody) {
  return paragraph("<w:pStyle w:val=\"BodyText\"/>" + exact_lines() + "<w:ind w:firstLineChars=\"200\" w:firstLine=\"" +
                       std::to_string(2 * kCharacter) + "\"/><w:jc w:val=\"both\"/>",
                   run(text, font));
}

std::string table_cell(const std::string& text, int width, bool header, bool numeric, bool whole, int size) {
  std::string properties = "<w:tcW w:w=\"" + std::to_string(width) + "\" w:type=\"dxa\"/>";
  if (whole) properties += "<w:noWrap/>";
  properties += "<w:vAlign w:val=\"center\"/>";
  const std::string justify = header ? "center" : numeric ? "right" : "left";
  return "<w:tc><w:tcPr>" + properties + "</w:tcPr>" +
         paragraph("<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"300\" w:lineRule=\"auto\"/><w:jc w:val=\"" +
                       justify + "\"/>",
                   run(text, header ? kHeadingFont : kBody, size)) +
         "</w:tc>";
}

std::string table(const DocumentTable& table) {
  const std::string border = "w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"";
  std::string out = "<w:tbl><w:tblPr><w:tblW w:w=\"" + std::to_string(kTextWidth) +
                    "\" w:type=\"dxa\"/><w:jc w:val=\"center\"/><w:tblBorders><w:top " + border + "/><w:left " +
                    border + "/><w:bottom " + border + "/><w:right " + border + "/><w:insideH " + border +
                    "/><w:insideV " + border +
                    "/></w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:left w:w=\"60\" "
                    "w:type=\"dxa\"/><w:right w:w=\"60\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr><w:tblGrid>";
  std::vector<int> widths;
  for (const double width : column_widths_mm(table, 156)) widths.push_back(static_cast<int>(width * 56.7));
  const int size = table.compact ? 18 : 21;  // 小五 or 五号, in half-points
  for (int width : widths) out += "<w:gridCol w:w=\"" + std::to_string(width) + "\"/>";
  out += "</w:tblGrid>";
  // The header row repeats on every page; no row breaks across pages.
  out += "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>";
  for (std::size_t c = 0; c < table.columns.size(); ++c) out += table_cell(table.columns[c], widths[c], true, false, false, size);
  out += "</w:tr>";
  for (const auto& row : table.rows) {
    out += "<w:tr><w:trPr><w:cantSplit/></w:trPr>";
    for (std::size_t c = 0; c < row.size() && c < widths.size(); ++c) {
      const bool numeric = c < table.numeric.size() && table.numeric[c];
      const bool whole = c < table.keep_together.size() && table.keep_together[c];
      out += table_cell(row[c], widths[c], false, numeric, whole, size);
    }
    out += "</w:tr>";
  }
  out += "</w:tbl>";
  return out;
}

std::string document_part(const OfficialDocument& document) {
  std::string body;
  // 版头: the red mark, the number, the red line under it.
  body += paragraph("<w:spacing w:before=\"0\" w:after=\"400\"/><w:jc w:val=\"center\"/>",
                    run(document.issuer, kTitleFont, 68, kRed, true));
  const std::string red_line = "<w:pBdr><w:bottom w:val=\"single\" w:sz=\"18\" w:space=\"8\" w:color=\"" +
                               std::string(kRed) + "\"/></w:pBdr>";
  body += paragraph(red_line + exact_lines() + "<w:jc w:val=\"center\"/>", run(document.number, kBody));
  body += paragraph(exact_lines(), "");
  // 主体
  body += paragraph("<w:pStyle w:val=\"Title\"/><w:spacing w:before=\"0\" w:after=\"" + std::to_string(kLinePitch) +
                        "\" w:line=\"760\" w:lineRule=\"exact\"/><w:jc w:val=\"center\"/>",
                    run(document.title, kTitleFont, 44));
  if (!document.addressee.empty()) body += paragraph(exact_lines(), run(document.addressee, kBody));
  for (const auto& block : document.body) {
    switch (block.kind) {
      case DocumentBlock::Kind::kParagraph: body += body_paragraph(block.text); break;
      case DocumentBlock::Kind::kHeading:
        body += paragraph("<w:pStyle w:val=\"Heading1\"/><w:keepNext/>" + exact_lines() +
                              "<w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/>",
                          run(block.text, kHeadingFont));
        break;
      case DocumentBlock::Kind::kSubheading:
        body += paragraph("<w:pStyle w:val=\"Heading2\"/><w:keepNext/>" + exact_lines() +
                              "<w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/>",
                          run(block.text, kSubheadingFont));
        break;
      case DocumentBlock::Kind::kTable: body += table(block.table) + paragraph(exact_lines(), ""); break;
    }
  }
  // The issuing organ and the date, right-aligned four characters in.
  const std::string right = exact_lines() + "<w:ind w:right=\"" + std::to_string(4 * kCharacter) +
                            "\"/><w:jc w:val=\"right\"/>";
  body += paragraph(exact_lines(), "");
  body += paragraph("<w:keepNext/>" + right, run(document.signature, kBody));
  body += paragraph(right, run(document.date, kBody));
  // 版记: 抄送 and 印发 between lines (thick outside, thin between), 4号.
  if (!document.copy_to.empty() || !document.printer.empty()) {
    body += paragraph(exact_lines(), "");
    const std::string indent = "<w:ind w:left=\"320\" w:right=\"320\"/>";
    const std::string thick = "w:val=\"single\" w:sz=\"8\" w:space=\"4\" w:color=\"000000\"";
    const std::string thin = "w:val=\"single\" w:sz=\"6\" w:space=\"4\" w:color=\"000000\"";
    const bool both = !document.copy_to.empty() && !document.printer.empty();
    if (!document.copy_to.empty()) {
      std::string copy;
      for (std::size_t i = 0; i < document.copy_to.size(); ++i) copy += (i > 0 ? "，" : "") + document.copy_to[i];
      body += paragraph("<w:keepNext/><w:pBdr><w:top " + thick + "/><w:bottom " + (both ? thin : thick) +
                            "/></w:pBdr><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"500\" w:lineRule=\"exact\"/>" +
                            indent,
                        run("抄送：" + copy + "。", kBody, 28));
    }
    if (!document.printer.empty()) {
      body += paragraph("<w:pBdr>" + std::string(both ? "" : "<w:top " + thick + "/>") + "<w:bottom " + thick +
                            "/></w:pBdr><w:tabs><w:tab w:val=\"right\" w:pos=\"" + std::to_string(kTextWidth - 640) +
                            "\"/></w:tabs><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"500\" "
                            "w:lineRule=\"exact\"/>" +
                            indent,
                        run(document.printer, kBody, 28) + "<w:r><w:tab/></w:r>" +
                            run(document.print_date + "印发", kBody, 28));
    }
  }
  // A4, the standard's margins and grid, the page number in the footer.
  body +=
      "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rIdFooter\"/>"
      "<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"
      "<w:pgMar w:top=\"2098\" w:right=\"1474\" w:bottom=\"1984\" w:left=\"1587\" w:header=\"851\" "
      "w:footer=\"1304\" w:gutter=\"0\"/>"
      "<w:docGrid w:type=\"linesAndChars\" w:linePitch=\"" +
      std::to_string(kLinePitch) + "\" w:charSpace=\"0\"/></w:sectPr>";
  return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
         "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
         "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><w:body>" +
         body + "</w:body></w:document>";
}

std::string styles_part() {
  return std::string(
             "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
             "<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
             "<w:docDefaults><w:rPrDefault><w:rPr>") +
         fonts(kBody) +
         "<w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/><w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/></w:rPr>"
         "</w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"579\" w:lineRule=\"exact\"/>"
         "</w:pPr></w:pPrDefault></w:docDefaults>"
         "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style>"
         "<w:style w:type=\"paragraph\" w:styleId=\"BodyText\"><w:name w:val=\"Body Text\"/>"
         "<w:basedOn w:val=\"Normal\"/></w:style>"
         "<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/>"
         "<w:basedOn w:val=\"Normal\"/></w:style>"
         "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/>"
         "<w:basedOn w:val=\"Normal\"/><w:pPr><w:outlineLvl w:val=\"0\"/></w:pPr></w:style>"
         "<w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/>"
         "<w:basedOn w:val=\"Normal\"/><w:pPr><w:outlineLvl w:val=\"1\"/></w:pPr></w:style>"
         "</w:styles>";
}

// "— 1 —" centred at the foot, 4号 宋体 (GB/T 9704 7.5).
std::string footer_part() {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
         "<w:ftr xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
         "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr>" +
         run("— ", "宋体", 28) + "<w:fldSimple w:instr=\" PAGE \">" + run("1", "宋体", 28) + "</w:fldSimple>" +
         run(" —", "宋体", 28) + "</w:p></w:ftr>";
}

constexpr const char* kContentTypes =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
    "<Override PartName=\"/word/styles.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
    "<Override PartName=\"/word/footer1.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>"
    "</Types>";

constexpr const char* kPackageRelationships =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
    "Target=\"word/document.xml\"/></Relationships>";

constexpr const char* kDocumentRelationships =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rIdStyles\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
    "<Relationship Id=\"rIdFooter\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer1.xml\"/>"
    "</Relationships>";

}  // namespace

Status write_document_docx(const OfficialDocument& document, const std::string& path) {
  const std::vector<std::pair<std::string, std::string>> parts = {
      {"[Content_Types].xml", kContentTypes},
      {"_rels/.rels", kPackageRelationships},
      {"word/document.xml", document_part(document)},
      {"word/styles.xml", styles_part()},
      {"word/footer1.xml", footer_part()},
      {"word/_rels/document.xml.rels", kDocumentRelationships},
  };
  int error_code = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error_code);
  if (archive == nullptr) {
    zip_error_t error;
    zip_error_init_with_code(&error, error_code);
    std::string message = "cannot create " + path + ": " + zip_error_strerror(&error);
    zip_error_fini(&error);
    return Status::io_error(message);
  }
  // A fixed time (2000-01-01) for every entry: the bytes depend on the
  // document only.
  constexpr time_t kEntryTime = 946684800;
  for (const auto& [name, text] : parts) {
    // libzip reads the buffer at zip_close(): `parts` outlives it.
    zip_source_t* source = zip_source_buffer(archive, text.data(), text.size(), 0);
    const zip_int64_t index =
        source == nullptr ? -1 : zip_file_add(archive, name.c_str(), source, ZIP_FL_OVERWRITE | ZIP_FL_ENC_UTF_8);
    if (index < 0) {
      if (source != nullptr) zip_source_free(source);
      std::string message = "cannot add " + name + " to " + path + ": " + zip_strerror(archive);
      zip_discard(archive);
      return Status::io_error(message);
    }
    zip_file_set_mtime(archive, static_cast<zip_uint64_t>(index), kEntryTime, 0);
  }
  if (zip_close(archive) != 0) {
    std::string message = "cannot write " + path + ": " + zip_strerror(archive);
    zip_discard(archive);
    return Status::io_error(message);
  }
  return Status::ok();
}

}  // namespace cadence

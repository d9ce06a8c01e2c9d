#include <algorithm>
#include <string>

#include "adapters/report/markup.h"
#include "adapters/report/official_document.h"
#include "adapters/report/pii.h"

namespace cadence {

std::string chinese_date(int year, unsigned month, unsigned day) {
  return std::to_string(year) + "年" + std::to_string(month) + "月" + std::to_string(day) + "日";
}

std::string fill_document_text(const DocumentText& text, const std::map<std::string, std::string>& fields) {
  std::string out;
  for (const auto& part : text.parts) {
    if (part.field.empty()) {
      out += part.literal;
    } else if (auto found = fields.find(part.field); found != fields.end()) {
      out += found->second;
    }
  }
  return out;
}

std::string line_percent(double line) {
  const auto tenths = static_cast<long long>(line * 1000 + 0.5);
  return std::to_string(tenths / 10) + (tenths % 10 == 0 ? "" : "." + std::to_string(tenths % 10)) + "%";
}

// (official_document.h) A column that must stay whole gets the width of its
// longest text in the table's font (a CJK character is one em, others half
// an em; headers wrap after two or four characters) plus the cell's padding; the
// columns that may wrap share what is left, at least 12 mm each; when none
// may, the columns are widened in proportion to fill the text block.
std::vector<double> column_widths_mm(const DocumentTable& table, double text_width_mm) {
  auto half_ems = [](const std::string& text) {
    int units = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
      const auto byte = static_cast<unsigned char>(text[i]);
      if ((byte & 0xC0) == 0x80) continue;
      units += byte >= 0xE0 ? 2 : 1;
    }
    return units;
  };
  const double half_em_mm = (table.compact ? 9.0 : 10.5) * 0.3528 / 2;
  constexpr double kPadding = 3.6;  // 1.5 mm each side and the borders
  std::vector<int> units(table.columns.size(), 2);
  // A compact table's headers wrap after two characters, others after four.
  const int header_cap = table.compact ? 4 : 8;
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    units[c] = std::max(units[c], std::min(header_cap, half_ems(table.columns[c])));
  }
  for (const auto& row : table.rows) {
    for (std::size_t c = 0; c < row.size() && c < units.size(); ++c) units[c] = std::max(units[c], half_ems(row[c]));
  }
  std::vector<double> widths(units.size(), 0);
  double fixed = 0;
  std::size_t flexible = 0;
  for (std::size_t c = 0; c < units.size(); ++c) {
    if (c < table.keep_together.size() && table.keep_together[c]) {
      widths[c] = units[c] * half_em_mm + kPadding;
      fixed += widths[c];
    } else {
      ++flexible;
    }
  }
  if (flexible == 0) {
    for (double& width : widths) width *= fixed > 0 ? text_width_mm / fixed : 1;
    return widths;
  }
  const double share = std::max(12.0, (text_width_mm - fixed) / static_cast<double>(flexible));
  for (std::size_t c = 0; c < units.size(); ++c) {
    if (widths[c] == 0) widths[c] = share;
  }
  return widths;
}

namespace {

std::string joined(const std::vector<std::string>& items, const std::string& separator) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) out += (i > 0 ? separator : "") + items[i];
  return out;
}

void table(std::string& out, const DocumentTable& table) {
  out += "|";
  for (const auto& column : table.columns) out += " " + markdown_text(column) + " |";
  out += "\n|";
  for (std::size_t c = 0; c < table.columns.size(); ++c) out += c < table.numeric.size() && table.numeric[c] ? "---:|" : "---|";
  out += "\n";
  for (const auto& row : table.rows) {
    out += "|";
    // Numbers this program formatted ("+5.0", "85.6%") are not escaped: they
    // are cells, not list items; texts from the data always are.
    for (std::size_t c = 0; c < row.size(); ++c) {
      const bool numeric = c < table.numeric.size() && table.numeric[c];
      out += " " + (numeric ? row[c] : markdown_text(row[c])) + " |";
    }
    out += "\n";
  }
  out += "\n";
}

}  // namespace

// Example:
//   **共青团固原市委员会**
//
//   固团通〔2023〕7号
//
//   # 关于2023年3月“青年大学习”学习情况的通报
//
//   各县（区）团委：
//
//   2023年3月，全市……
std::string write_document_markdown(const OfficialDocument& document) {
  std::string out = "**" + markdown_text(document.issuer) + "**\n\n";
  if (!document.number.empty()) out += markdown_text(document.number) + "\n\n";
  out += "---\n\n# " + markdown_text(document.title) + "\n\n";
  if (!document.addressee.empty()) out += markdown_text(document.addressee) + "\n\n";
  for (const auto& block : document.body) {
    switch (block.kind) {
      case DocumentBlock::Kind::kParagraph: out += markdown_text(block.text) + "\n\n"; break;
      case DocumentBlock::Kind::kHeading: out += "## " + markdown_text(block.text) + "\n\n"; break;
      case DocumentBlock::Kind::kSubheading: out += "### " + markdown_text(block.text) + "\n\n"; break;
      case DocumentBlock::Kind::kTable: table(out, block.table); break;
    }
  }
  out += markdown_text(document.signature) + "  \n" + markdown_text(document.date) + "\n\n";
  if (!document.copy_to.empty() || !document.printer.empty()) {
    out += "---\n\n";
    if (!document.copy_to.empty()) out += "抄送：" + markdown_text(joined(document.copy_to, "，")) + "。\n\n";
    if (!document.printer.empty()) {
      out += markdown_text(document.printer) + " " + markdown_text(document.print_date) + "印发\n";
    }
  }
  return mask_id_numbers(out);
}

}  // namespace cadence

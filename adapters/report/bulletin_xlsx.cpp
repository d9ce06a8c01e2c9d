#include <xlsxwriter.h>

#include <string>

#include "adapters/report/bulletin_report.h"
#include "adapters/report/spreadsheet_cell.h"
#include "engine/eval/rational.h"

namespace cadence {
namespace {

double to_number(const Rational& value) { return to_double(value); }

// Every text cell of the workbook: a string cell (never a formula), masked
// and neutralised (spreadsheet_cell.h).
void write_text(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t column, std::string_view text, lxw_format* format) {
  worksheet_write_string(sheet, row, column, spreadsheet_text(text).c_str(), format);
}

struct Formats {
  lxw_format* header = nullptr;
  lxw_format* percent = nullptr;
  lxw_format* count = nullptr;
  lxw_format* points = nullptr;
  lxw_format* text = nullptr;
  lxw_format* title = nullptr;
};

void header_row(lxw_worksheet* sheet, const Formats& formats, const std::vector<std::string>& titles) {
  for (std::size_t c = 0; c < titles.size(); ++c) {
    write_text(sheet, 0, static_cast<lxw_col_t>(c), titles[c], formats.header);
  }
  worksheet_freeze_panes(sheet, 1, 0);
}

// Rates and counts are numeric cells, so that Excel can sort and sum them;
// a missing value is an empty cell. Counts are the month's 人次 (per-episode
// figures times the month's episodes), whole numbers whose columns add up,
// as in the official document. Printed on A4, fitted to the page width,
// with the header row repeated on every page.
void table_sheet(lxw_worksheet* sheet, const Formats& formats, const Bulletin& bulletin,
                 const std::vector<BulletinRow>& rows) {
  header_row(sheet, formats, {"序号", "单位", "应学人次", "参学人次", "参学率", "较上月（百分点）", "未学人次", "备注"});
  worksheet_set_column(sheet, 0, 0, 6, nullptr);
  worksheet_set_column(sheet, 1, 1, 28, nullptr);
  worksheet_set_column(sheet, 2, 6, 14, nullptr);
  worksheet_set_column(sheet, 7, 7, 10, nullptr);
  worksheet_set_paper(sheet, 9);  // A4
  worksheet_fit_to_pages(sheet, 1, 0);
  worksheet_repeat_rows(sheet, 0, 0);
  if (bulletin.no_episodes) {
    write_text(sheet, 1, 1, bulletin_text::no_episode_sentence(bulletin), formats.text);
    return;
  }
  const Rational episodes{bulletin.weekly && !bulletin.weeks.empty() ? static_cast<int64_t>(bulletin.weeks.size()) : 1,
                          1};
  auto month_total = [&](const Rational& per_episode) { return to_number(multiply(per_episode, episodes)); };
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const BulletinRow& row = rows[i];
    auto r = static_cast<lxw_row_t>(i + 1);
    worksheet_write_number(sheet, r, 0, static_cast<double>(i + 1), formats.count);
    write_text(sheet, r, 1, bulletin_text::unit_label(row), formats.text);
    worksheet_write_number(sheet, r, 2, month_total(row.members), formats.count);
    worksheet_write_number(sheet, r, 3, month_total(row.learners), formats.count);
    if (row.has_rate) {
      worksheet_write_number(sheet, r, 4, to_number(row.rate), formats.percent);
      worksheet_write_number(sheet, r, 6, month_total(row.shortfall), formats.count);
    }
    if (row.has_change) worksheet_write_number(sheet, r, 5, to_number(row.change_points), formats.points);
    std::string remark(remark_label(row.remark));
    if (!remark.empty()) write_text(sheet, r, 7, remark, formats.text);
  }
}

}  // namespace

Status write_bulletin_xlsx(const BulletinReportInput& input, const std::string& path) {
  const Bulletin& bulletin = *input.bulletin;
  lxw_workbook* workbook = workbook_new(path.c_str());
  if (workbook == nullptr) return Status::io_error("cannot create " + path);
  Formats formats;
  formats.header = workbook_add_format(workbook);
  format_set_bold(formats.header);
  format_set_bg_color(formats.header, 0xE8E8E8);
  format_set_border(formats.header, LXW_BORDER_THIN);
  format_set_align(formats.header, LXW_ALIGN_CENTER);
  format_set_font_name(formats.header, "SimSun");
  formats.percent = workbook_add_format(workbook);
  format_set_num_format(formats.percent, "0.0%");
  format_set_border(formats.percent, LXW_BORDER_THIN);
  formats.count = workbook_add_format(workbook);
  format_set_num_format(formats.count, "0");
  format_set_border(formats.count, LXW_BORDER_THIN);
  formats.points = workbook_add_format(workbook);
  format_set_num_format(formats.points, "+0.0;-0.0;0.0");
  format_set_border(formats.points, LXW_BORDER_THIN);
  formats.text = workbook_add_format(workbook);
  format_set_border(formats.text, LXW_BORDER_THIN);
  format_set_font_name(formats.text, "SimSun");
  formats.title = workbook_add_format(workbook);
  format_set_bold(formats.title);
  format_set_font_size(formats.title, 16);

  lxw_worksheet* about = workbook_add_worksheet(workbook, "说明");
  worksheet_set_column(about, 0, 0, 12, nullptr);
  worksheet_set_column(about, 1, 1, 60, nullptr);
  write_text(about, 0, 0, bulletin_text::heading(bulletin), formats.title);
  const std::vector<std::pair<std::string, std::string>> facts = {
      {"统计月份", bulletin_text::period_line(bulletin)},
      {"数据截至", input.data_cutoff.empty() ? std::string("（无导入记录）") : input.data_cutoff},
      {"规则包", input.pack_id + " " + input.pack_version},
      {"指标", bulletin.rate_rule_title + "（" + bulletin.rate_rule + "）"}};
  for (std::size_t i = 0; i < facts.size(); ++i) {
    auto r = static_cast<lxw_row_t>(i + 2);
    write_text(about, r, 0, facts[i].first, formats.header);
    write_text(about, r, 1, facts[i].second, formats.text);
  }

  table_sheet(workbook_add_worksheet(workbook, "按参学率"), formats, bulletin, bulletin.by_rate);
  table_sheet(workbook_add_worksheet(workbook, "按未学人数"), formats, bulletin, bulletin.by_shortfall);

  // 各单位情况: one row per unit, one column per per-unit line (its label),
  // the cell its text; empty where the line does not apply to the unit.
  if (!bulletin.line_labels.empty()) {
    lxw_worksheet* lines = workbook_add_worksheet(workbook, "各单位情况");
    std::vector<std::string> titles = {"单位编码", "单位"};
    titles.insert(titles.end(), bulletin.line_labels.begin(), bulletin.line_labels.end());
    header_row(lines, formats, titles);
    worksheet_set_column(lines, 0, 0, 12, nullptr);
    worksheet_set_column(lines, 1, 1, 24, nullptr);
    worksheet_set_column(lines, 2, static_cast<lxw_col_t>(titles.size() - 1), 48, nullptr);
    lxw_row_t r = 1;
    for (const auto& unit : bulletin.notes) {
      write_text(lines, r, 0, unit.unit_id, formats.text);
      write_text(lines, r, 1, bulletin_text::unit_heading(unit), formats.text);
      for (const auto& line : unit.lines) write_text(lines, r, static_cast<lxw_col_t>(line.line + 2), line.text, formats.text);
      ++r;
    }
  }

  lxw_worksheet* notes = workbook_add_worksheet(workbook, "其他情况");
  header_row(notes, formats, {"单位编码", "单位", "事项", "期间", "说明"});
  worksheet_set_column(notes, 0, 0, 12, nullptr);
  worksheet_set_column(notes, 1, 2, 24, nullptr);
  worksheet_set_column(notes, 3, 3, 10, nullptr);
  worksheet_set_column(notes, 4, 4, 60, nullptr);
  lxw_row_t r = 1;
  for (const auto& unit : bulletin.notes) {
    for (const auto& note : unit.notes) {
      write_text(notes, r, 0, unit.unit_id, formats.text);
      write_text(notes, r, 1, bulletin_text::unit_heading(unit), formats.text);
      write_text(notes, r, 2, note.topic, formats.text);
      write_text(notes, r, 3, note.period, formats.text);
      write_text(notes, r, 4, note.message, formats.text);
      ++r;
    }
  }
  lxw_error error = workbook_close(workbook);
  if (error != LXW_NO_ERROR) return Status::io_error("cannot write " + path + ": " + lxw_strerror(error));
  return Status::ok();
}

}  // namespace cadence

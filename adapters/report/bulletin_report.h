// Writers of the monthly bulletin (engine/rank/bulletin.h) in the formats a
// supervisor pastes or prints: Markdown and CSV for pasting, HTML for print
// (A4, Chinese fonts with fallbacks, a page break between sections) and XLSX
// (one sheet per section, formatted header row) for Excel or WPS.
//
// Every format carries the same header facts: the month (and the weeks it
// pools), the data cut-off (time of the latest import batch) and the pack id
// and version, and the same sections:
//   一、按参学率排序  (序号, 单位, 团员数, 参学人数, 参学率, 较上月, 未学人数, 备注)
//   二、按未学人数排序 (the same columns, largest shortfall first)
//   三、其他情况      (per unit: the pack's per-unit lines — "主题团日未开展：2 个
//                     支部（…）", "学社衔接：待办 3 件（超期 1 件），完成率 40.0%"
//                     — then the month's other findings and ledger lines)
// A month without episodes replaces both tables by one sentence. Output is
// deterministic: the same bulletin gives the same bytes (XLSX aside, whose
// zip carries a timestamp).
//
// Units only: no writer prints a member's name or id (issue 10).
#pragma once

#include <string>

#include "adapters/report/official_document.h"
#include "engine/core/status.h"
#include "engine/rank/bulletin.h"

namespace cadence {

struct BulletinReportInput {
  const Bulletin* bulletin = nullptr;
  std::string pack_id;
  std::string pack_version;
  std::string data_cutoff;  // "2023-04-03T08:00:00Z", or "" when nothing was imported
  // The month before's bulletin, same units (the official document gives
  // the change of the pooled rate); null when not built.
  const Bulletin* previous = nullptr;
};

// What the command line adds to the pack's document template.
struct BulletinIssue {
  int number = 0;  // the 发文字号's sequence number (--number)
  Date date;       // the issue date (--date; default the spec's issue_day of the following month)
};

// The bulletin as the official document the committee publishes (the pack's
// `document:`, GB/T 9704-2012), from the same figures as the other formats:
//   版头   issuer (red), number 固团通〔2023〕7号
//   title  关于2023年3月“青年大学习”学习情况的通报; addressee 各县（区）团委：
//   opening  the month, its episodes, the pooled rate of all units (Σ learners
//            / Σ members of the month: 人次, integers that add up) and its
//            change from the previous month
//   一、参学情况  the two ranked tables in 人次 (members and learners times
//            the month's episodes, so every count is whole)
//   二、表扬和批评  the commended and criticised units with their rates, in prose
//   三、其他情况  per unit (（一）原州区团委): its per-unit lines and notes
//   四、下一步要求  the spec's requirements (left out when it has none)
//   signature and date 2023年4月5日; 版记 抄送 and 印发.
OfficialDocument bulletin_document(const BulletinReportInput& input, const BulletinDefinition& definition,
                                   const BulletinIssue& issue);

// Example (Markdown):
//   # 月度通报 2023-03
//
//   - 统计月份：2023-03（2023-W09、2023-W10 …，共 4 期）
//   - 数据截至：2023-04-03T08:00:00Z
//   - 规则包：demo 1.0.0；指标：青年大学习周参学率（study.weekly_rate）
//
//   ## 一、按参学率排序
//
//   | 序号 | 单位 | 团员数 | 参学人数 | 参学率 | 较上月（百分点） | 未学人数 | 备注 |
//   |---:|---|---:|---:|---:|---:|---:|---|
//   | 1 | 原州区团委 | 10 | 9 | 90.0% | +5.0 | 1 | 表扬 |
std::string write_bulletin_markdown(const BulletinReportInput& input);

// One table: 排序,序号,单位编码,单位,团员数,参学人数,参学率,较上月（百分点）,未学人数,备注
// with 排序 = 按参学率 | 按未学人数 | 其他情况 (a per-unit line or a note: 单位 is
// the unit, 备注 the line; a month without episodes has one 按参学率 row whose
// 备注 says so). UTF-8 with BOM (Excel on Chinese Windows then reads it as
// UTF-8), LF.
std::string write_bulletin_csv(const BulletinReportInput& input);

// A complete HTML document, print-ready on A4.
std::string write_bulletin_html(const BulletinReportInput& input);

// Writes an .xlsx at `path`: sheets 说明, 按参学率, 按未学人数, 各单位情况 (when
// the definition has per-unit lines: 单位编码, 单位, then one column per line,
// headed by its label, holding its text) and 其他情况 (the notes). Rates are
// numeric cells formatted 0.0%; counts are the month's 人次 (per episode ×
// episodes: whole numbers whose columns add up), headed 应学人次, 参学人次,
// 未学人次. The tables print on A4, fitted to the width, the header row
// repeated. kIoError when the file cannot be written.
Status write_bulletin_xlsx(const BulletinReportInput& input, const std::string& path);

// Shared by the writers.
namespace bulletin_text {
std::string heading(const Bulletin& bulletin);                  // "月度通报 2023-03"
std::string period_line(const Bulletin& bulletin);              // "2023-03（2023-W09、…，共 4 期）"
std::string no_episode_sentence(const Bulletin& bulletin);
std::string unit_label(const BulletinRow& row);                 // name, else id
std::vector<std::string> column_titles();                       // the eight columns
std::vector<std::string> row_cells(const BulletinRow& row, std::size_t position);  // the eight cells
std::string note_line(const BulletinNote& note);
std::string unit_line(const BulletinUnitLine& line);           // "学社衔接：待办 3 件…"
std::string unit_heading(const BulletinUnitNotes& unit);        // name, else id
}  // namespace bulletin_text

}  // namespace cadence

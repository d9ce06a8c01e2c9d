#include <map>
#include <string>

#include "adapters/report/bulletin_report.h"
#include "engine/eval/rational.h"

namespace cadence {
namespace {

// 一 … 九十九, for headings 一、 and （一）.
std::string chinese_numeral(std::size_t n) {
  static const char* const kDigits[] = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  if (n < 10) return kDigits[n];
  std::string tens = n / 10 == 1 ? "" : kDigits[(n / 10) % 10];
  return tens + "十" + kDigits[n % 10];
}

std::string month_words(const Period& month) {
  return std::to_string(month.year()) + "年" + std::to_string(month.index()) + "月";
}

// The month's episodes: a weekly rule's counts are per episode, the document
// shows the month's 人次, whole numbers.
Rational episodes(const Bulletin& bulletin) {
  return Rational{bulletin.weekly && !bulletin.weeks.empty() ? static_cast<int64_t>(bulletin.weeks.size()) : 1, 1};
}

std::string month_count(const Bulletin& bulletin, const Rational& per_episode) {
  return format_count(multiply(per_episode, episodes(bulletin)));
}

struct Pooled {
  Rational members;
  Rational learners;
  bool present = false;
};

// Σ learners / Σ members over the units with a rate (DOM-S2: pooled, never a
// mean of rates).
Pooled pooled(const Bulletin& bulletin) {
  Pooled total;
  for (const auto& row : bulletin.by_rate) {
    if (!row.has_rate) continue;
    total.members = add(total.members, multiply(row.members, episodes(bulletin)));
    total.learners = add(total.learners, multiply(row.learners, episodes(bulletin)));
  }
  total.present = total.members.numerator != 0;
  return total;
}

DocumentTable ranked_table(const Bulletin& bulletin, const std::vector<BulletinRow>& rows) {
  DocumentTable table;
  table.columns = {"序号", "单位", "应学人次", "参学人次", "参学率", "较上月（百分点）", "未学人次", "备注"};
  table.numeric = {true, false, true, true, true, true, true, false};
  table.keep_together = {true, true, true, true, true, true, true, true};
  const std::string none = "—";
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const BulletinRow& row = rows[i];
    table.rows.push_back({std::to_string(i + 1), bulletin_text::unit_label(row), month_count(bulletin, row.members),
                          month_count(bulletin, row.learners), row.has_rate ? format_percent(row.rate) : none,
                          row.has_change ? format_points(row.change_points) : none,
                          row.has_rate ? month_count(bulletin, row.shortfall) : none,
                          std::string(remark_label(row.remark))});
  }
  return table;
}

std::string named_rates(const Bulletin& bulletin, Remark remark) {
  std::string out;
  for (const auto& row : bulletin.by_rate) {
    if (row.remark != remark) continue;
    out += (out.empty() ? "" : "、") + bulletin_text::unit_label(row) + "（" + format_percent(row.rate) + "）";
  }
  return out;
}

// "5.0" for +5.0 and −5.0 points: the sentence says which way.
std::string magnitude(const Rational& points) {
  std::string text = format_points(compare(points, Rational{}) < 0 ? multiply(points, Rational{-1, 1}) : points);
  if (!text.empty() && text[0] == '+') text.erase(0, 1);
  return text;
}

std::string opening(const BulletinReportInput& input) {
  const Bulletin& bulletin = *input.bulletin;
  std::string text = month_words(bulletin.month) + "，";
  if (bulletin.no_episodes) {
    return text + "“青年大学习”没有可统计的期次（如寒暑假停更），本月不排名、不表扬、不批评。现将其他情况通报如下：";
  }
  if (bulletin.weekly) text += "“青年大学习”共开展 " + std::to_string(bulletin.weeks.size()) + " 期，";
  const Pooled total = pooled(bulletin);
  if (!total.present) return text + "各单位均无团员数据，无法计算参学率。现将有关情况通报如下：";
  const Rational rate = divide(total.learners, total.members);
  std::size_t rated = 0;
  for (const auto& row : bulletin.by_rate) rated += row.has_rate ? 1 : 0;
  text += "有参学数据的 " + std::to_string(rated) + " 个单位应学 " + format_count(total.members) +
          " 人次，参学 " + format_count(total.learners) + " 人次，总体参学率 " + format_percent(rate);
  if (input.previous != nullptr && !input.previous->no_episodes) {
    const Pooled before = pooled(*input.previous);
    if (before.present) {
      const Rational points = multiply(subtract(rate, divide(before.learners, before.members)), Rational{100, 1});
      const int direction = compare(points, Rational{});
      text += direction == 0 ? "，与上月持平"
                             : std::string("，较上月") + (direction > 0 ? "上升 " : "下降 ") +
                                   magnitude(points) + " 个百分点";
    }
  } else {
    text += "（上月无可比数据）";
  }
  return text + "。现将有关情况通报如下：";
}

}  // namespace

OfficialDocument bulletin_document(const BulletinReportInput& input, const BulletinDefinition& definition,
                                   const BulletinIssue& issue) {
  CADENCE_ASSERT(definition.document.has_value());
  const BulletinDocumentSpec& spec = *definition.document;
  const Bulletin& bulletin = *input.bulletin;
  OfficialDocument document;
  document.issuer = spec.issuer;
  document.number = fill_document_text(spec.number, {{"year", std::to_string(issue.date.year())},
                                       {"number", std::to_string(issue.number)}});
  document.title = fill_document_text(spec.title, {{"month", month_words(bulletin.month)},
                                     {"year", std::to_string(bulletin.month.year())}});
  document.addressee = spec.addressee;
  auto paragraph = [&](std::string text) {
    document.body.push_back({DocumentBlock::Kind::kParagraph, std::move(text), {}});
  };
  auto heading = [&](std::string text) {
    document.body.push_back({DocumentBlock::Kind::kHeading, std::move(text), {}});
  };
  paragraph(opening(input));
  std::size_t section = 0;
  if (!bulletin.no_episodes) {
    heading(chinese_numeral(++section) + "、参学情况");
    paragraph("各单位参学情况按参学率排序如下（人次为本月各期合计）：");
    document.body.push_back({DocumentBlock::Kind::kTable, "", ranked_table(bulletin, bulletin.by_rate)});
    paragraph("按未学人次排序如下：");
    document.body.push_back({DocumentBlock::Kind::kTable, "", ranked_table(bulletin, bulletin.by_shortfall)});

    heading(chinese_numeral(++section) + "、表扬和批评");
    const std::string commended = named_rates(bulletin, Remark::kCommend);
    const std::string criticised = named_rates(bulletin, Remark::kCriticise);
    std::string standard = "参学率位居前 " + std::to_string(definition.commend_top) + " 名";
    if (definition.excellence_line) standard += "且达到 " + line_percent(*definition.excellence_line) + " ";
    paragraph(commended.empty() ? "本月没有" + standard + "的单位。"
                                : "对" + standard + "的" + commended + "予以表扬。");
    std::string floor = "参学率位居后 " + std::to_string(definition.criticise_bottom) + " 名";
    if (definition.floor) floor += "且低于 " + line_percent(*definition.floor) + " ";
    paragraph(criticised.empty() ? "本月没有" + floor + "的单位。"
                                 : "对" + floor + "的" + criticised + "予以通报批评，请认真分析原因，限期整改。");
  }

  heading(chinese_numeral(++section) + "、其他情况");
  std::size_t unit_count = 0;
  for (const auto& unit : bulletin.notes) {
    if (unit.lines.empty() && unit.notes.empty()) continue;
    document.body.push_back({DocumentBlock::Kind::kSubheading,
                             "（" + chinese_numeral(++unit_count) + "）" + bulletin_text::unit_heading(unit), {}});
    for (const auto& line : unit.lines) paragraph(bulletin_text::unit_line(line) + "。");
    for (const auto& note : unit.notes) paragraph(bulletin_text::note_line(note) + "。");
  }
  if (unit_count == 0) paragraph("无。");

  if (!spec.requirements.empty()) {
    heading(chinese_numeral(++section) + "、下一步要求");
    for (std::size_t i = 0; i < spec.requirements.size(); ++i) {
      paragraph(spec.requirements.size() > 1 ? std::to_string(i + 1) + "．" + spec.requirements[i]
                                             : spec.requirements[i]);
    }
  }
  document.signature = spec.issuer;
  document.date = chinese_date(issue.date.year(), static_cast<unsigned>(issue.date.month()),
                               static_cast<unsigned>(issue.date.day()));
  document.copy_to = spec.copy_to;
  document.printer = spec.printer.empty() ? spec.issuer : spec.printer;
  document.print_date = document.date;
  return document;
}

}  // namespace cadence

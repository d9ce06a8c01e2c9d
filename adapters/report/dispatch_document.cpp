#include <map>
#include <string>

#include "adapters/report/dispatch_report.h"
#include "engine/eval/rational.h"
#include "engine/rank/bulletin.h"

namespace cadence {

std::string week_words(const Period& week) {
  const Date first = week.first_day();
  const Date last = week.last_day();
  return std::to_string(week.year()) + "年第" + std::to_string(week.index()) + "周（" + std::to_string(first.month()) +
         "月" + std::to_string(first.day()) + "日—" + std::to_string(last.month()) + "月" +
         std::to_string(last.day()) + "日）";
}

namespace {

std::string short_week(const Period& week) { return "第" + std::to_string(week.index()) + "周"; }

std::string label(const DispatchRow& row) { return row.unit_name.empty() ? row.unit_id : row.unit_name; }

std::string change_words(const Rational& points) {
  const int direction = compare(points, Rational{});
  if (direction == 0) return "持平";
  std::string text = format_points(direction < 0 ? multiply(points, Rational{-1, 1}) : points);
  if (!text.empty() && text[0] == '+') text.erase(0, 1);
  return (direction > 0 ? "上升 " : "下降 ") + text + " 个百分点";
}

}  // namespace

OfficialDocument dispatch_document(const DispatchReportInput& input) {
  const Dispatch& dispatch = *input.dispatch;
  const std::string noun = input.counties ? "县（区）团委" : "团支部";
  OfficialDocument document;
  document.issuer = dispatch.scope_name;
  document.title = fill_document_text(input.spec->title, {{"unit", dispatch.scope_name}, {"week", week_words(dispatch.week)}});
  auto paragraph = [&](std::string text) {
    document.body.push_back({DocumentBlock::Kind::kParagraph, std::move(text), {}});
  };
  auto heading = [&](std::string text) {
    document.body.push_back({DocumentBlock::Kind::kHeading, std::move(text), {}});
  };

  std::size_t rated = 0;
  std::vector<const DispatchRow*> below;
  std::vector<const DispatchRow*> on_streak;
  for (const auto& row : dispatch.rows) {
    if (row.has_rate) ++rated;
    if (row.below_floor) below.push_back(&row);
    if (row.streak >= 2) on_streak.push_back(&row);
  }
  // The summary paragraph.
  std::string opening = week_words(dispatch.week) + "，" + dispatch.scope_name + "所属 " +
                        std::to_string(dispatch.rows.size()) + " 个" + noun;
  if (rated == 0) {
    opening += "均无团员数据，无法计算参学率。";
  } else {
    const Rational rate = divide(dispatch.learners, dispatch.members);
    opening += "应学 " + format_count(dispatch.members) + " 人，参学 " + format_count(dispatch.learners) +
               " 人，参学率 " + format_percent(rate);
    if (dispatch.has_previous_total && dispatch.previous_week) {
      const Rational before = divide(dispatch.previous_learners, dispatch.previous_members);
      opening += "，较上期（" + short_week(*dispatch.previous_week) + "，" + format_percent(before) + "）" +
                 change_words(multiply(subtract(rate, before), Rational{100, 1}));
    } else {
      opening += "（上期无可比数据）";
    }
    opening += "。";
    if (dispatch.floor) {
      opening += "参学率低于 " + line_percent(*dispatch.floor) + " 的" + noun + " " + std::to_string(below.size()) +
                 " 个";
      if (input.streaks) opening += "，其中连续两期及以上低于的 " + std::to_string(on_streak.size()) + " 个";
      opening += "。";
    }
  }
  paragraph(opening + "现将本周参学情况调度如下：");

  heading("一、参学情况");
  DocumentTable table;
  // 所属 (the town or school) tells apart branches of the same name; the
  // counties all belong to the city.
  table.columns = {"序号", input.counties ? "单位" : "团支部", "所属", "团员数", "参学人数", "参学率", "较上期（百分点）"};
  table.numeric = {true, false, false, true, true, true, true};
  table.keep_together = {true, true, false, true, true, true, true};
  table.compact = true;
  if (input.streaks) {
    table.columns.push_back(dispatch.floor ? "连续低于" + line_percent(*dispatch.floor) + "期数" : "连续期数");
    table.numeric.push_back(true);
    table.keep_together.push_back(true);
  }
  const std::string none = "—";
  for (std::size_t i = 0; i < dispatch.rows.size(); ++i) {
    const DispatchRow& row = dispatch.rows[i];
    std::vector<std::string> cells = {std::to_string(i + 1),
                                      label(row),
                                      row.parent_name,
                                      format_count(row.members),
                                      format_count(row.learners),
                                      row.has_rate ? format_percent(row.rate) : none,
                                      row.has_change ? format_points(row.change_points) : none};
    if (input.streaks) cells.push_back(row.streak > 0 ? std::to_string(row.streak) : "");
    if (input.counties) cells.erase(cells.begin() + 2);
    table.rows.push_back(std::move(cells));
  }
  if (input.counties) {
    table.columns.erase(table.columns.begin() + 2);
    table.numeric.erase(table.numeric.begin() + 2);
    table.keep_together.erase(table.keep_together.begin() + 2);
  }
  document.body.push_back({DocumentBlock::Kind::kTable, "", std::move(table)});

  if (dispatch.floor) {
    heading("二、低于 " + line_percent(*dispatch.floor) + " 的" + noun);
    if (below.empty()) {
      paragraph("本周没有参学率低于 " + line_percent(*dispatch.floor) + " 的" + noun + "。");
    } else {
      std::string names;
      for (const DispatchRow* row : below) {
        names += (names.empty() ? "" : "、") + label(*row) +
                 (input.counties || row->parent_name.empty() ? "" : "（" + row->parent_name + "）") +
                 format_percent(row->rate);
      }
      paragraph("参学率低于 " + line_percent(*dispatch.floor) + " 的" + noun + "：" + names + "。请督促整改，下周调度。");
    }
    if (input.streaks && !on_streak.empty()) {
      std::string names;
      for (const DispatchRow* row : on_streak) {
        names += (names.empty() ? "" : "、") + label(*row) + "（连续 " + std::to_string(row->streak) + " 期）";
      }
      paragraph("连续两期及以上低于 " + line_percent(*dispatch.floor) + " 的：" + names + "，请重点督导。");
    }
  }
  document.signature = dispatch.scope_name;
  document.date = chinese_date(input.date.year(), static_cast<unsigned>(input.date.month()),
                               static_cast<unsigned>(input.date.day()));
  return document;
}

}  // namespace cadence

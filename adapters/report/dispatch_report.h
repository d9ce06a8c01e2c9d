// The weekly dispatch (engine/rank/dispatch.h) as the document a county
// publishes every Monday (or the city's ranking of its counties), laid out
// like every published document (official_document.h) and written by its
// writers (md, html, docx, pdf):
//   版头   the scope's committee in red (no number: a dispatch is not numbered)
//   title  the pack's dispatch title: 原州区团委“青年大学习”周调度（2023年第10周（3月6日—3月12日））
//   opening  the week, the units, the pooled rate (Σ learners / Σ members)
//            and its change from the previous episode week
//   一、参学情况   the units ranked: 序号, 单位, 所属, 团员数, 参学人数, 参学率,
//                 较上周（百分点）, 连续低于线期数 (with a streak rule)
//   二、低于 60% 的单位  named with their rates, and those on a streak
//   signature and date (the Monday after the week, or --date).
#pragma once

#include <string>

#include "adapters/report/official_document.h"
#include "engine/calendar/date.h"
#include "engine/rank/dispatch.h"

namespace cadence {

struct DispatchReportInput {
  const Dispatch* dispatch = nullptr;
  const DispatchSpec* spec = nullptr;
  bool counties = false;  // the city's version: the units are county committees
  bool streaks = false;   // a streak rule was given: show its column
  Date date;              // the issue date
};

OfficialDocument dispatch_document(const DispatchReportInput& input);

// "2023年第10周（3月6日—3月12日）"
std::string week_words(const Period& week);

}  // namespace cadence

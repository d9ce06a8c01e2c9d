// The explanation of one finding (/explain/ORG/RULE/PERIOD): the rule and
// the plan clause it encodes, the finding as the run recorded it (value,
// ratio, gap, score, message), then the computation redone on the data the
// server holds (every let, the value, the thresholds, the verdict) and the
// evidence — the records that made the value, or their absence.
#include "adapters/web/html.h"
#include "adapters/web/pages.h"
#include "engine/eval/calendars.h"
#include "engine/eval/evidence.h"
#include "engine/eval/explanation.h"
#include "engine/eval/expression_evaluator.h"

namespace cadence::web {
namespace {

namespace text {
constexpr std::string_view kTitle = "详解";
constexpr std::string_view kRule = "规则";
constexpr std::string_view kSource = "依据";
constexpr std::string_view kOrg = "组织";
constexpr std::string_view kPeriod = "周期";
constexpr std::string_view kRecorded = "检查记录";
constexpr std::string_view kNoRecorded = "最近一次检查没有记录这一项问题。";
constexpr std::string_view kStatus = "结论";
constexpr std::string_view kValue = "数值";
constexpr std::string_view kGap = "差距";
constexpr std::string_view kScore = "扣分";
constexpr std::string_view kMessage = "说明";
constexpr std::string_view kComputation = "计算过程（按当前数据重算）";
constexpr std::string_view kFailsWhen = "未达标条件";
constexpr std::string_view kWarnsWhen = "预警条件";
constexpr std::string_view kVerdict = "重算结论";
constexpr std::string_view kEvidence = "依据记录";
constexpr std::string_view kRows = "条";
constexpr std::string_view kAbsence = "（没有记录，这本身就是依据）";
constexpr std::string_view kMore = "另有";
constexpr std::string_view kCannotCompute = "无法重算：";
}  // namespace text

std::string evidence_section(const PageContext& context, const std::vector<Evidence>& evidence_list) {
  const Dataset& dataset = context.workspace.dataset();
  std::string out = "<section><h2>" + std::string(text::kEvidence) + "</h2>";
  for (const Evidence& evidence : evidence_list) {
    out += "<h3><code>" + escape(evidence.aggregate) + "</code> · " + escape(evidence.window) + " · " +
           std::to_string(evidence.matching) + " " + std::string(text::kRows) +
           (evidence.matching == 0 ? std::string(text::kAbsence) : "") + "</h3>";
    const RecordSet* set = dataset.find(evidence.record_set);
    if (set == nullptr || evidence.rows.empty()) continue;
    out += "<table class=\"evidence\"><thead><tr>";
    for (const auto& column : set->schema().columns) out += "<th>" + escape(column.name) + "</th>";
    out += "</tr></thead><tbody>";
    for (uint32_t row : evidence.rows) {
      out += "<tr>";
      for (std::size_t c = 0; c < set->column_count(); ++c) out += "<td>" + escape(set->column(c).format(row)) + "</td>";
      out += "</tr>";
    }
    out += "</tbody></table>";
    if (evidence.matching > evidence.rows.size()) {
      out += "<p>" + std::string(text::kMore) + " " + std::to_string(evidence.matching - evidence.rows.size()) + " " +
             std::string(text::kRows) + "</p>";
    }
  }
  return out + "</section>";
}

}  // namespace

std::optional<std::string> explain_page(const PageContext& context, std::string_view org_id, std::string_view rule_id,
                                        std::string_view period_text) {
  auto org = context.org_in_scope(org_id);
  if (!org) return not_found();
  const RuleSpec* rule = find_rule(context.pack, rule_id);
  const int rule_index = context.plan.find_rule(rule_id);
  auto period = Period::parse(period_text);
  if (rule == nullptr || rule_index < 0 || !period || period->kind() != rule->cadence) return not_found();
  const Workspace& w = context.workspace;

  std::string body = org_breadcrumb(context, *org);
  body += "<dl class=\"explain\"><dt>" + std::string(text::kRule) + "</dt><dd><a href=\"/rule/" + url_encode(rule->id) +
          "\">" + escape(rule->id) + "</a> " + escape(rule->title) + "</dd><dt>" + std::string(text::kSource) +
          "</dt><dd>" + escape(rule->source) + "</dd><dt>" + std::string(text::kOrg) + "</dt><dd>" +
          escape(w.name(*org)) + "（" + escape(w.county(*org)) + "）</dd><dt>" + std::string(text::kPeriod) +
          "</dt><dd>" + escape(period_label(period->to_string())) + "（" + period->first_day().to_string() + " 至 " +
          period->last_day().to_string() + "）</dd></dl>";

  body += "<section><h2>" + std::string(text::kRecorded) + "</h2>";
  const StoredFinding* recorded = nullptr;
  for (uint32_t index : w.own_findings(*org)) {
    const StoredFinding& finding = w.findings()[index];
    if (finding.rule == rule->id && finding.period == period_text) recorded = &finding;
  }
  if (recorded == nullptr) {
    body += "<p>" + std::string(text::kNoRecorded) + "</p>";
  } else {
    std::string value = micros_text(recorded->value_micros);
    if (recorded->numerator && recorded->denominator) {
      value += "（" + std::to_string(*recorded->numerator) + "/" + std::to_string(*recorded->denominator) + "）";
    }
    body += "<dl class=\"recorded\"><dt>" + std::string(text::kStatus) + "</dt><dd class=\"" + escape(recorded->status) +
            "\">" + (recorded->status == "fail" ? "未达标" : "预警") + "</dd><dt>" + std::string(text::kValue) +
            "</dt><dd>" + escape(value) + "</dd><dt>" + std::string(text::kGap) + "</dt><dd>" + escape(recorded->gap) +
            "</dd><dt>" + std::string(text::kScore) + "</dt><dd>" + micros_text(recorded->score_micros) + "</dd><dt>" +
            std::string(text::kMessage) + "</dt><dd>" + escape(recorded->message) + "</dd></dl>";
  }
  body += "</section>";

  body += "<section><h2>" + std::string(text::kComputation) + "</h2>";
  try {
    const Calendars calendars = resolve_calendars(context.plan, w.dataset());
    const CellExplanation cell = explain_cell(context.plan, w.dataset(), calendars, rule_index, *org, *period);
    body += "<dl class=\"computation\">";
    for (const auto& [name, value] : cell.lets) body += "<dt><code>" + escape(name) + "</code></dt><dd>" + escape(value) + "</dd>";
    body += "<dt>value</dt><dd>" + escape(cell.value) + " = <code>" + escape(rule->value.text) + "</code></dd>";
    body += "<dt>" + std::string(text::kFailsWhen) + "</dt><dd><code>" + escape(rule->fail.text) + "</code></dd>";
    if (!rule->warn.text.empty()) {
      body += "<dt>" + std::string(text::kWarnsWhen) + "</dt><dd><code>" + escape(rule->warn.text) + "</code></dd>";
    }
    body += "<dt>" + std::string(text::kVerdict) + "</dt><dd>" + escape(to_string(cell.verdict)) + "</dd></dl>";
    body += "</section>";
    body += evidence_section(context, collect_evidence(context.plan, w.dataset(), calendars, rule_index, *org, *period));
  } catch (const std::runtime_error& error) {  // CalendarRangeError, ValueOutOfRange
    body += "<p>" + std::string(text::kCannotCompute) + escape(error.what()) + "</p></section>";
  }
  return layout(context, std::string(text::kTitle) + " · " + rule->id + " · " + w.name(*org), body);
}

}  // namespace cadence::web

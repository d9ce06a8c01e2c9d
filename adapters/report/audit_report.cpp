#include "adapters/report/audit_report.h"

#include <iconv.h>

#include <array>
#include <map>
#include <optional>
#include <ostream>

#include "adapters/csv/csv_writer.h"
#include "adapters/i18n/people_dates.h"
#include "adapters/i18n/translate.h"
#include "adapters/report/json_writer.h"
#include "adapters/report/markup.h"
#include "adapters/report/org_place.h"
#include "adapters/report/pii.h"
#include "engine/eval/message.h"
#include "engine/eval/requirement.h"

namespace cadence {
namespace {

// Free text from the exports: write_audit_report masks what it writes.
std::string org_name(const Dataset& dataset, OrgIndex org) { return org_display_name(dataset, org); }

// "O7 三营镇团支部（西吉县团委）": id, name and, below a county, where it lies.
std::string org_label(const Dataset& dataset, OrgIndex org) {
  std::string label = dataset.tree().id(org) + " " + org_name(dataset, org);
  std::string place = org_place(dataset, org);
  return place.empty() ? label : label + fill(tr(" ({1})"), {place});
}

// The units of the shipped packs' rules (rule `unit:`), which are pack data
// in English: the report translates them when the catalog knows them.
constexpr std::array kPackUnits{
    tr_noop("activities"), tr_noop("applications"), tr_noop("assemblies"),  tr_noop("bulletins"),
    tr_noop("days"),       tr_noop("dispatches"),   tr_noop("events"),      tr_noop("graduates"),
    tr_noop("internships"), tr_noop("job posts"),   tr_noop("learners"),    tr_noop("lessons"),
    tr_noop("meetings"),   tr_noop("members"),      tr_noop("members evaluated"), tr_noop("secretaries"),
    tr_noop("theme days"), tr_noop("transfers"),    tr_noop("weeks")};

std::string unit_for_people(const std::string& unit) {
  static_assert(!kPackUnits.empty());
  return unit.empty() ? unit : tr(unit);
}

std::string status_for_people(Verdict status) {
  return status == Verdict::kFail ? tr("fail") : tr("warn");
}

// A rule's severity (pack.h's codes) in the reader's language.
std::string severity_for_people(RuleSeverity severity) {
  switch (severity) {
    case RuleSeverity::kLow: return tr("low");
    case RuleSeverity::kMedium: return tr("medium");
    case RuleSeverity::kHigh: return tr("high");
    case RuleSeverity::kCritical: return tr("critical");
  }
  return std::string(to_string(severity));
}

std::string message_of(const Finding& finding) { return std::string(finding.message); }

const RuleSpec& rule_of(const AuditReportInput& input, const Finding& finding) {
  return *input.plan->rules[static_cast<std::size_t>(finding.rule)].spec;
}

Requirement finding_requirement(const AuditReportInput& input, const Finding& finding) {
  return requirement_of(input.plan->rules[static_cast<std::size_t>(finding.rule)], finding);
}

// The CSV's cells for one finding (contract_csv writes the first five itself).
std::vector<std::string> finding_cells(const AuditReportInput& input, const Finding& finding) {
  const Dataset& dataset = *input.dataset;
  std::vector<std::string> cells{rule_of(input, finding).id, dataset.tree().id(finding.org),
                                 period_for_people(finding.period), format_micros(finding.value_micros),
                                 format_micros(finding.score_micros)};
  cells.push_back(status_for_people(finding.status));
  cells.push_back(org_name(dataset, finding.org));
  cells.push_back(org_county(dataset, finding.org));
  cells.push_back(org_place(dataset, finding.org));
  const Requirement required = finding_requirement(input, finding);
  cells.push_back(required.has_threshold ? format_micros(to_micros(required.threshold)) : "");
  cells.push_back(finding.has_ratio ? std::to_string(finding.numerator) : "");
  cells.push_back(finding.has_ratio ? std::to_string(finding.denominator) : "");
  cells.push_back(gap_text(required));
  cells.push_back(unit_for_people(rule_of(input, finding).unit));
  cells.push_back(message_of(finding));
  cells.push_back(std::string(to_string(rule_of(input, finding).severity)));
  cells.push_back("");  // waiver_reason: a finding counted is not waived
  cells.push_back("");  // waiver_expires
  return cells;
}

const RuleSpec& waived_rule(const AuditReportInput& input, const WaivedFinding& waived) {
  return *input.plan->rules[static_cast<std::size_t>(waived.rule)].spec;
}

std::string waiver_reason(const WaivedFinding& waived) { return waived.waiver ? waived.waiver->reason : ""; }
std::string waiver_expires(const WaivedFinding& waived) {
  return waived.waiver && waived.waiver->expires ? waived.waiver->expires->to_string() : "";
}

// A waived finding's CSV cells: the same columns, no value, score or gap.
std::vector<std::string> waived_cells(const AuditReportInput& input, const WaivedFinding& waived) {
  const RuleSpec& rule = waived_rule(input, waived);
  const Dataset& dataset = *input.dataset;
  return {rule.id, dataset.tree().id(waived.org), period_for_people(waived.period), "", "", tr("waived"),
          org_name(dataset, waived.org), org_county(dataset, waived.org), org_place(dataset, waived.org), "", "", "",
          "", unit_for_people(rule.unit), "", severity_for_people(rule.severity), waiver_reason(waived),
          waiver_expires(waived)};
}

const std::vector<WaivedFinding>& waived_of(const AuditReportInput& input) {
  static const std::vector<WaivedFinding> kNone;
  return input.waived ? *input.waived : kNone;
}

// "0.583333" appended without a temporary string.
void append_micros(std::string& out, int64_t micros) {
  if (micros < 0) {
    out += '-';
    micros = -micros;
  }
  char digits[24];
  int length = 0;
  int64_t whole = micros / 1000000;
  do {
    digits[length++] = static_cast<char>('0' + whole % 10);
    whole /= 10;
  } while (whole > 0);
  while (length > 0) out += digits[--length];
  out += '.';
  int64_t fraction = micros % 1000000;
  char decimals[6];
  for (int i = 5; i >= 0; --i) {
    decimals[i] = static_cast<char>('0' + fraction % 10);
    fraction /= 10;
  }
  out.append(decimals, 6);
}

// `utf8` in GB18030 (iconv), or nullopt when it is not valid UTF-8.
std::optional<std::string> utf8_to_gb18030(const std::string& utf8) {
  iconv_t converter = iconv_open("GB18030", "UTF-8");
  if (converter == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
  std::string out(utf8.size() * 2 + 16, '\0');
  char* in_bytes = const_cast<char*>(utf8.data());
  std::size_t in_left = utf8.size();
  char* out_bytes = out.data();
  std::size_t out_left = out.size();
  // GB18030 takes at most 4 bytes for a character UTF-8 writes in 2 to 4,
  // and 1 for ASCII: twice the input always suffices.
  const std::size_t result = iconv(converter, &in_bytes, &in_left, &out_bytes, &out_left);
  iconv_close(converter);
  if (result == static_cast<std::size_t>(-1) || in_left != 0) return std::nullopt;
  out.resize(out.size() - out_left);
  return out;
}

// Text written to a stream in pieces of about 1 MiB: a findings file of
// 5.2 M rows (300 MB of contract CSV at L) need not be one string.
class PieceWriter {
 public:
  // With `gb18030`, each piece is converted before it is written: pieces end
  // at row ends, so no character is ever split between two.
  explicit PieceWriter(std::ostream& stream, bool gb18030 = false) : stream_(stream), gb18030_(gb18030) {
    text_.reserve(kPiece + 4096);
  }
  ~PieceWriter() { flush(); }
  PieceWriter(const PieceWriter&) = delete;
  PieceWriter& operator=(const PieceWriter&) = delete;

  // The text of the current piece, to append to; end_row() after each row.
  std::string& text() { return text_; }
  void end_row() {
    if (text_.size() >= kPiece) flush();
  }

 private:
  static constexpr std::size_t kPiece = std::size_t{1} << 20;
  void flush() {
    if (gb18030_) {
      // Masked here, while the text is UTF-8 (pii.h reads UTF-8): the
      // stream's own masking then finds nothing left to mask.
      std::optional<std::string> converted = utf8_to_gb18030(mask_id_numbers(text_));
      // Every Unicode character has a GB18030 form; only invalid UTF-8
      // (never produced here) fails: then the stream is marked failed.
      if (!converted) {
        stream_.setstate(std::ios::badbit);
        text_.clear();
        return;
      }
      stream_.write(converted->data(), static_cast<std::streamsize>(converted->size()));
    } else {
      stream_.write(text_.data(), static_cast<std::streamsize>(text_.size()));
    }
    text_.clear();
  }
  std::ostream& stream_;
  bool gb18030_;
  std::string text_;
};

// Calls visit(entry, finding) for every finding in ranked order. That order
// visits the findings far from where the evaluator wrote them, so each read
// was a cache miss (80 % of the contract CSV's time at L): a cursor 16
// findings ahead prefetches the two cache lines of a finding that the
// contract's columns read.
template <typename Visit>
void for_each_ranked(const std::vector<RankedOrg>& ranked, Visit visit) {
  std::size_t ahead_org = 0;
  std::size_t ahead_finding = 0;
  auto prefetch_next = [&] {
    while (ahead_org < ranked.size() && ahead_finding == ranked[ahead_org].findings.size()) {
      ++ahead_org;
      ahead_finding = 0;
    }
    if (ahead_org == ranked.size()) return;
    const Finding* finding = ranked[ahead_org].findings[ahead_finding++];
    __builtin_prefetch(&finding->rule);
    __builtin_prefetch(&finding->score_micros);
  };
  for (int k = 0; k < 16; ++k) prefetch_next();
  for (const auto& entry : ranked) {
    for (const Finding* finding : entry.findings) {
      prefetch_next();
      visit(entry, *finding);
    }
  }
}

// The findings file of contract.md, written directly. Periods are formatted
// once each. Plain RFC 4180, no formula neutralising: programs compare it
// byte for byte with other implementations of the contract.
void contract_csv(const AuditReportInput& input, std::ostream& stream) {
  const Dataset& dataset = *input.dataset;
  std::vector<std::string> rule_ids;
  for (const auto& rule : input.plan->rules) rule_ids.push_back(csv_escape(rule.spec->id));
  std::map<Period, std::string> period_texts;
  PieceWriter writer(stream);
  std::string& out = writer.text();
  out += "rule,org_id,period,value,score\n";
  OrgIndex org = kNoOrg;
  std::string org_id;
  for_each_ranked(*input.ranked, [&](const RankedOrg& entry, const Finding& finding) {
    if (entry.org != org) {
      org = entry.org;
      org_id = csv_escape(dataset.tree().id(org));
    }
    out += rule_ids[static_cast<std::size_t>(finding.rule)];
    out += ',';
    out += org_id;
    out += ',';
    auto [text, added] = period_texts.try_emplace(finding.period);
    if (added) text->second = finding.period.to_string();
    out += text->second;
    out += ',';
    append_micros(out, finding.value_micros);
    out += ',';
    append_micros(out, finding.score_micros);
    out += '\n';
    writer.end_row();
  });
}

// For Excel and WPS: UTF-8 with a byte order mark, or they guess the
// encoding wrong; or GB18030 on request. The header is in the language of
// the report.
void csv(const AuditReportInput& input, std::ostream& stream) {
  const bool gb18030 = input.csv_encoding == CsvEncoding::kGb18030;
  PieceWriter writer(stream, gb18030);
  if (!gb18030) writer.text() += "\xEF\xBB\xBF";
  write_csv_row(writer.text(),
                {tr("rule"), tr("org_id"), tr("period"), tr("value"), tr("score"), tr("status"), tr("org_name"),
                 tr("county"), tr("place"), tr("threshold"), tr("numerator"), tr("denominator"), tr("gap"), tr("unit"),
                 tr("message"), tr("severity"), tr("waiver_reason"), tr("waiver_expires")},
                CellGuard::kSpreadsheet);
  for_each_ranked(*input.ranked, [&](const RankedOrg&, const Finding& finding) {
    // For people, opened in spreadsheets: formula-like cells neutralised.
    write_csv_row(writer.text(), finding_cells(input, finding), CellGuard::kSpreadsheet);
    writer.end_row();
  });
  for (const WaivedFinding& waived : waived_of(input)) {
    write_csv_row(writer.text(), waived_cells(input, waived), CellGuard::kSpreadsheet);
    writer.end_row();
  }
}

void finding_json(JsonWriter& json, const AuditReportInput& input, const Finding& finding) {
  const Dataset& dataset = *input.dataset;
  json.begin_object();
  json.field("rule", rule_of(input, finding).id);
  json.field("period", finding.period.to_string());
  json.field("status", std::string(to_string(finding.status)));
  json.field("severity", std::string(to_string(rule_of(input, finding).severity)));
  json.raw_field("value", format_micros(finding.value_micros));
  json.raw_field("score", format_micros(finding.score_micros));
  const Requirement required = finding_requirement(input, finding);
  if (required.has_threshold) json.raw_field("threshold", format_micros(to_micros(required.threshold)));
  if (finding.has_ratio) {
    json.raw_field("numerator", std::to_string(finding.numerator));
    json.raw_field("denominator", std::to_string(finding.denominator));
  }
  if (required.has_gap) json.raw_field("gap", format_micros(to_micros(required.gap)));
  json.field("unit", rule_of(input, finding).unit);
  json.field("message", message_of(finding));
  if (!finding.pulled_down.empty()) {
    json.key("pulled_down");
    json.begin_array();
    for (const auto& contributor : finding.pulled_down) {
      json.begin_object();
      json.field("org_id", dataset.tree().id(contributor.org));
      json.field("org_name", org_name(dataset, contributor.org));
      json.raw_field("numerator", std::to_string(contributor.numerator));
      json.raw_field("denominator", std::to_string(contributor.denominator));
      json.raw_field("shortfall", format_micros(to_micros(contributor.shortfall)));
      json.end_object();
    }
    json.end_array();
  }
  json.end_object();
}

// Opens an org's object: its id, name and total score.
void begin_org_json(JsonWriter& json, const Dataset& dataset, OrgIndex org, int64_t total_micros) {
  json.begin_object();
  json.field("org_id", dataset.tree().id(org));
  json.field("org_name", org_name(dataset, org));
  json.raw_field("total_score", format_micros(total_micros));
}

std::string json_report(const AuditReportInput& input) {
  const Dataset& dataset = *input.dataset;
  JsonWriter json;
  json.begin_object();
  json.field("pack", input.plan->pack->id + " " + input.plan->pack->version);
  json.key("periods");
  json.begin_array();
  for (const auto& period : input.periods) json.value(period.to_string());
  json.end_array();
  json.key("orgs");
  json.begin_array();
  for (const auto& entry : *input.ranked) {
    begin_org_json(json, dataset, entry.org, entry.total_micros);
    json.key("findings");
    json.begin_array();
    for (const Finding* finding : entry.findings) finding_json(json, input, *finding);
    json.end_array();
    json.end_object();
  }
  json.end_array();
  json.key("rollups");
  json.begin_array();
  if (input.rollups != nullptr) {
    for (const auto& rollup : *input.rollups) {
      begin_org_json(json, dataset, rollup.committee, rollup.total_micros);
      json.key("by_rule");
      json.begin_array();
      for (const auto& count : rollup.by_rule) {
        json.begin_object();
        json.field("rule", count.rule);
        json.raw_field("failing_orgs", std::to_string(count.failing_orgs));
        json.raw_field("warning_orgs", std::to_string(count.warning_orgs));
        json.end_object();
      }
      json.end_array();
      json.key("own_findings");
      json.begin_array();
      for (const Finding* finding : rollup.own) finding_json(json, input, *finding);
      json.end_array();
      json.end_object();
    }
  }
  json.end_array();
  json.key("waived");
  json.begin_array();
  for (const WaivedFinding& waived : waived_of(input)) {
    const RuleSpec& rule = waived_rule(input, waived);
    json.begin_object();
    json.field("rule", rule.id);
    json.field("org_id", dataset.tree().id(waived.org));
    json.field("org_name", org_name(dataset, waived.org));
    json.field("period", waived.period.to_string());
    json.field("status", std::string(to_string(Verdict::kWaived)));
    json.field("severity", std::string(to_string(rule.severity)));
    json.field("reason", waiver_reason(waived));
    if (!waiver_expires(waived).empty()) json.field("expires", waiver_expires(waived));
    json.end_object();
  }
  json.end_array();
  json.end_object();
  return json.take() + "\n";
}

// Markdown and terminal share one layout. In Markdown every text the
// report did not make (ids, names, messages, rule ids, units) is escaped
// (markup.h), in cells and headings alike.
std::string text_report(const AuditReportInput& input, bool markdown) {
  const Dataset& dataset = *input.dataset;
  auto cell = [&](std::string_view text) { return markdown ? markdown_text(text) : std::string(text); };
  const std::string item = markdown ? "- " : "";
  std::string out;
  std::string periods;
  for (const auto& period : input.periods) periods += (periods.empty() ? "" : tr(", ")) + period_for_people(period);
  out += markdown ? "# " + tr("Audit findings") + "\n\n" : tr("Audit findings") + "\n";
  out += item + fill(tr("Pack: {1}"), {cell(input.plan->pack->id + " " + input.plan->pack->version)}) + "\n";
  out += item + fill(tr("Periods: {1}"), {periods}) + "\n";
  std::size_t finding_count = 0;
  for (const auto& entry : *input.ranked) finding_count += entry.findings.size();
  out += item + fill(tr("Findings: {1} in {2} orgs"), {std::to_string(finding_count), std::to_string(input.ranked->size())}) +
         "\n\n";
  const std::string more_text = tr("{1} more orgs (use --format csv or json for all)");
  const std::string title_text = tr("{1}. {2} — total score {3}");
  const std::string line_text = tr("{1}  {2}  {3}  {4}  {5}  value {6}");
  const std::string line_gap_text = tr("{1}  {2}  {3}  {4}  {5}  value {6}  needs {7}");
  const std::string pulled_text = tr("pulled down by {1}: {2}/{3}, short by {4}");
  std::size_t shown = 0;
  for (const auto& entry : *input.ranked) {
    if (input.table_limit > 0 && shown == static_cast<std::size_t>(input.table_limit)) {
      std::string more = fill(more_text, {std::to_string(input.ranked->size() - shown)});
      out += markdown ? "\n_… " + more + "_\n" : "… " + more + "\n";
      break;
    }
    ++shown;
    std::string title =
        fill(title_text, {std::to_string(shown), cell(org_label(dataset, entry.org)), format_micros(entry.total_micros)});
    if (markdown) {
      out += "## " + title + "\n\n| " + tr("rule") + " | " + tr("period") + " | " + tr("status") + " | " +
             tr("severity") + " | " + tr("value") + " | " + tr("score") + " | " + tr("gap") + " | " + tr("message") +
             " |\n";
      out += "|---|---|---|---|---:|---:|---:|---|\n";
    } else {
      out += title + "\n";
    }
    for (const Finding* finding : entry.findings) {
      const RuleSpec& rule = rule_of(input, *finding);
      const std::string unit = unit_for_people(rule.unit);
      const std::string gap_number = gap_text(finding_requirement(input, *finding));
      const std::string gap = gap_number.empty() ? "" : gap_number + (unit.empty() ? "" : " " + unit);
      const std::string severity = severity_for_people(rule.severity);
      if (markdown) {
        out += "| " + cell(rule.id) + " | " + period_for_people(finding->period) + " | " +
               status_for_people(finding->status) + " | " + severity + " | " + format_micros(finding->value_micros) +
               " | " + format_micros(finding->score_micros) + " | " + cell(gap) + " | " + cell(message_of(*finding)) +
               " |\n";
      } else {
        out += "   " +
               fill(gap.empty() ? line_text : line_gap_text,
                    {format_micros(finding->score_micros), rule.id, period_for_people(finding->period),
                     status_for_people(finding->status), severity, format_micros(finding->value_micros), gap}) +
               "\n      " + message_of(*finding) + "\n";
      }
      for (const auto& contributor : finding->pulled_down) {
        std::string line = fill(pulled_text, {cell(dataset.tree().id(contributor.org) + " " + org_name(dataset, contributor.org)),
                                              std::to_string(contributor.numerator), std::to_string(contributor.denominator),
                                              format_number(contributor.shortfall, "decimal")});
        out += markdown ? "|  |  |  |  |  |  |  | ↳ " + line + " |\n" : "      ↳ " + line + "\n";
      }
    }
    out += "\n";
  }
  if (input.rollups != nullptr && !input.rollups->empty()) {
    out += markdown ? "## " + tr("Roll-up by committee") + "\n\n| " + tr("committee") + " | " + tr("total score") + " | " +
                          tr("rule") + " | " + tr("failing") + " | " + tr("warning") + " |\n|---|---:|---|---:|---:|\n"
                    : tr("Roll-up by committee") + "\n";
    const std::string committee_text = tr("{1} — total score {2}");
    const std::string count_text = tr("{1}: {2} failing, {3} warning");
    for (const auto& rollup : *input.rollups) {
      std::string name = org_label(dataset, rollup.committee);
      if (!markdown) out += fill(committee_text, {name, format_micros(rollup.total_micros)}) + "\n";
      for (const auto& count : rollup.by_rule) {
        if (markdown) {
          out += "| " + cell(name) + " | " + format_micros(rollup.total_micros) + " | " + cell(count.rule) + " | " +
                 std::to_string(count.failing_orgs) + " | " + std::to_string(count.warning_orgs) + " |\n";
        } else {
          out += "   " + fill(count_text, {count.rule, std::to_string(count.failing_orgs), std::to_string(count.warning_orgs)}) +
                 "\n";
        }
      }
    }
  }
  const std::vector<WaivedFinding>& waived = waived_of(input);
  if (!waived.empty()) {
    // Listed, never scored: a waiver excuses the finding, it does not hide it.
    const std::string title = tr("Waived findings (not scored)");
    out += markdown ? "\n## " + title + "\n\n| " + tr("org") + " | " + tr("rule") + " | " + tr("period") + " | " +
                          tr("status") + " | " + tr("severity") + " | " + tr("reason") + " | " + tr("expires") +
                          " |\n|---|---|---|---|---|---|---|\n"
                    : "\n" + title + "\n";
    const std::string waived_text = tr("waived");
    for (const WaivedFinding& finding : waived) {
      const RuleSpec& rule = waived_rule(input, finding);
      const std::string org = org_label(dataset, finding.org);
      const std::string expires = waiver_expires(finding);
      const std::string period = period_for_people(finding.period);
      const std::string severity = severity_for_people(rule.severity);
      if (markdown) {
        out += "| " + cell(org) + " | " + cell(rule.id) + " | " + period + " | " + waived_text + " | " + severity +
               " | " + cell(waiver_reason(finding)) + " | " + expires + " |\n";
      } else {
        out += "   " + org + "  " + rule.id + "  " + period + "  " + waived_text + "  " + severity + "  " +
               fill(tr("reason: {1}"), {waiver_reason(finding)}) +
               (expires.empty() ? "" : "  " + fill(tr("expires {1}"), {expires})) + "\n";
      }
    }
  }
  return out;
}

}  // namespace

void write_audit_report(const AuditReportInput& input, AuditFormat format, std::ostream& stream) {
  // Every format passes through the masking (pii.h); badbit on `stream`
  // when a write failed.
  MaskedOstream out(stream);
  switch (format) {
    case AuditFormat::kCsv: csv(input, out); return;
    case AuditFormat::kContractCsv: contract_csv(input, out); return;
    case AuditFormat::kJson: out << json_report(input); return;
    case AuditFormat::kMarkdown: out << text_report(input, true); return;
    case AuditFormat::kTable: out << text_report(input, false); return;
  }
}

}  // namespace cadence

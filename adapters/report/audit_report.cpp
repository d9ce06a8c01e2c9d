#include "adapters/report/audit_report.h"

#include <map>
#include <ostream>

#include "adapters/csv/csv_writer.h"
#include "adapters/report/json_writer.h"
#include "adapters/report/markup.h"
#include "adapters/report/pii.h"
#include "engine/eval/message.h"
#include "engine/eval/requirement.h"

namespace cadence {
namespace {

std::string org_name(const Dataset& dataset, OrgIndex org) {
  const RecordSet& orgs = dataset.orgs();
  int column = orgs.schema().column_index("name");
  if (column < 0) return "";
  const Column& names = orgs.column(static_cast<std::size_t>(column));
  // Free text from the exports: write_audit_report masks what it writes.
  return names.is_null(static_cast<std::size_t>(org)) ? "" : std::string(names.text(static_cast<std::size_t>(org)));
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
  std::vector<std::string> cells{rule_of(input, finding).id, dataset.tree().id(finding.org), finding.period.to_string(),
                                 format_micros(finding.value_micros), format_micros(finding.score_micros)};
  cells.push_back(std::string(to_string(finding.status)));
  cells.push_back(org_name(dataset, finding.org));
  const Requirement required = finding_requirement(input, finding);
  cells.push_back(required.has_threshold ? format_micros(to_micros(required.threshold)) : "");
  cells.push_back(finding.has_ratio ? std::to_string(finding.numerator) : "");
  cells.push_back(finding.has_ratio ? std::to_string(finding.denominator) : "");
  cells.push_back(gap_text(required));
  cells.push_back(rule_of(input, finding).unit);
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
  return {rule.id, input.dataset->tree().id(waived.org), waived.period.to_string(), "", "",
          std::string(to_string(Verdict::kWaived)), org_name(*input.dataset, waived.org), "", "", "", "",
          rule.unit, "", std::string(to_string(rule.severity)), waiver_reason(waived), waiver_expires(waived)};
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

// Text written to a stream in pieces of about 1 MiB: a findings file of
// 5.2 M rows (300 MB of contract CSV at L) need not be one string.
class PieceWriter {
 public:
  explicit PieceWriter(std::ostream& stream) : stream_(stream) { text_.reserve(kPiece + 4096); }
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
    stream_.write(text_.data(), static_cast<std::streamsize>(text_.size()));
    text_.clear();
  }
  std::ostream& stream_;
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

void csv(const AuditReportInput& input, std::ostream& stream) {
  PieceWriter writer(stream);
  writer.text() +=
      "rule,org_id,period,value,score,status,org_name,threshold,numerator,denominator,gap,unit,message,severity,"
      "waiver_reason,waiver_expires\n";
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
  std::string out;
  std::string periods;
  for (const auto& period : input.periods) periods += (periods.empty() ? "" : ", ") + period.to_string();
  out += markdown ? "# 审计结果 Audit findings\n\n" : "Audit findings\n";
  out += (markdown ? "- " : "") + std::string("Pack: ") + cell(input.plan->pack->id + " " + input.plan->pack->version) + "\n";
  out += (markdown ? "- " : "") + std::string("Periods: ") + periods + "\n";
  std::size_t finding_count = 0;
  for (const auto& entry : *input.ranked) finding_count += entry.findings.size();
  out += (markdown ? "- " : "") + std::string("Findings: ") + std::to_string(finding_count) + " in " +
         std::to_string(input.ranked->size()) + " orgs\n\n";
  std::size_t shown = 0;
  for (const auto& entry : *input.ranked) {
    if (input.table_limit > 0 && shown == static_cast<std::size_t>(input.table_limit)) {
      out += (markdown ? "\n_… " : "… ") + std::to_string(input.ranked->size() - shown) +
             " more orgs (use --format csv or json for all)" + (markdown ? "_\n" : "\n");
      break;
    }
    ++shown;
    std::string title = std::to_string(shown) + ". " + cell(dataset.tree().id(entry.org) + " " +
                        org_name(dataset, entry.org)) + " — total score " + format_micros(entry.total_micros);
    if (markdown) {
      out += "## " + title + "\n\n| rule | period | status | severity | value | score | gap | message |\n";
      out += "|---|---|---|---|---:|---:|---:|---|\n";
    } else {
      out += title + "\n";
    }
    for (const Finding* finding : entry.findings) {
      const RuleSpec& rule = rule_of(input, *finding);
      const std::string gap_number = gap_text(finding_requirement(input, *finding));
      std::string gap = gap_number.empty() ? "" : gap_number + (rule.unit.empty() ? "" : " " + rule.unit);
      if (markdown) {
        out += "| " + cell(rule.id) + " | " + finding->period.to_string() + " | " +
               std::string(to_string(finding->status)) + " | " + std::string(to_string(rule.severity)) + " | " +
               format_micros(finding->value_micros) + " | " +
               format_micros(finding->score_micros) + " | " + cell(gap) + " | " + cell(message_of(*finding)) + " |\n";
      } else {
        out += "   " + format_micros(finding->score_micros) + "  " + rule.id + "  " + finding->period.to_string() +
               "  " + std::string(to_string(finding->status)) + "  " + std::string(to_string(rule.severity)) +
               "  value " + format_micros(finding->value_micros) +
               (gap.empty() ? "" : "  needs " + gap) + "\n      " + message_of(*finding) + "\n";
      }
      for (const auto& contributor : finding->pulled_down) {
        std::string line = "pulled down by " + cell(dataset.tree().id(contributor.org) + " " +
                           org_name(dataset, contributor.org)) + ": " + std::to_string(contributor.numerator) + "/" +
                           std::to_string(contributor.denominator) + ", short by " +
                           format_number(contributor.shortfall, "decimal");
        out += markdown ? "|  |  |  |  |  |  |  | ↳ " + line + " |\n" : "      ↳ " + line + "\n";
      }
    }
    out += "\n";
  }
  if (input.rollups != nullptr && !input.rollups->empty()) {
    out += markdown ? "## 汇总 Roll-up by committee\n\n| committee | total score | rule | failing | warning |\n|---|---:|---|---:|---:|\n"
                    : "Roll-up by committee\n";
    for (const auto& rollup : *input.rollups) {
      std::string name = dataset.tree().id(rollup.committee) + " " + org_name(dataset, rollup.committee);
      if (!markdown) out += name + " — total score " + format_micros(rollup.total_micros) + "\n";
      for (const auto& count : rollup.by_rule) {
        if (markdown) {
          out += "| " + cell(name) + " | " + format_micros(rollup.total_micros) + " | " + cell(count.rule) + " | " +
                 std::to_string(count.failing_orgs) + " | " + std::to_string(count.warning_orgs) + " |\n";
        } else {
          out += "   " + count.rule + ": " + std::to_string(count.failing_orgs) + " failing, " +
                 std::to_string(count.warning_orgs) + " warning\n";
        }
      }
    }
  }
  const std::vector<WaivedFinding>& waived = waived_of(input);
  if (!waived.empty()) {
    // Listed, never scored: a waiver excuses the finding, it does not hide it.
    out += markdown ? "\n## 豁免 Waived findings (not scored)\n\n| org | rule | period | status | severity | reason | expires |\n"
                      "|---|---|---|---|---|---|---|\n"
                    : "\nWaived findings (not scored)\n";
    for (const WaivedFinding& finding : waived) {
      const RuleSpec& rule = waived_rule(input, finding);
      const std::string org = dataset.tree().id(finding.org) + " " + org_name(dataset, finding.org);
      const std::string expires = waiver_expires(finding);
      if (markdown) {
        out += "| " + cell(org) + " | " + cell(rule.id) + " | " + finding.period.to_string() + " | waived | " +
               std::string(to_string(rule.severity)) + " | " + cell(waiver_reason(finding)) + " | " + expires + " |\n";
      } else {
        out += "   " + org + "  " + rule.id + "  " + finding.period.to_string() + "  waived  " +
               std::string(to_string(rule.severity)) + "  reason: " + waiver_reason(finding) +
               (expires.empty() ? "" : "  expires " + expires) + "\n";
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

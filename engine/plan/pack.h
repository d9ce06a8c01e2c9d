// A rule pack as written: metadata, schema, calendars, rules with their
// expressions as text (with positions), the weak-branch policy and bulletin
// definitions. adapters/pack reads YAML into these; plan/compiler.h parses,
// binds and checks them into a Plan. Nothing here is evaluated.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/calendar/event_calendar.h"
#include "engine/calendar/period.h"
#include "engine/calendar/working_calendar.h"
#include "engine/core/diagnostic.h"
#include "engine/lang/parser.h"
#include "engine/table/schema.h"

namespace cadence {

// An expression as it appears in the pack: its text and where it starts.
struct ExprText {
  std::string text;
  lang::ExprOrigin where;
  bool present() const { return !text.empty(); }
};

// What happens when a ratio's denominator is zero (issue: "null-safe division
// with a declared policy").
enum class ZeroPolicy { kSkip, kViolation, kValue };

enum class ShortfallKind {
  kAuto,      // relative for `value < t` on a ratio, unit otherwise
  kRelative,  // contract.md: (threshold - value) / threshold
  kUnit,      // contract.md: 1 for count and presence rules
};

struct Waiver {
  std::string org;                // an org id
  bool subtree = false;           // the whole subtree of `org`
  std::optional<Period> from;     // first waived period (inclusive); none = open
  std::optional<Period> to;       // last waived period (inclusive); none = open
  std::string reason;
  std::optional<Date> expires;    // a waiver past its expiry no longer applies
  SourceSpan span;
};

struct LetSpec {
  std::string name;
  SourceSpan name_span;
  ExprText expr;
};

// Annual target with pacing: cumulative value against target × elapsed share
// of the year (DESIGN.md "annual targets with pacing").
struct TargetSpec {
  ExprText amount;          // e.g. 500
  std::string pacing = "linear";  // linear share of the year by period end
  SourceSpan span;
};

// How grave a rule's violation is, for people: among findings of equal
// score the graver comes first (engine/rank/ranking.h), and `audit --fail-on
// LEVEL` exits 1 only for findings at or above LEVEL. Scores do not use it.
enum class RuleSeverity : uint8_t { kLow, kMedium, kHigh, kCritical };

inline std::string_view to_string(RuleSeverity severity) {
  switch (severity) {
    case RuleSeverity::kLow: return "low";
    case RuleSeverity::kMedium: return "medium";
    case RuleSeverity::kHigh: return "high";
    case RuleSeverity::kCritical: return "critical";
  }
  return "medium";
}

// "low", "medium", "high", "critical"; "normal" (the earlier default) is medium.
inline std::optional<RuleSeverity> parse_rule_severity(std::string_view text) {
  if (text == "low") return RuleSeverity::kLow;
  if (text == "medium" || text == "normal") return RuleSeverity::kMedium;
  if (text == "high") return RuleSeverity::kHigh;
  if (text == "critical") return RuleSeverity::kCritical;
  return std::nullopt;
}

struct RuleSpec {
  std::string id;
  SourceSpan id_span;
  std::string title;
  std::string source;  // the plan clause the rule encodes
  double weight = 1;
  RuleSeverity severity = RuleSeverity::kMedium;
  PeriodKind cadence = PeriodKind::kMonth;
  SourceSpan cadence_span;
  std::string only_events;  // event calendar name: evaluate only its periods
  SourceSpan only_events_span;
  std::vector<LetSpec> lets;
  ExprText scope;     // boolean over org attributes and lets; empty = all orgs
  ExprText value;
  ExprText fail;
  ExprText warn;
  ExprText deadline;  // the date after which the period may be audited
  std::optional<TargetSpec> target;
  ShortfallKind shortfall = ShortfallKind::kAuto;
  std::string unit;      // the gap's unit, e.g. "learners"
  ExprText message;      // a template (engine/lang/template.h): "{org.name} {period} {value:percent}"
  std::vector<Waiver> waivers;
  SourceSpan span;  // the rule's mapping in the file
};

struct WeakPolicy {
  double score_threshold = 0;        // total score over the window that makes a branch weak
  std::string window = "3m";         // e.g. "3m", "6m"
  std::vector<std::string> veto_rules;  // rule ids whose failure alone makes a branch weak
  int plan_due_days = 30;            // DOM-G6: plan due = flagged on + 30 days
  ExprText scope;                    // which orgs are graded (default: branches)
  SourceSpan span;
  bool present = false;
};

// How a figure of a bulletin's per-unit line is measured from its rule
// (engine/rank/bulletin.h says over which periods and orgs).
enum class FigureMeasure : uint8_t {
  kFindings,   // `findings: RULE`  orgs under the unit with a finding of the month
  kSum,        // `sum: RULE`       the rule's values summed over the unit's orgs at the month's end
  kRate,       // `rate: RULE`      the rule's ratio n / d for the unit
  kRemaining,  // `remaining: RULE` d − n of that ratio (e.g. graduates not yet transferred)
};

struct BulletinFigure {
  std::string name;  // the placeholder: {name}
  FigureMeasure measure = FigureMeasure::kFindings;
  std::string rule;
  int names = 0;    // findings: name the first N orgs after the line
  SourceSpan span;  // the rule reference
};

// One line shown for every unit below the bulletin's table, e.g.
//   label: 学社衔接
//   text: "待办 {pending} 件（超期 {overdue} 件），完成率 {rate}"
// The text is split into literal parts and placeholders when the pack is
// read; `{{` and `}}` are literal braces.
struct BulletinLine {
  struct Part {
    std::string literal;
    int figure = -1;  // index into `figures`, or -1 for a literal
  };
  std::string label;
  std::string text;
  std::vector<Part> parts;
  std::vector<BulletinFigure> figures;  // in the order written
  SourceSpan span;
};

// A text of a published document with named fields filled in when it is
// written, e.g. "固团通〔{year}〕{number}号" (the pack reader checks the field
// names; `{{` and `}}` are literal braces).
struct DocumentText {
  struct Part {
    std::string literal;
    std::string field;  // empty: a literal
  };
  std::vector<Part> parts;
  SourceSpan span;
};

// The bulletin as an official document (GB/T 9704-2012《党政机关公文格式》,
// DOMAIN.md §10): what its header, body and footer say beyond the figures.
struct BulletinDocumentSpec {
  std::string issuer;                     // 发文机关标志 in red: 共青团固原市委员会
  DocumentText number;                    // 发文字号: {year} (of the issue date), {number} (--number)
  DocumentText title;                     // {month} ("2023年3月"), {year}
  std::string addressee;                  // 主送机关: 各县（区）团委：
  std::vector<std::string> requirements;  // 下一步要求, one paragraph each
  std::vector<std::string> copy_to;       // 抄送 organs
  std::string printer;                    // 印发机关 (default: the issuer)
  int issue_day = 5;                      // default issue date: this day of the following month
  SourceSpan span;
};

// The weekly dispatch (周调度) a county publishes: its branches' rates for a
// week, ranked, with the week before and the streaks.
struct DispatchSpec {
  std::string rate_rule;         // a branch's weekly ratio(n, d)
  std::string streak_rule;       // optional: a rule whose value is the branch's streak
  std::string branch_kind = "branch";
  std::optional<double> floor;   // below it a branch is named; default: the bulletin's criticise.below
  DocumentText title;            // {unit} (the county or city), {week} ("2023年第10周（3月6日—3月12日）")
  SourceSpan span;
};

struct BulletinDefinition {
  std::string id;
  std::string title;
  std::string rate_rule;       // the rule whose pooled numerator/denominator the table shows
  std::string unit_kind = "committee";
  int unit_depth = 1;
  int commend_top = 3;
  std::optional<double> excellence_line;  // commend at or above
  int criticise_bottom = 3;
  std::optional<double> floor;            // criticise below
  std::vector<std::string> other_rules;   // findings listed below the table
  std::vector<BulletinLine> per_unit;     // figures counted for every unit below the table
  std::optional<BulletinDocumentSpec> document;  // `document:`, for --format docx and pdf
  std::optional<DispatchSpec> dispatch;          // `dispatch:`, for `cadence dispatch`
  SourceSpan span;
};

// A rule test: small inline facts and the findings expected for a period.
struct RuleTestSpec {
  std::string name;
  std::map<std::string, std::vector<std::map<std::string, std::string>>> facts;  // record set → rows
  std::vector<Period> periods;
  std::vector<std::string> expect;   // "rule,org,period,status" lines, order irrelevant
  std::vector<std::string> rules;    // restrict expectations to these rules (empty = all)
  SourceSpan span;
};

struct CalendarSpec {
  std::vector<std::string> regions;          // region chain, e.g. {national, ningxia}
  std::vector<CalendarEntry> entries;        // holidays and make-up days read from files
  std::vector<EventCalendar> events;         // named period sets
  // Event calendars drawn from a record set column (e.g. episodes.week).
  struct EventSource {
    std::string name;
    std::string record_set;
    std::string column;
    SourceSpan span;
  };
  std::vector<EventSource> event_sources;
};

struct Pack {
  std::string id;
  std::string title;
  std::string version;
  std::string directory;  // where the pack was read from
  std::string checksum;   // of all the pack's files, for audit runs
  Schema schema;
  CalendarSpec calendars;
  std::vector<RuleSpec> rules;
  WeakPolicy weak;
  std::vector<BulletinDefinition> bulletins;
  std::vector<RuleTestSpec> tests;
  SourceMap sources;  // every file read, for rendering diagnostics
};

}  // namespace cadence

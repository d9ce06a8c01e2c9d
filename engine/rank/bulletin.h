// The monthly bulletin (月通报) as real ones are written (DOMAIN.md §1, §2):
// one row per unit — 序号, 单位, 团员数, 参学人数, 参学率, 较上月 (percentage
// points), 未学人数, 备注 (表扬/批评) — in two orderings, by rate and by
// absolute shortfall, and below the table each unit's other findings of the
// month.
//
// Where the numbers come from. The definition names a rate rule whose value
// is ratio(n, d) (learners over members). For a unit and a month:
//  - a monthly rate rule: evaluate_ratio() for the month;
//  - a weekly rate rule: the month's weeks are the ISO weeks whose Monday
//    falls in it (DOMAIN.md DOM-S3, "每月四期"), restricted to the rule's
//    event calendar (`only: episodes`); the month pools them (DOM-S3 variant
//    a: Σ learners / Σ members), and the numbers shown are per episode:
//    团员数 = Σd / k, 参学人数 = Σn / k for the k episode weeks (exact
//    rationals, printed with one decimal when not whole).
// 未学人数 = 团员数 − 参学人数, never below zero. A unit whose denominator is
// zero (no members) has no rate: it is listed last, never commended or
// criticised. A month without any episode week of the rule's event calendar
// has no table at all (`no_episodes`): "weeks with no episode must not be
// counted as a 0 % week" (DOMAIN.md §1).
//
// Ordering by rate (DOM-S4): rate descending; ties by the unit's weekly rates
// sorted ascending and compared lexicographically, the higher lowest week
// first ("equal means → compare each branch's lowest week, then 2nd-lowest
// …", ahnu, DOMAIN.md §1); then unit id in byte order. Ordering by shortfall:
// 未学人数 descending, then unit id.
//
// Per-unit lines (`per_unit:` in the definition, e.g. "主题团日未开展：2 个支部
// （甲、乙）", "学社衔接：待办 3 件（超期 1 件），完成率 40.0%"). Each figure is
// measured from one rule of the plan; an org counts for every unit whose
// subtree holds it. The month's periods are those the lines below the table
// use: its weeks (by Monday), the month, and the quarter and year that end
// with it.
//  - findings: the orgs with a finding (fail or warn) of the rule in any of
//    the month's periods of its cadence;
//  - sum: the rule's values summed over the orgs it evaluates (pass, warn,
//    fail or waived) in the last of those periods — the state at the
//    month's end: a weekly rule's last week of the month;
//  - rate / remaining: in that period, the rule's ratio(n, d) parts of the
//    orgs it evaluates, pooled (DOM-S2: Σn / Σd, never a mean of rates):
//    n / d, and d − n (never below zero). A unit with none of those orgs
//    but inside one whose pool holds it (a branch of a graded county) gets
//    the rule's ratio for itself, as the table reads the rate rule.
// For sum, rate and remaining, when the rule pools `over: subtree`, an org
// inside another evaluated org of the unit is not added again: its rows are
// in that org's pool (a college committee inside a university committee).
// A quarterly rule thus gives figures only in a quarter's last month. A
// figure whose rule evaluates no org of the bulletin's scope (--under) in
// those periods — out of every org's scope that month (学社衔接 checkpoints
// that start in June), not an episode week, or no period of its cadence
// ends in the month — is absent and prints "—"; a line whose figures are
// all absent is left out. A rate with d = 0 is absent too.
//
// 表扬 (commend): among the first `commend_top` units by rate, those at or
// above the excellence line when the pack sets one ("commend the best 3 at or
// above 90 %"). 批评 (criticise): among the last `criticise_bottom` units with
// a rate, those below the floor when set. A unit both could be is commended.
//
// Personal data (issue 10): a bulletin holds units and counts only, never a
// member's name or id. Pure function of its inputs; thread-compatible.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/core/status.h"
#include "engine/eval/evaluator.h"
#include "engine/plan/plan.h"
#include "engine/table/dataset.h"

namespace cadence {

enum class Remark : uint8_t { kNone, kCommend, kCriticise };

std::string_view remark_label(Remark remark);  // "", "表扬", "批评"

struct BulletinRow {
  OrgIndex unit = kNoOrg;
  std::string unit_id;
  std::string unit_name;
  Rational members;       // per episode for a weekly rule
  Rational learners;      // per episode for a weekly rule
  Rational shortfall;     // members − learners, ≥ 0
  bool has_rate = false;  // false: no members
  Rational rate;
  bool has_change = false;  // the previous month had a rate too
  Rational change_points;   // (rate − previous rate) × 100
  std::vector<Rational> weekly_rates;  // ascending, for the tie-break
  Remark remark = Remark::kNone;
};

// A line below the table: a finding of the month or a ledger entry, placed
// under the unit whose subtree holds the org.
struct BulletinNote {
  std::string org_id;
  std::string org_name;
  std::string topic;    // a rule title, or "软弱涣散" / "整改逾期"
  std::string period;
  std::string message;
};

// A figure of a per-unit line, measured for one unit.
struct BulletinFigureValue {
  bool present = false;
  Rational value;                  // a count, a sum, a rate (0…1) or d − n
  std::vector<std::string> names;  // findings with names: N: the first N orgs by id (name, else id)
  std::size_t more = 0;            // orgs with a finding beyond those named
};

// A per-unit line for one unit: the text filled in, the named orgs after it,
// e.g. label "学社衔接", text "待办 3 件（超期 1 件），完成率 40.0%".
struct BulletinUnitLine {
  std::size_t line = 0;                      // index into Bulletin::line_labels
  std::string label;
  std::string text;
  std::vector<BulletinFigureValue> figures;  // as the definition's line lists them
};

struct BulletinUnitNotes {
  std::string unit_id;
  std::string unit_name;
  std::vector<BulletinUnitLine> lines;  // the definition's per_unit order, absent lines left out
  std::vector<BulletinNote> notes;      // rule order, then period, then org id
};

// Extra lines the caller supplies (the rectification ledger lives in the
// store): each is placed under the unit containing `org`.
struct ExtraNote {
  OrgIndex org = kNoOrg;
  BulletinNote note;
};

struct BulletinRequest {
  Period month;
  std::string unit_kind;              // empty: the definition's
  std::optional<int> unit_depth;      // nullopt: the definition's
  OrgIndex under = kNoOrg;            // only units in this subtree
  std::vector<ExtraNote> extra_notes;
  // The bulletin's date: a rule whose deadline has not passed by then is
  // not graded (no finding, no line); nullopt: every deadline has passed.
  std::optional<Date> as_of;
};

struct Bulletin {
  std::string title;
  std::string rate_rule;
  std::string rate_rule_title;
  Period month;
  Period previous_month;
  bool weekly = false;           // the rate rule is weekly: numbers are per episode
  std::vector<Period> weeks;     // the month's evaluated weeks (weekly rule)
  bool no_episodes = false;      // nothing to rank this month
  std::vector<BulletinRow> by_rate;
  std::vector<BulletinRow> by_shortfall;  // units with a rate only
  std::vector<BulletinUnitNotes> notes;   // every unit, in unit id order
  std::vector<std::string> line_labels;   // the definition's per_unit labels, in order
};

// Builds the bulletin. Errors (a rate rule that is not a ratio, a per-unit
// figure whose rule does not fit its measure, no units of the requested
// kind) are Status kInvalidInput with a sentence for the user.
Result<Bulletin> build_bulletin(const Plan& plan, const Dataset& dataset, const Calendars& calendars,
                                const BulletinDefinition& definition, const BulletinRequest& request);

// Formatting shared by the writers, exact and half-up: "83.3%", "+5.0",
// "12", "12.5".
std::string format_percent(const Rational& rate);
std::string format_points(const Rational& points);
std::string format_count(const Rational& count);

// The org's name from the orgs record set ("" when absent).
std::string org_display_name(const Dataset& dataset, OrgIndex org);

}  // namespace cadence

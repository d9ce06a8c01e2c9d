// Weak branches (软弱涣散, DOMAIN.md §4 DOM-G5): the pack's policy applied to
// the findings of a window of periods ending at an as-of date.
//
// "软弱涣散 = <60 points or any 一票否决 item" (DOMAIN.md §4): in pack terms a
// branch is weak when the total score of its findings over the window reaches
// `score_threshold`, or when any finding of a veto rule (no secretary, fewer
// than 3 members, no organization life in 6 months …) falls in the window.
// Scores are the evaluator's, `weight × (1 + shortfall)`, summed rounded as
// contract.md "Ranking" sums them.
//
// The window "3m" (count and unit d, w, m, q, y) ending at `as_of` covers the
// periods of every kind lying wholly inside [start, as_of]; for months,
// quarters and years start is the first day of the month `n` months before the
// month after as_of (so 3m at 2023-03-31 is 2023-01-01 .. 2023-03-31), for
// days and weeks it is as_of − n·days + 1.
//
// Orgs graded: the policy's scope when it is one of the simple forms
// `org.kind == "<kind>"`, otherwise (or when empty) branches. Result order:
// vetoed first, then total score descending, then org id (byte order).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/calendar/date.h"
#include "engine/core/status.h"
#include "engine/eval/evaluator.h"
#include "engine/plan/plan.h"

namespace cadence {

struct WeakReason {
  Finding finding;
  bool veto = false;
  std::string rule_id;
  std::string rule_title;
  // What would clear it: a count ("4") in the rule's unit ("learners", pack
  // data); the adapters put it into words in the reader's language.
  std::string gap;
  std::string gap_unit;
};

struct WeakBranch {
  OrgIndex org = kNoOrg;
  std::string org_id;
  std::string org_name;
  int64_t total_micros = 0;
  bool vetoed = false;
  std::vector<WeakReason> reasons;  // veto first, then score desc, rule id, period
};

struct WeakWindow {
  Date start;
  Date end;
  std::vector<Period> periods;
};

// Parses "3m" and computes the window ending at as_of. kInvalidInput for a
// malformed window.
Result<WeakWindow> weak_window(std::string_view window, Date as_of);

struct WeakClassification {
  WeakWindow window;
  std::vector<WeakBranch> weak;
};

// Evaluates the plan's rules over the window and classifies. The policy must
// be present (pack.weak.present); otherwise kInvalidInput.
Result<WeakClassification> classify_weak_branches(const Plan& plan, const Dataset& dataset,
                                                  const Calendars& calendars, Date as_of,
                                                  std::string_view window_override = {});

}  // namespace cadence

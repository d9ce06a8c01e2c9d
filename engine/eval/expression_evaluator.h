// Evaluates bound expressions over a batch of items, column-at-a-time.
//
// A Frame is a batch: in cell context, orgs of one rule for one period (or,
// for rules whose scope is cached, any period); in row context, rows of a
// record set, each with its org and the period whose window holds it.
// Null semantics: arithmetic and comparisons with a null give null; `and` and
// `or` are three-valued (false and null = false, true or null = true); a null
// condition is not true (a null fail condition does not fire).
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "engine/eval/calendars.h"
#include "engine/eval/vector.h"
#include "engine/lang/bound.h"
#include "engine/table/dataset.h"

namespace cadence {

struct Frame;

// Other rules' results (`failed()`, `streak()`, `value()`): what the
// aggregator needs from the evaluation above it, and all (its filters may
// read them). The evaluation's RuleResults implements it.
class RuleResultSource {
 public:
  virtual ~RuleResultSource() = default;
  virtual void rule_result(const lang::BoundExpr& call, const Frame& frame, Vec& out) = 0;
};

// What expressions read beyond the frame's own data: aggregates and other
// rules' results. AggregateReader implements it over an Aggregator and a
// RuleResultSource.
class ValueSources : public RuleResultSource {
 public:
  virtual void aggregate(int index, const Frame& frame, Vec& out) = 0;
  virtual void member_aggregate(int index, const Frame& frame, Vec& out) = 0;
};

struct Frame {
  std::size_t size = 0;
  const OrgIndex* orgs = nullptr;           // per item
  const uint32_t* rows = nullptr;           // row context: the record set row of each item
  const RecordSet* record_set = nullptr;    // row context
  const int32_t* period_slots = nullptr;    // per item index into *periods; null = scalar_period_slot
  int32_t scalar_period_slot = 0;
  const std::vector<Period>* periods = nullptr;
  const std::vector<Vec>* lets = nullptr;   // cell context: let slots for these items
  const Dataset* dataset = nullptr;
  const Calendars* calendars = nullptr;
  ValueSources* sources = nullptr;

  int32_t period_slot(std::size_t i) const { return period_slots != nullptr ? period_slots[i] : scalar_period_slot; }
  const Period& period(std::size_t i) const { return (*periods)[static_cast<std::size_t>(period_slot(i))]; }
};

// Calendar arithmetic in a rule expression whose result would leave the
// supported dates (engine/calendar/date.h): `period - 99999999`,
// `period.end + 99999999 working days`. Not a value the data can have but a
// fault of the pack, so it has no null meaning: evaluate_expression throws
// it with the operation's position, and so, through it, do evaluate() and
// the other entry points of evaluator.h. The program reports it with the
// rule (adapters/cli/pack_session.h).
class CalendarRangeError : public std::runtime_error {
 public:
  CalendarRangeError(SourceSpan span, const std::string& message) : std::runtime_error(message), span_(std::move(span)) {}
  const SourceSpan& span() const { return span_; }

 private:
  SourceSpan span_;
};

// Evaluates `expr` for every item of the frame into `out`. Throws
// CalendarRangeError (above); nothing else.
void evaluate_expression(const lang::BoundExpr& expr, const Frame& frame, Vec& out);

}  // namespace cadence

// Expressions' reads of aggregates: an Aggregator's (period × org) arrays
// gathered into a frame's Vec, and rule results passed through to the
// RuleResultSource below. The aggregator's own filters read through one
// (a filter may read another aggregate), and so does the evaluation above:
// aggregation never calls the evaluation, only the narrow RuleResultSource.
#pragma once

#include "engine/eval/expression_evaluator.h"

namespace cadence {

class Aggregator;

class AggregateReader : public ValueSources {
 public:
  AggregateReader(Aggregator& aggregator, RuleResultSource& results)
      : aggregator_(aggregator), results_(results) {}

  // The aggregate's values at each item's (period, org).
  void aggregate(int index, const Frame& frame, Vec& out) override;
  // A member-correlated aggregate's values at each item's members row (the
  // frame's rows are members rows).
  void member_aggregate(int index, const Frame& frame, Vec& out) override;
  void rule_result(const lang::BoundExpr& call, const Frame& frame, Vec& out) override {
    results_.rule_result(call, frame, out);
  }

 private:
  Aggregator& aggregator_;
  RuleResultSource& results_;
};

}  // namespace cadence

// The state one evaluation shares between its parts (leveldb's VersionSet
// to the driver's DBImpl): the inputs, the aggregates, the rules' results
// so far, and per rule the periods it runs on and what other rules read of
// it. The driver (driver.h) fills the per-rule plan; rule runs, the scope
// cache and the explanation read it.
//
// Thread safety: the per-rule plan is written before any rule runs; after
// that, the aggregator and the rule results are the only state written, and
// both are thread-safe where rule runs share them.
#pragma once

#include <set>
#include <vector>

#include "engine/core/parallel.h"
#include "engine/eval/aggregate_reader.h"
#include "engine/eval/aggregator.h"
#include "engine/eval/calendars.h"
#include "engine/eval/evaluation_request.h"
#include "engine/eval/rule_results.h"
#include "engine/plan/plan.h"
#include "engine/table/dataset.h"

namespace cadence {

// Orgs per batch of a rule's expressions (and a scope's).
constexpr std::size_t kOrgChunk = 4096;

class EvaluationContext {
 public:
  EvaluationContext(const Plan& plan, const Dataset& dataset, const Calendars& calendars,
                    const EvaluationRequest& request);
  EvaluationContext(const EvaluationContext&) = delete;
  EvaluationContext& operator=(const EvaluationContext&) = delete;

  const Plan& plan() const { return plan_; }
  const Dataset& dataset() const { return dataset_; }
  const Calendars& calendars() const { return calendars_; }
  const EvaluationRequest& request() const { return request_; }
  const CompiledRule& rule(int index) const { return plan_.rules[checked(index)]; }
  Aggregator& aggregator() { return aggregator_; }
  RuleResults& results() { return results_; }

  // Per rule: the periods it runs on (sorted), those findings were asked
  // for, whether another rule reads its value, or its streak.
  std::vector<Period>& periods(int rule) { return periods_[checked(rule)]; }
  std::set<Period>& requested(int rule) { return requested_[checked(rule)]; }
  bool value_read(int rule) const { return values_read_[checked(rule)]; }
  bool streak_read(int rule) const { return streaks_read_[checked(rule)]; }
  void mark_value_read(int rule) { values_read_[checked(rule)] = true; }
  void mark_streak_read(int rule) { streaks_read_[checked(rule)] = true; }

  // A batch of orgs in cell context: one period slot, the rule's let slots
  // (null: an expression that reads none).
  Frame cell_frame(const OrgIndex* orgs, std::size_t size, const std::vector<Period>* periods, int32_t slot,
                   const std::vector<Vec>* lets);
  // A batch of rows of `set` (each with its org) in one period slot.
  Frame row_frame(const RecordSet* set, const uint32_t* rows, const OrgIndex* orgs, std::size_t size,
                  const std::vector<Period>* periods, int32_t slot);

  // 0, 1, ..., the tree's size − 1: the candidates of a rule without a
  // cached scope. Built on first use, by the driving thread.
  const std::vector<OrgIndex>& every_org();

  // body(k) for k < count on the request's threads.
  template <typename Body>
  void parallel_for(std::size_t count, Body body) const {
    cadence::parallel_for(request_.threads, count, body);
  }

 private:
  std::size_t checked(int rule) const {
    CADENCE_ASSERT(rule >= 0 && static_cast<std::size_t>(rule) < plan_.rules.size());
    return static_cast<std::size_t>(rule);
  }

  const Plan& plan_;
  const Dataset& dataset_;
  const Calendars& calendars_;
  const EvaluationRequest& request_;
  RuleResults results_;  // below the aggregator: its filters may read rule results
  Aggregator aggregator_;
  AggregateReader reader_;  // what frames read: aggregates and rule results
  std::vector<std::vector<Period>> periods_;
  std::vector<std::set<Period>> requested_;
  std::vector<bool> values_read_;
  std::vector<bool> streaks_read_;
  std::vector<OrgIndex> every_org_;
};

}  // namespace cadence

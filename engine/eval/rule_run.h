// One rule's run over its periods (leveldb's Compaction to the driver's
// DBImpl): the verdict of every (period, org) cell into the rule results,
// and the findings. A period's orgs go in batches; each batch is judged on
// the plain path (every org in scope, no null value, no warning band, no
// waiver, nothing reads the values: nearly every cell of the benchmark
// pack) or the general one, and its findings are built for the hits alone.
#pragma once

#include <memory>
#include <vector>

#include "engine/eval/evaluation_context.h"
#include "engine/eval/finding_list.h"
#include "engine/eval/message.h"
#include "engine/eval/scope_cache.h"
#include "engine/eval/score_line.h"

namespace cadence {

// One batch's findings, in org order, and their runs of org ranges.
struct FindingBatch {
  std::vector<Finding> findings;
  std::vector<FindingList::OrgRun> runs;
};

class RuleRun {
 public:
  // Prepares the rule's run on context.periods(rule.index); its results are
  // written into context.results(). The rules it reads must have run.
  RuleRun(EvaluationContext& context, ScopeCache& scopes, const CompiledRule& rule);

  // The rule's findings, in lists (one per batch that has any, sized
  // exactly) in period then batch order, whatever the thread count.
  std::vector<FindingBatch> run();

 private:
  struct PeriodWork;
  struct Batch;

  void run_period(std::size_t slot, std::vector<FindingBatch>& findings);
  // The period's deadline has not passed at the request's as-of date.
  bool not_yet_due(const PeriodWork& work) const;
  // The verdicts of a batch and its hits (the items that are findings).
  void judge_batch(PeriodWork& work, Batch& batch);
  void judge_plain(PeriodWork& work, const Batch& batch);
  void judge_general(PeriodWork& work, const Batch& batch);
  void count_rates_above_one(PeriodWork& work, const Batch& batch);
  // The hits' findings: ratio parts, messages, scores, contributors.
  void build_findings(PeriodWork& work, const Batch& batch, FindingBatch& out);
  // An expression's values for the hits alone: read from a let slot,
  // evaluated for the batch and narrowed, or evaluated for the hits' orgs.
  void hit_values(PeriodWork& work, const Batch& batch, const lang::BoundExpr& expr, bool reads_lets,
                  Vec& out);
  void render_messages(PeriodWork& work, const Batch& batch);

  EvaluationContext& context_;
  const CompiledRule& rule_;
  const std::vector<Period>& periods_;
  RuleOutcome& outcome_;
  bool keep_values_;
  bool scope_cached_;
  ScopeCache::Orgs cached_scope_;
  const std::vector<OrgIndex>* candidates_;
  MessageRenderer message_;
  ScoreLine fail_score_;
  ScoreLine warn_score_;
  // Which expressions only findings need (the ratio's parts, the message's
  // placeholders) read let slots: those are evaluated in the batch's frame
  // and narrowed to the findings, the others in a frame of the findings.
  bool numerator_reads_lets_ = false;
  bool denominator_reads_lets_ = false;
  bool line_reads_lets_ = false;
  std::vector<bool> part_reads_lets_;
};

}  // namespace cadence

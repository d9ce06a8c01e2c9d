#include "engine/eval/evaluation_context.h"

namespace cadence {

EvaluationContext::EvaluationContext(const Plan& plan, const Dataset& dataset, const Calendars& calendars,
                                     const EvaluationRequest& request)
    : plan_(plan),
      dataset_(dataset),
      calendars_(calendars),
      request_(request),
      results_(plan.rules.size(), static_cast<std::size_t>(dataset.tree().size()), request.threads),
      aggregator_(plan.aggregates, dataset, calendars, results_),
      reader_(aggregator_, results_),
      periods_(plan.rules.size()),
      requested_(plan.rules.size()),
      values_read_(plan.rules.size(), false),
      streaks_read_(plan.rules.size(), false) {}

Frame EvaluationContext::cell_frame(const OrgIndex* orgs, std::size_t size,
                                    const std::vector<Period>* periods, int32_t slot,
                                    const std::vector<Vec>* lets) {
  Frame frame;
  frame.size = size;
  frame.orgs = orgs;
  frame.scalar_period_slot = slot;
  frame.periods = periods;
  frame.lets = lets;
  frame.dataset = &dataset_;
  frame.calendars = &calendars_;
  frame.sources = &reader_;
  return frame;
}

Frame EvaluationContext::row_frame(const RecordSet* set, const uint32_t* rows, const OrgIndex* orgs,
                                   std::size_t size, const std::vector<Period>* periods, int32_t slot) {
  Frame frame = cell_frame(orgs, size, periods, slot, nullptr);
  frame.rows = rows;
  frame.record_set = set;
  return frame;
}

const std::vector<OrgIndex>& EvaluationContext::every_org() {
  const auto orgs = static_cast<std::size_t>(dataset_.tree().size());
  if (every_org_.size() != orgs) {
    every_org_.resize(orgs);
    for (std::size_t o = 0; o < orgs; ++o) every_org_[o] = static_cast<OrgIndex>(o);
  }
  return every_org_;
}

}  // namespace cadence

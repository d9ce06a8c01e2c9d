#include "engine/eval/aggregate_reader.h"

#include "engine/eval/aggregator.h"

namespace cadence {

void AggregateReader::aggregate(int index, const Frame& frame, Vec& out) {
  const AggregateValues& values = aggregator_.values(index, frame.periods);
  out.reset(values.type, frame.size);
  if (values.scale != 1 || !values.den.empty()) out.den.assign(frame.size, values.scale);
  if (values.leaves != nullptr) {
    // A pooled aggregate kept for inner orgs: no nulls, one scale.
    for (std::size_t i = 0; i < frame.size; ++i)
      out.num[i] = values.num_at(frame.period_slot(i), frame.orgs[i]);
    return;
  }
  const bool nulls = !values.nulls.empty();
  if (frame.period_slots == nullptr && values.den.empty() && !nulls) {
    // One period for the whole batch (cell frames): a plain gather.
    const int64_t* base = values.num.data() + values.cell(frame.scalar_period_slot, 0);
    for (std::size_t i = 0; i < frame.size; ++i) out.num[i] = base[frame.orgs[i]];
    return;
  }
  for (std::size_t i = 0; i < frame.size; ++i) {
    std::size_t cell = values.cell(frame.period_slot(i), frame.orgs[i]);
    if (nulls && values.nulls[cell]) {
      out.set_null(i);
      continue;
    }
    out.num[i] = values.num[cell];
    if (!values.den.empty()) out.den[i] = values.den[cell];
  }
}

void AggregateReader::member_aggregate(int index, const Frame& frame, Vec& out) {
  const RecordSet* members = frame.dataset->find(kMembersRecordSet);
  // One period for the batch (the usual case): one lookup, not one per row.
  const AggregateValues* scalar =
      frame.period_slots == nullptr && frame.size > 0
          ? &aggregator_.member_values(index, frame.periods, frame.scalar_period_slot)
          : nullptr;
  for (std::size_t i = 0; i < frame.size; ++i) {
    const AggregateValues& values =
        scalar != nullptr ? *scalar : aggregator_.member_values(index, frame.periods, frame.period_slot(i));
    if (i == 0) {
      out.reset(values.type, frame.size);
      if (values.scale != 1 || !values.den.empty()) out.den.assign(frame.size, values.scale);
    }
    // The frame's rows are members rows when the filter is over members.
    std::size_t cell = frame.rows[i];
    if (members == nullptr || cell >= values.size() || values.is_null(cell)) {
      out.set_null(i);
      continue;
    }
    out.num[i] = values.num[cell];
    if (!values.den.empty()) out.den[i] = values.den[cell];
  }
  if (frame.size == 0) out.reset(lang::Type::kNumber, 0);
}

}  // namespace cadence

#include "engine/lang/aggregate.h"

namespace cadence::lang {

int AggregateTable::add(AggregateSpec spec) {
  for (std::size_t i = 0; i < specs_.size(); ++i) {
    if (specs_[i].canonical == spec.canonical) return static_cast<int>(i);
  }
  specs_.push_back(std::move(spec));
  return static_cast<int>(specs_.size() - 1);
}

}  // namespace cadence::lang

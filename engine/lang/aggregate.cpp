#include "engine/lang/aggregate.h"

#include "engine/lang/structural_key.h"

namespace cadence::lang {

int AggregateTable::add(AggregateSpec spec) {
  std::string key;
  append_structure(spec, key);
  const auto [it, added] = index_by_structure_.try_emplace(std::move(key), size());
  if (added) specs_.push_back(std::move(spec));
  return it->second;
}

}  // namespace cadence::lang

// The scope cache: the orgs in a rule's scope, for scopes that do not
// depend on the period, judged once and shared between rules whose scopes
// compute the same thing.
//
// Keyed by structure (structural_key.h): the scope's bound tree with the
// lets it reads inlined, never by printed text. Rules run one at a time and
// so fill the cache one at a time (asserted); each scope's batches are
// judged on the request's threads.
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "engine/eval/evaluation_context.h"

namespace cadence {

class ScopeCache {
 public:
  using Orgs = std::shared_ptr<const std::vector<OrgIndex>>;

  // The orgs in the rule's scope, in index order. The rule's scope must not
  // depend on the period; its lets are evaluated only where the scope reads
  // them, for `periods`' first slot.
  Orgs orgs(EvaluationContext& context, const CompiledRule& rule, const std::vector<Period>& periods);

 private:
  std::map<std::string, Orgs> scopes_;
  std::atomic<bool> filling_{false};
};

}  // namespace cadence

#include "engine/eval/scope_cache.h"

#include "engine/eval/structural_key.h"

namespace cadence {

namespace {

using lang::BoundExpr;
using lang::BoundKind;

// The lets an expression reads, and those they read in turn (a let may read
// an earlier one): only these are evaluated to judge the scope.
void mark_lets(const CompiledRule& rule, const BoundExpr& expr, std::vector<bool>& needed) {
  if (expr.kind == BoundKind::kLet) {
    const auto slot = static_cast<std::size_t>(expr.let_slot());
    if (slot < needed.size() && !needed[slot]) {
      needed[slot] = true;
      if (rule.lets[slot].expr) mark_lets(rule, *rule.lets[slot].expr, needed);
    }
  }
  for (const auto& operand : expr.operands) mark_lets(rule, *operand, needed);
}

// Judges the scope over every org, in batches on the request's threads.
std::vector<OrgIndex> judge_scope(EvaluationContext& context, const CompiledRule& rule,
                                  const std::vector<Period>& periods) {
  std::vector<bool> needed(rule.lets.size(), false);
  mark_lets(rule, *rule.scope, needed);
  const std::vector<OrgIndex>& all_orgs = context.every_org();
  const std::size_t batches = (all_orgs.size() + kOrgChunk - 1) / kOrgChunk;
  std::vector<std::vector<OrgIndex>> kept(batches);
  context.parallel_for(batches, [&](std::size_t batch) {
    const std::size_t begin = batch * kOrgChunk;
    const std::size_t size = std::min(kOrgChunk, all_orgs.size() - begin);
    std::vector<Vec> lets(rule.lets.size() + 1);
    Vec mask;
    Frame frame = context.cell_frame(all_orgs.data() + begin, size, &periods, 0, &lets);
    for (std::size_t k = 0; k < rule.lets.size(); ++k) {
      if (needed[k] && rule.lets[k].expr) evaluate_expression(*rule.lets[k].expr, frame, lets[k]);
    }
    evaluate_expression(*rule.scope, frame, mask);
    for (std::size_t i = 0; i < size; ++i) {
      if (mask.truth(i)) kept[batch].push_back(all_orgs[begin + i]);
    }
  });
  std::vector<OrgIndex> orgs;
  for (const auto& part : kept) orgs.insert(orgs.end(), part.begin(), part.end());
  return orgs;
}

}  // namespace

ScopeCache::Orgs ScopeCache::orgs(EvaluationContext& context, const CompiledRule& rule,
                                  const std::vector<Period>& periods) {
  CADENCE_ASSERT(rule.scope != nullptr && !rule.scope_depends_on_period && !periods.empty());
  CADENCE_ASSERT(!filling_.exchange(true));
  std::string key;
  append_structure(*rule.scope, key, &rule.lets);
  auto found = scopes_.find(key);
  if (found == scopes_.end()) {
    found = scopes_
                .emplace(std::move(key),
                         std::make_shared<const std::vector<OrgIndex>>(judge_scope(context, rule, periods)))
                .first;
  }
  filling_ = false;
  return found->second;
}

}  // namespace cadence

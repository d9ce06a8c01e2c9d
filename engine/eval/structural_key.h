// Structural keys (engine/lang/structural_key.h) with a rule's lets inlined:
// the scope cache keys a scope by what its lets compute, not by their slots.
#pragma once

#include <string>
#include <vector>

#include "engine/lang/structural_key.h"
#include "engine/plan/plan.h"

namespace cadence {

using lang::same_structure;

// Appends `expr`'s structure to `key`. With a rule's `lets`, a let node is
// keyed by what the let computes (two rules' lets at different slots compare
// equal); without them (null), by its slot.
void append_structure(const lang::BoundExpr& expr, std::string& key, const std::vector<CompiledLet>* lets);

}  // namespace cadence

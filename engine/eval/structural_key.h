// A bound expression tree's structure as a key: two trees have equal keys
// exactly when they compute the same thing the same way (same node kinds,
// types, operators, functions, constants, slots and operands), whatever
// their source spans and however the printer (lang::to_string) spells them.
// What evaluation shares (scopes, an aggregate's per-org twin) is keyed by
// this, so changing the printer changes nothing it shares.
#pragma once

#include <string>
#include <vector>

#include "engine/plan/plan.h"

namespace cadence {

// Appends `expr`'s structure to `key`. With a rule's `lets`, a let node is
// keyed by what the let computes (two rules' lets at different slots compare
// equal); without them, by its slot.
void append_structure(const lang::BoundExpr& expr, std::string& key,
                      const std::vector<CompiledLet>* lets = nullptr);

// Whether two optional trees have the same structure (both null counts).
bool same_structure(const lang::BoundExpr* a, const lang::BoundExpr* b);

}  // namespace cadence

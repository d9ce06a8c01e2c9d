// A bound expression tree's structure as a key: two trees have equal keys
// exactly when they compute the same thing the same way (same node kinds,
// types, operators, functions, constants, slots and operands), whatever
// their source spans and however the printer (to_string) spells them.
// What is shared is keyed by this — the aggregate table here, the scope
// cache and an aggregate's per-org twin in engine/eval — so changing the
// printer changes nothing that is shared.
#pragma once

#include <cstddef>
#include <functional>
#include <string>

#include "engine/lang/aggregate.h"
#include "engine/lang/bound.h"

namespace cadence::lang {

// What the let at a slot computes, or null to key the let by its slot.
using LetLookup = std::function<const BoundExpr*(std::size_t slot)>;

// Appends `expr`'s structure to `key`. With `lets`, a let node is keyed by
// what the let computes (two rules' lets at different slots compare equal);
// without them, by its slot.
void append_structure(const BoundExpr& expr, std::string& key, const LetLookup& lets = {});

// Appends an aggregate's structure: what it computes (function, record set,
// column, filter, over, window, snapshot, per member), not its canonical
// text or where it was written. The aggregate table shares by this.
void append_structure(const AggregateSpec& spec, std::string& key);

// Whether two optional trees have the same structure (both null counts).
bool same_structure(const BoundExpr* a, const BoundExpr* b);

}  // namespace cadence::lang

#include "engine/eval/structural_key.h"

namespace cadence {

void append_structure(const lang::BoundExpr& expr, std::string& key, const std::vector<CompiledLet>* lets) {
  if (lets == nullptr) {
    lang::append_structure(expr, key);
    return;
  }
  lang::append_structure(expr, key, [lets](std::size_t slot) -> const lang::BoundExpr* {
    return slot < lets->size() ? (*lets)[slot].expr.get() : nullptr;
  });
}

}  // namespace cadence

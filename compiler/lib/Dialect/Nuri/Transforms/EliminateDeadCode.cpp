//===- EliminateDeadCode.cpp - Remove unused side-effect-free ops ---------===//

#include "nuri/Dialect/Nuri/Transforms/Passes.h"

#include "mlir/Interfaces/SideEffectInterfaces.h"

using namespace mlir;

namespace nuri {
#define GEN_PASS_DEF_ELIMINATEDEADCODE
#include "nuri/Dialect/Nuri/Transforms/Passes.h.inc"

namespace {
struct EliminateDeadCodePass
    : public impl::EliminateDeadCodeBase<EliminateDeadCodePass> {
  void runOnOperation() override {
    Block &body = getOperation().getBody().front();
    // Walking backwards removes a whole dead chain in one sweep: an op's
    // users come after it, so they are gone by the time it is visited.
    // (isOpTriviallyDead never holds for the terminator.)
    for (Operation &op : llvm::make_early_inc_range(llvm::reverse(body)))
      if (isOpTriviallyDead(&op))
        op.erase();
  }
};
} // namespace
} // namespace nuri

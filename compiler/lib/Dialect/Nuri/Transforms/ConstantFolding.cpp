//===- ConstantFolding.cpp - Evaluate all-constant ops --------------------===//

#include "PassDetail.h"

#include "nuri/Dialect/Nuri/Transforms/Passes.h"
#include "nuri/Support/ConstantFold.h"

using namespace mlir;

namespace nuri {
#define GEN_PASS_DEF_CONSTANTFOLDING
#include "nuri/Dialect/Nuri/Transforms/Passes.h.inc"

namespace {
struct ConstantFoldingPass
    : public impl::ConstantFoldingBase<ConstantFoldingPass> {
  using Base::Base;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    // Block order is topological: an op sees its operands already folded.
    for (Operation &op : llvm::make_early_inc_range(func.getBody().front()))
      if (failed(foldConstantOp(&op, maxResultBytes)))
        return signalPassFailure();
    syncFunctionResultTypes(func);
  }
};
} // namespace
} // namespace nuri

//===- ShapeInference.cpp - Refine types with ONNX shape inference --------===//

#include "PassDetail.h"

#include "nuri/Dialect/Nuri/Transforms/Passes.h"
#include "nuri/Support/TypeInference.h"

namespace nuri {
#define GEN_PASS_DEF_SHAPEINFERENCE
#include "nuri/Dialect/Nuri/Transforms/Passes.h.inc"

namespace {
struct ShapeInferencePass
    : public impl::ShapeInferenceBase<ShapeInferencePass> {
  void runOnOperation() override {
    mlir::func::FuncOp func = getOperation();
    // Block order is topological, so one forward walk sees every operand's
    // final type before its users.
    bool failedAny = false;
    func.walk([&](mlir::Operation *op) {
      if (mlir::failed(refineResultTypes(op)))
        failedAny = true;
    });
    syncFunctionResultTypes(func);
    if (failedAny)
      signalPassFailure();
  }
};
} // namespace
} // namespace nuri

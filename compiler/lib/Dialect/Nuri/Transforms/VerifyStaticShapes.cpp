//===- VerifyStaticShapes.cpp - Require static, supported tensors ---------===//

#include "nuri/Dialect/Nuri/IR/NuriOps.h"
#include "nuri/Dialect/Nuri/Transforms/Passes.h"
#include "nuri/Support/InputHints.h"
#include "nuri/Support/OnnxInterop.h"
#include "nuri/Support/OnnxSchema.h"

using namespace mlir;

namespace nuri {
#define GEN_PASS_DEF_VERIFYSTATICSHAPES
#include "nuri/Dialect/Nuri/Transforms/Passes.h.inc"

namespace {

struct VerifyStaticShapesPass
    : public impl::VerifyStaticShapesBase<VerifyStaticShapesPass> {
  void runOnOperation() override {
    func::FuncOp func = getOperation();
    bool ok = true;
    func.walk([&](Operation *op) {
      for (OpResult r : op->getResults()) {
        auto type = dyn_cast<RankedTensorType>(r.getType());
        if (!type || !type.hasStaticShape()) {
          op->emitError() << "result " << r.getResultNumber() << " has type "
                          << r.getType()
                          << ", but Nuri needs static shapes: its shape "
                             "depends on values known only at run time"
                          << bindInputsHint(func, op->getOperands());
          ok = false;
        } else if (!dtypeFromElement(type.getElementType()) ||
                   isa<ComplexType, StringType>(type.getElementType())) {
          op->emitError() << "result " << r.getResultNumber()
                          << " has element type " << type.getElementType()
                          << ", which Nuri does not support";
          ok = false;
        }
      }
    });
    if (!ok)
      signalPassFailure();
  }
};

} // namespace
} // namespace nuri

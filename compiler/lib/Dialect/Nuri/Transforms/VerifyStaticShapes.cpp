//===- VerifyStaticShapes.cpp - Require static, supported tensors ---------===//

#include "nuri/Dialect/Nuri/IR/NuriOps.h"
#include "nuri/Dialect/Nuri/Transforms/Passes.h"
#include "nuri/Support/OnnxInterop.h"
#include "nuri/Support/OnnxSchema.h"

using namespace mlir;

namespace nuri {
#define GEN_PASS_DEF_VERIFYSTATICSHAPES
#include "nuri/Dialect/Nuri/Transforms/Passes.h.inc"

namespace {

// Names the integer model inputs that feed `op` directly (shapes, axes,
// pads, sizes are integer tensors), as a hint for the user.
std::string inputHint(func::FuncOp func, Operation *op) {
  std::string hint;
  for (Value v : op->getOperands()) {
    auto arg = dyn_cast<BlockArgument>(v);
    auto type = arg ? dyn_cast<ShapedType>(arg.getType()) : ShapedType();
    if (!type || !type.getElementType().isSignlessInteger() ||
        type.getElementTypeBitWidth() == 1)
      continue;
    auto name =
        func.getArgAttrOfType<StringAttr>(arg.getArgNumber(), kNameAttr);
    if (name)
      hint += "; it reads model input '" + name.str() +
              "' (bind it to a constant with --const-input " + name.str() +
              "=FILE)";
  }
  return hint;
}

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
                          << inputHint(func, op);
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

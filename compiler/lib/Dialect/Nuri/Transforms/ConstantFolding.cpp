//===- ConstantFolding.cpp - Evaluate all-constant ops --------------------===//

#include "PassDetail.h"

#include "nuri/Dialect/Nuri/IR/NuriOps.h"
#include "nuri/Dialect/Nuri/Transforms/Passes.h"
#include "nuri/Support/OnnxSchema.h"
#include "nuri/Support/ReferenceKernels.h"
#include "nuri/Support/TypeInference.h"

#include "mlir/IR/Builders.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include <algorithm>

using namespace mlir;

namespace nuri {
#define GEN_PASS_DEF_CONSTANTFOLDING
#include "nuri/Dialect/Nuri/Transforms/Passes.h.inc"

namespace {

int64_t byteSize(Type type) {
  auto t = cast<RankedTensorType>(type);
  int64_t bits = t.getElementTypeBitWidth();
  return t.getNumElements() * std::max<int64_t>(1, bits / 8);
}

// Shape and Size depend only on their input's type, not its values: fold
// them as soon as that type is static.
DenseElementsAttr foldShapeQuery(Operation *op) {
  auto input = dyn_cast<RankedTensorType>(op->getOperand(0).getType());
  if (!input || !input.hasStaticShape())
    return nullptr;
  Builder b(op->getContext());
  if (isa<SizeOp>(op))
    return DenseElementsAttr::get(RankedTensorType::get({}, b.getI64Type()),
                                  input.getNumElements());
  auto shapeOp = cast<ShapeOp>(op);
  int64_t rank = input.getRank();
  auto clamp = [rank](int64_t axis) {
    if (axis < 0)
      axis += rank;
    return std::clamp<int64_t>(axis, 0, rank);
  };
  int64_t start = clamp(shapeOp.getStart());
  int64_t end = shapeOp.getEnd() ? clamp(*shapeOp.getEnd()) : rank;
  SmallVector<int64_t> dims;
  for (int64_t i = start; i < end; ++i)
    dims.push_back(input.getDimSize(i));
  return DenseElementsAttr::get(
      RankedTensorType::get({static_cast<int64_t>(dims.size())},
                            b.getI64Type()),
      ArrayRef<int64_t>(dims));
}

struct ConstantFoldingPass
    : public impl::ConstantFoldingBase<ConstantFoldingPass> {
  using Base::Base;

  // The constant operands of `op` in ONNX positions, or nothing when some
  // present operand is not a constant.
  std::optional<SmallVector<ElementsAttr>> constantInputs(Operation *op) {
    SmallVector<ElementsAttr> inputs;
    for (Value v : onnxInputs(op)) {
      if (!v) {
        inputs.push_back(nullptr);
        continue;
      }
      auto constant = v.getDefiningOp<ConstantOp>();
      if (!constant)
        return std::nullopt;
      inputs.push_back(constant.getValue());
    }
    return inputs;
  }

  // Whether materializing the results is worth it.
  bool smallEnough(Operation *op, ArrayRef<ElementsAttr> inputs) {
    int64_t in = 0, out = 0;
    for (ElementsAttr e : inputs)
      if (e)
        in += byteSize(e.getType());
    for (Type t : op->getResultTypes())
      out += byteSize(t);
    return out <= maxResultBytes || out <= in;
  }

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    Block &body = func.getBody().front();
    OpBuilder builder(func.getContext());
    for (Operation &op : llvm::make_early_inc_range(body)) {
      if (isa<ShapeOp, SizeOp>(op)) {
        if (DenseElementsAttr folded = foldShapeQuery(&op)) {
          builder.setInsertionPoint(&op);
          auto constant = ConstantOp::create(builder, op.getLoc(), folded);
          op.getResult(0).replaceAllUsesWith(constant.getResult());
          op.erase();
        }
        continue;
      }
      if (onnxOpType(&op).empty() || op.getNumRegions() != 0 ||
          !isMemoryEffectFree(&op) || !hasReferenceKernel(&op))
        continue;
      std::optional<SmallVector<ElementsAttr>> inputs = constantInputs(&op);
      if (!inputs)
        continue;
      if (failed(refineResultTypes(&op)))
        return signalPassFailure();
      if (!hasStaticResults(&op) || !smallEnough(&op, *inputs))
        continue;
      auto results = evaluateWithReferenceKernel(&op, *inputs);
      if (!results.ok()) {
        // A kernel that lacks this case leaves the op for the device; any
        // other failure means the model itself is invalid.
        if (results.status().code() == StatusCode::kUnimplemented)
          continue;
        op.emitError() << "evaluating this constant " << onnxOpType(&op)
                       << " failed: " << results.status().message();
        return signalPassFailure();
      }
      builder.setInsertionPoint(&op);
      SmallVector<Value> outputs = onnxOutputs(&op);
      for (auto [value, folded] : llvm::zip(outputs, *results)) {
        if (!value)
          continue;
        auto constant = ConstantOp::create(builder, op.getLoc(), folded);
        value.replaceAllUsesWith(constant.getResult());
      }
      op.erase();
    }
    syncFunctionResultTypes(func);
  }
};

} // namespace
} // namespace nuri

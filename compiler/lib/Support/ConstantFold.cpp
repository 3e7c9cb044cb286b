//===- ConstantFold.cpp - Fold one nuri op into constants -----------------===//

#include "nuri/Support/ConstantFold.h"

#include "nuri/Dialect/Nuri/IR/NuriOps.h"
#include "nuri/Support/OnnxInterop.h"
#include "nuri/Support/OnnxSchema.h"
#include "nuri/Support/ReferenceKernels.h"
#include "nuri/Support/TypeInference.h"

#include "mlir/IR/Builders.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include <algorithm>
#include <optional>

using namespace mlir;

namespace nuri {
namespace {

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

// Whether materializing the results is worth it (never for results the
// runtime cannot hold as dense bytes).
bool smallEnough(Operation *op, ArrayRef<ElementsAttr> inputs,
                 int64_t maxResultBytes) {
  int64_t in = 0, out = 0;
  for (ElementsAttr e : inputs)
    if (e)
      in += staticTensorBytes(e.getType()).value_or(0);
  for (Type t : op->getResultTypes()) {
    std::optional<int64_t> bytes = staticTensorBytes(t);
    if (!bytes)
      return false;
    out += *bytes;
  }
  return out <= maxResultBytes || out <= in;
}

void replaceWithConstants(Operation *op, ArrayRef<Value> results,
                          ArrayRef<DenseElementsAttr> folded) {
  OpBuilder builder(op);
  for (auto [result, attr] : llvm::zip(results, folded)) {
    if (!result)
      continue;
    auto constant = ConstantOp::create(builder, op->getLoc(), attr);
    Value value = result;
    value.replaceAllUsesWith(constant.getResult());
  }
  op->erase();
}

} // namespace

FailureOr<bool> foldConstantOp(Operation *op, int64_t maxResultBytes) {
  if (isa<ShapeOp, SizeOp>(op)) {
    DenseElementsAttr folded = foldShapeQuery(op);
    if (!folded)
      return false;
    replaceWithConstants(op, {op->getResult(0)}, {folded});
    return true;
  }
  if (onnxOpType(op).empty() || op->getNumRegions() != 0 ||
      !isMemoryEffectFree(op) || !hasReferenceKernel(op))
    return false;
  std::optional<SmallVector<ElementsAttr>> inputs = constantInputs(op);
  if (!inputs)
    return false;
  if (failed(refineResultTypes(op)))
    return failure();
  // Ops whose output shapes depend on their data (NonZero, Unique, ...)
  // can only get static types here, by running them.
  bool sizedByKernel = !hasStaticResults(op) && computesOutputShapes(op);
  if (!sizedByKernel &&
      (!hasStaticResults(op) || !smallEnough(op, *inputs, maxResultBytes)))
    return false;
  auto results = evaluateWithReferenceKernel(op, *inputs);
  if (!results.ok()) {
    // A kernel that lacks this case leaves the op for the device; any other
    // failure means the model itself is invalid.
    if (results.status().code() == StatusCode::kUnimplemented)
      return false;
    op->emitError() << "evaluating this constant " << onnxOpType(op)
                    << " failed: " << results.status().message();
    return failure();
  }
  replaceWithConstants(op, onnxOutputs(op), *results);
  return true;
}

} // namespace nuri

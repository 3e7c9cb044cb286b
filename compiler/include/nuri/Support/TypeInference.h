//===- TypeInference.h - ONNX shape inference on nuri ops -------*- C++ -*-===//
#ifndef NURI_SUPPORT_TYPEINFERENCE_H
#define NURI_SUPPORT_TYPEINFERENCE_H

#include "mlir/IR/Operation.h"

namespace nuri {

// Runs the ONNX schema's type and shape inference on `op` (seeing the values
// of constant operands) and refines its result types in place. Fails, after
// emitting an error on `op`, when inference rejects the op or contradicts a
// declared static type. Ops without an ONNX schema are left alone.
mlir::LogicalResult refineResultTypes(mlir::Operation *op);

// True when every result of `op` is a ranked tensor of static shape.
bool hasStaticResults(mlir::Operation *op);

} // namespace nuri

#endif // NURI_SUPPORT_TYPEINFERENCE_H

//===- Gradient.h - ONNX's training Gradient op at import -------*- C++ -*-===//
#ifndef NURI_IMPORT_GRADIENT_H
#define NURI_IMPORT_GRADIENT_H

#include "mlir/IR/Builders.h"

namespace nuri {

// The gradients dy/dx, one per `xs`, as nuri ops built at the builder's
// insertion point by reverse-mode differentiation over the ops between
// `xs` and `y` (ai.onnx.preview.training.Gradient). Supports elementwise
// Add, Sub, Mul, Div, Neg and Identity with broadcasting; a gradient that
// does not depend on an x is zero. Fails with an error at `loc` for other
// ops or non-static types.
mlir::FailureOr<llvm::SmallVector<mlir::Value>>
buildGradients(mlir::OpBuilder &builder, mlir::Location loc, mlir::Value y,
               llvm::ArrayRef<mlir::Value> xs);

} // namespace nuri

#endif // NURI_IMPORT_GRADIENT_H

//===- ConstantFold.h - Fold one nuri op into constants ---------*- C++ -*-===//
#ifndef NURI_SUPPORT_CONSTANTFOLD_H
#define NURI_SUPPORT_CONSTANTFOLD_H

#include "mlir/IR/Operation.h"

#include <cstdint>

namespace nuri {

// Replaces `op` by nuri.Constant ops when every operand is a constant (or,
// for Shape and Size, when its input type is static), cpu-ref has a kernel
// for it, and its results are at most `maxResultBytes` or no larger than its
// operands. Refines the op's result types on the way. Returns true when `op`
// was folded (and erased), false when it was left alone, and fails after
// emitting an error when evaluating it shows the model is invalid.
mlir::FailureOr<bool> foldConstantOp(mlir::Operation *op,
                                     int64_t maxResultBytes);

} // namespace nuri

#endif // NURI_SUPPORT_CONSTANTFOLD_H

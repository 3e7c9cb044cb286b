//===- PassDetail.h - Helpers shared by the nuri passes ---------*- C++ -*-===//
#ifndef NURI_DIALECT_NURI_TRANSFORMS_PASSDETAIL_H
#define NURI_DIALECT_NURI_TRANSFORMS_PASSDETAIL_H

#include "mlir/Dialect/Func/IR/FuncOps.h"

namespace nuri {

// Makes the function type's results match what its return op returns (after
// a pass refined or replaced result types).
inline void syncFunctionResultTypes(mlir::func::FuncOp func) {
  auto ret =
      llvm::cast<mlir::func::ReturnOp>(func.getBody().front().getTerminator());
  func.setType(mlir::FunctionType::get(
      func.getContext(), func.getArgumentTypes(), ret.getOperandTypes()));
}

} // namespace nuri

#endif // NURI_DIALECT_NURI_TRANSFORMS_PASSDETAIL_H

//===- InputHints.h - Which model inputs make a value dynamic ---*- C++ -*-===//
#ifndef NURI_SUPPORT_INPUTHINTS_H
#define NURI_SUPPORT_INPUTHINTS_H

#include "mlir/Dialect/Func/IR/FuncOps.h"

#include <string>

namespace nuri {

// "; it depends on model input 'n' (bind it to a constant with
// --const-input n=FILE)" for the model inputs that `values` depend on
// (through any chain of ops): the integer ones (shapes, axes, counts,
// conditions) or, when there are none, all of them. Empty when none.
std::string bindInputsHint(mlir::func::FuncOp func, mlir::ValueRange values);

} // namespace nuri

#endif // NURI_SUPPORT_INPUTHINTS_H

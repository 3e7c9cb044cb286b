//===- Passes.h - Passes over the nuri dialect ------------------*- C++ -*-===//
#ifndef NURI_DIALECT_NURI_TRANSFORMS_PASSES_H
#define NURI_DIALECT_NURI_TRANSFORMS_PASSES_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Pass/Pass.h"
#include "nuri/Support/AttrNames.h"

#include <memory>
#include <string>

namespace nuri {

#define GEN_PASS_DECL
#include "nuri/Dialect/Nuri/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "nuri/Dialect/Nuri/Transforms/Passes.h.inc"

} // namespace nuri

#endif // NURI_DIALECT_NURI_TRANSFORMS_PASSES_H

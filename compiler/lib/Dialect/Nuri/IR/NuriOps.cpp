//===- NuriOps.cpp - The Nuri dialect's ops -------------------------------===//

#include "nuri/Dialect/Nuri/IR/NuriOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"

using namespace mlir;
using namespace nuri;

OpFoldResult ConstantOp::fold(FoldAdaptor) { return getValue(); }

#define GET_OP_CLASSES
#include "nuri/Dialect/Nuri/IR/NuriOps.cpp.inc"

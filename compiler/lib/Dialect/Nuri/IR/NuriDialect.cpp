//===- NuriDialect.cpp - The Nuri dialect ---------------------------------===//

#include "nuri/Dialect/Nuri/IR/NuriDialect.h"
#include "nuri/Dialect/Nuri/IR/NuriOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace nuri;

#include "nuri/Dialect/Nuri/IR/NuriDialect.cpp.inc"

#define GET_TYPEDEF_CLASSES
#include "nuri/Dialect/Nuri/IR/NuriTypes.cpp.inc"

void NuriDialect::initialize() {
  addTypes<
#define GET_TYPEDEF_LIST
#include "nuri/Dialect/Nuri/IR/NuriTypes.cpp.inc"
      >();
  addOperations<
#define GET_OP_LIST
#include "nuri/Dialect/Nuri/IR/NuriOps.cpp.inc"
      >();
}

Operation *NuriDialect::materializeConstant(OpBuilder &builder, Attribute value,
                                            Type type, Location loc) {
  auto elements = dyn_cast<ElementsAttr>(value);
  if (!elements || elements.getType() != type)
    return nullptr;
  return ConstantOp::create(builder, loc, type, elements);
}

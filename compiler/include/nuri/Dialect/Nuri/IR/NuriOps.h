//===- NuriOps.h - The Nuri dialect's ops and types -------------*- C++ -*-===//
#ifndef NURI_DIALECT_NURI_IR_NURIOPS_H
#define NURI_DIALECT_NURI_IR_NURIOPS_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Interfaces/ControlFlowInterfaces.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "nuri/Dialect/Nuri/IR/NuriDialect.h"

#define GET_TYPEDEF_CLASSES
#include "nuri/Dialect/Nuri/IR/NuriTypes.h.inc"

#define GET_OP_CLASSES
#include "nuri/Dialect/Nuri/IR/NuriOps.h.inc"

#endif // NURI_DIALECT_NURI_IR_NURIOPS_H

//===- OnnxSchema.h - ONNX schemas of Nuri dialect ops ----------*- C++ -*-===//
//
// Every ONNX-mirroring op of the nuri dialect has the schema of its ONNX op
// at the dialect's opset. These helpers find it and map an op's operands and
// results back to ONNX's positional inputs and outputs (where an absent
// optional is a null Value).
//
//===----------------------------------------------------------------------===//
#ifndef NURI_SUPPORT_ONNXSCHEMA_H
#define NURI_SUPPORT_ONNXSCHEMA_H

#include "mlir/IR/Operation.h"
#include "llvm/ADT/SmallVector.h"

#include <string>

namespace onnx {
class OpSchema;
}

namespace nuri {

// The ONNX opset the nuri dialect mirrors.
inline constexpr int kDialectOpset = 17;

// "Conv" for nuri.Conv; empty for ops of other dialects.
llvm::StringRef onnxOpType(mlir::Operation *op);
// The ONNX schema of a nuri op, or null (nuri.Constant, other dialects).
const onnx::OpSchema *onnxSchema(mlir::Operation *op);

// ONNX's positional inputs/outputs of `op`, absent optionals as null Values.
llvm::SmallVector<mlir::Value> onnxInputs(mlir::Operation *op);
llvm::SmallVector<mlir::Value> onnxOutputs(mlir::Operation *op);

// ONNX attribute/operand names that collide with ODS-generated methods get
// a trailing underscore in the dialect (see compiler/utils/gen_onnx_ops.py).
std::string odsName(llvm::StringRef onnxName);

// "Conv 'conv1'": the op type and ONNX node name, for messages.
std::string describeNode(mlir::Operation *op);
// The ONNX node name carried by the op's location (empty if none).
std::string nodeName(mlir::Operation *op);

} // namespace nuri

#endif // NURI_SUPPORT_ONNXSCHEMA_H

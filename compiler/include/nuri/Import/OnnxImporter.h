//===- OnnxImporter.h - ONNX model -> nuri dialect --------------*- C++ -*-===//
//
// Reads an ONNX ModelProto (with external data) into a module holding one
// `func.func @main` of nuri dialect ops. Older opsets are brought up to the
// dialect's opset; input shapes can be pinned and inputs bound to constants.
// Errors are emitted as MLIR diagnostics whose locations name the file and,
// for node errors, the ONNX node (a NameLoc).
//
//===----------------------------------------------------------------------===//
#ifndef NURI_IMPORT_ONNXIMPORTER_H
#define NURI_IMPORT_ONNXIMPORTER_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

#include <onnx/onnx_pb.h>

#include <map>
#include <string>
#include <vector>

namespace nuri {

struct ImportOptions {
  // Fixes the shape of a model input (replacing symbolic dims).
  std::map<std::string, std::vector<int64_t>> inputShapes;
  // Replaces a model input by a constant (it leaves the signature).
  std::map<std::string, onnx::TensorProto> constantInputs;
};

// Imports the model at `path`; null after emitting an error.
mlir::OwningOpRef<mlir::ModuleOp> importOnnxFile(mlir::MLIRContext &context,
                                                 const std::string &path,
                                                 const ImportOptions &options);

// Imports an already parsed model; `path` names it in locations and locates
// external data (relative to its directory).
mlir::OwningOpRef<mlir::ModuleOp> importOnnxModel(mlir::MLIRContext &context,
                                                  onnx::ModelProto model,
                                                  const std::string &path,
                                                  const ImportOptions &options);

} // namespace nuri

#endif // NURI_IMPORT_ONNXIMPORTER_H

//===- OnnxInterop.h - ONNX protobuf <-> MLIR conversions -------*- C++ -*-===//
//
// Element types, tensor types, tensors and attributes between ONNX's
// protobuf messages and MLIR's builtin types and attributes, and the bytes
// of a constant as the runtime lays them out (dense, row-major, little-endian,
// bool as one byte per element).
//
//===----------------------------------------------------------------------===//
#ifndef NURI_SUPPORT_ONNXINTEROP_H
#define NURI_SUPPORT_ONNXINTEROP_H

#include "nuri/dtype.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/Support/LLVM.h"

#include <onnx/onnx_pb.h>

#include <optional>
#include <string>
#include <vector>

namespace nuri {

// ONNX TensorProto.DataType -> MLIR element type; null when Nuri has none.
mlir::Type elementTypeFromOnnx(mlir::MLIRContext *context, int32_t onnxType);
// MLIR element type -> ONNX data type (0 = UNDEFINED when not representable).
int32_t onnxTypeFromElement(mlir::Type elementType);
// MLIR element type -> runtime DType (same numbering as ONNX).
std::optional<DType> dtypeFromElement(mlir::Type elementType);
// The bytes a statically shaped ranked tensor of `type` takes in runtime
// layout; nullopt for any other type and for element types the runtime does
// not store densely (string, unsupported).
std::optional<int64_t> staticTensorBytes(mlir::Type type);

// ONNX tensor TypeProto -> MLIR tensor type. Unknown dims become dynamic;
// a missing shape gives an unranked tensor. Null when not a supported tensor.
mlir::Type typeFromOnnx(mlir::MLIRContext *context,
                        const onnx::TypeProto &type);
// MLIR tensor type -> ONNX TypeProto (unranked: no shape; dynamic: no dim).
void typeToOnnx(mlir::Type type, onnx::TypeProto &out);

// A TensorProto's contents as an attribute. `baseDir` resolves external
// data. On failure, `error` says why (naming the tensor).
mlir::FailureOr<mlir::DenseElementsAttr>
tensorFromOnnx(mlir::MLIRContext *context, const onnx::TensorProto &tensor,
               llvm::StringRef baseDir, std::string &error);
// Reads the external data of `tensor` (location relative to `baseDir`,
// offset, length) into `out`.
mlir::LogicalResult readExternalData(const onnx::TensorProto &tensor,
                                     llvm::StringRef baseDir,
                                     std::vector<char> &out,
                                     std::string &error);
// An elements attribute as a TensorProto (raw_data form).
void tensorToOnnx(mlir::ElementsAttr value, onnx::TensorProto &out);

// The bytes of a constant in runtime layout (splats expanded).
std::vector<char> elementsToBytes(mlir::ElementsAttr value);
// The inverse: an attribute of `type` from runtime-layout bytes.
mlir::DenseElementsAttr elementsFromBytes(mlir::ShapedType type,
                                          llvm::ArrayRef<char> bytes);

// Converts an ONNX attribute to an MLIR attribute (graphs excluded). On
// failure, `error` says why.
mlir::FailureOr<mlir::Attribute>
attributeFromOnnx(mlir::Builder &builder, const onnx::AttributeProto &attr,
                  std::string &error);
// Converts an MLIR attribute to an ONNX attribute of `type` (the schema's
// declared type, which disambiguates empty lists). False if impossible.
bool attributeToOnnx(llvm::StringRef name, mlir::Attribute value,
                     onnx::AttributeProto::AttributeType type,
                     onnx::AttributeProto &out);

} // namespace nuri

#endif // NURI_SUPPORT_ONNXINTEROP_H

#include "common/onnx_tensor.h"

#include "common/file_io.h"

#include <onnx/onnx_pb.h>

#include <climits>
#include <cstring>

namespace nuri::tools {
namespace {

// Copies a typed repeated field into `tensor`, converting each value to
// the storage type T (a narrowing that matches how ONNX packs small types).
template <typename T, typename Field>
Status copyTyped(const Field &field, std::string_view fieldName,
                 int64_t expected, Tensor &tensor) {
  if (field.size() != expected)
    return dataLoss("the tensor has ", field.size(), " values in ", fieldName,
                    " but its shape needs ", expected);
  auto *out = static_cast<T *>(tensor.data());
  for (int64_t i = 0; i < expected; ++i)
    out[i] = static_cast<T>(field.Get(static_cast<int>(i)));
  return okStatus();
}

Status copyTypedData(const onnx::TensorProto &proto, Tensor &tensor) {
  int64_t n = tensor.numElements();
  switch (tensor.dtype()) {
  case DType::kFloat32:
    return copyTyped<float>(proto.float_data(), "float_data", n, tensor);
  case DType::kComplex64:
    return copyTyped<float>(proto.float_data(), "float_data", 2 * n, tensor);
  case DType::kFloat64:
    return copyTyped<double>(proto.double_data(), "double_data", n, tensor);
  case DType::kComplex128:
    return copyTyped<double>(proto.double_data(), "double_data", 2 * n, tensor);
  case DType::kInt64:
    return copyTyped<int64_t>(proto.int64_data(), "int64_data", n, tensor);
  case DType::kUInt32:
    return copyTyped<uint32_t>(proto.uint64_data(), "uint64_data", n, tensor);
  case DType::kUInt64:
    return copyTyped<uint64_t>(proto.uint64_data(), "uint64_data", n, tensor);
  case DType::kInt32:
    return copyTyped<int32_t>(proto.int32_data(), "int32_data", n, tensor);
  case DType::kInt16:
    return copyTyped<int16_t>(proto.int32_data(), "int32_data", n, tensor);
  case DType::kInt8:
    return copyTyped<int8_t>(proto.int32_data(), "int32_data", n, tensor);
  case DType::kUInt16:
  case DType::kFloat16: // bit patterns
  case DType::kBFloat16:
    return copyTyped<uint16_t>(proto.int32_data(), "int32_data", n, tensor);
  case DType::kUInt8:
    return copyTyped<uint8_t>(proto.int32_data(), "int32_data", n, tensor);
  case DType::kBool: {
    NURI_RETURN_IF_ERROR(
        copyTyped<uint8_t>(proto.int32_data(), "int32_data", n, tensor));
    auto *b = tensor.as<uint8_t>();
    for (int64_t i = 0; i < n; ++i)
      b[i] = b[i] != 0;
    return okStatus();
  }
  default:
    return unimplemented("cannot read ", dtypeName(tensor.dtype()), " tensors");
  }
}

Result<NamedTensor> parseImpl(std::span<const uint8_t> bytes) {
  if (bytes.size() > static_cast<size_t>(INT_MAX))
    return unimplemented("TensorProto files over 2 GiB are not supported");
  onnx::TensorProto proto;
  if (!proto.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())))
    return dataLoss("not a valid ONNX TensorProto");
  NamedTensor result;
  result.name = proto.name();
  int32_t rawType = proto.data_type();
  if (rawType < 0 || !isKnownDType(static_cast<uint32_t>(rawType)))
    return unimplemented("tensor '", proto.name(), "' has unknown data_type ",
                         rawType);
  auto dtype = static_cast<DType>(rawType);
  if (dtypeSize(dtype) == 0)
    return unimplemented("tensor '", proto.name(), "' has data_type ",
                         dtypeName(dtype), ", which Nuri cannot read");
  if (proto.data_location() == onnx::TensorProto::EXTERNAL)
    return unimplemented("tensor '", proto.name(),
                         "' keeps its data in an external file");
  if (proto.has_segment())
    return unimplemented("tensor '", proto.name(),
                         "' is a segment of a larger tensor");
  Shape shape(proto.dims().begin(), proto.dims().end());
  for (int64_t d : shape)
    if (d < 0)
      return dataLoss("tensor '", proto.name(), "' has negative dimension ", d);
  NURI_ASSIGN_OR_RETURN(result.tensor, Tensor::allocate(dtype, shape));
  Tensor &tensor = result.tensor;
  if (proto.has_raw_data()) {
    const std::string &raw = proto.raw_data();
    if (raw.size() != tensor.byteSize())
      return dataLoss("tensor '", proto.name(), "' (", dtypeName(dtype), " ",
                      shapeToString(shape), ") has ", raw.size(),
                      " bytes of raw_data, expected ", tensor.byteSize());
    if (!raw.empty())
      std::memcpy(tensor.data(), raw.data(), raw.size());
    return result;
  }
  Status status = copyTypedData(proto, tensor);
  if (!status.ok())
    return status.withContext(strCat("tensor '", proto.name(), "'"));
  return result;
}

} // namespace

Result<NamedTensor> parseTensorProto(std::span<const uint8_t> bytes,
                                     std::string_view source) {
  Result<NamedTensor> result = parseImpl(bytes);
  if (!result.ok())
    return result.status().withContext(strCat("reading '", source, "'"));
  return result;
}

Result<NamedTensor> readTensorProto(const std::string &path) {
  NURI_ASSIGN_OR_RETURN(std::vector<uint8_t> bytes, readFileBytes(path));
  return parseTensorProto(bytes, path);
}

Result<std::vector<uint8_t>> encodeTensorProto(std::string_view name,
                                               const TensorView &view) {
  if (dtypeSize(view.dtype) == 0)
    return unimplemented("cannot write ", dtypeName(view.dtype), " tensors");
  onnx::TensorProto proto;
  proto.set_name(std::string(name));
  proto.set_data_type(static_cast<int32_t>(view.dtype));
  for (int64_t d : view.shape)
    proto.add_dims(d);
  if (view.byteSize() > 0)
    proto.set_raw_data(
        std::string(static_cast<const char *>(view.data), view.byteSize()));
  else
    proto.set_raw_data(std::string());
  std::string out;
  if (!proto.SerializeToString(&out))
    return internalError("serializing TensorProto '", name, "' failed");
  return std::vector<uint8_t>(out.begin(), out.end());
}

Status writeTensorProto(const std::string &path, std::string_view name,
                        const TensorView &view) {
  Result<std::vector<uint8_t>> bytes = encodeTensorProto(name, view);
  if (!bytes.ok())
    return bytes.status().withContext(strCat("writing '", path, "'"));
  return writeFileBytes(path, *bytes);
}

} // namespace nuri::tools

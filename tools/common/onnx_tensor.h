// ONNX TensorProto files (*.pb), as in the ONNX test data sets
// (test_data_set_0/input_0.pb). Reads raw_data and the typed fields
// (float_data, int32_data, int64_data, double_data, uint64_data); int32_data
// also carries int8/int16/uint8/uint16/bool values and float16/bfloat16 bit
// patterns. Writes raw_data.
#ifndef NURI_TOOLS_COMMON_ONNX_TENSOR_H
#define NURI_TOOLS_COMMON_ONNX_TENSOR_H

#include "nuri/tensor.h"

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace nuri::tools {

struct NamedTensor {
  std::string name; // TensorProto.name; may be empty
  Tensor tensor;
};

Result<NamedTensor> parseTensorProto(std::span<const uint8_t> bytes,
                                     std::string_view source = "<memory>");
Result<NamedTensor> readTensorProto(const std::string &path);

Result<std::vector<uint8_t>> encodeTensorProto(std::string_view name,
                                               const TensorView &view);
Status writeTensorProto(const std::string &path, std::string_view name,
                        const TensorView &view);

} // namespace nuri::tools

#endif // NURI_TOOLS_COMMON_ONNX_TENSOR_H

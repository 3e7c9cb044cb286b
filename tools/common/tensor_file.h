// Tensor files by extension: .npy (NumPy) or .pb (ONNX TensorProto).
#ifndef NURI_TOOLS_COMMON_TENSOR_FILE_H
#define NURI_TOOLS_COMMON_TENSOR_FILE_H

#include "nuri/tensor.h"

#include <string>
#include <string_view>

namespace nuri::tools {

// Reads .npy or .pb; other extensions are recognised by their contents
// (the .npy magic, else a TensorProto).
Result<Tensor> readTensorFile(const std::string &path);
// Writes .pb when the path ends in ".pb" (with `name`), else .npy.
Status writeTensorFile(const std::string &path, std::string_view name,
                       const TensorView &view);

} // namespace nuri::tools

#endif // NURI_TOOLS_COMMON_TENSOR_FILE_H

// NumPy .npy files: format versions 1.0 and 2.0, little-endian, C order.
// Supported dtypes: f2 f4 f8, i1 i2 i4 i8, u1 u2 u4 u8, b1 (and c8/c16).
#ifndef NURI_TOOLS_COMMON_NPY_H
#define NURI_TOOLS_COMMON_NPY_H

#include "nuri/tensor.h"

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace nuri::tools {

// Errors name `source` (the path, for files).
Result<Tensor> parseNpy(std::span<const uint8_t> bytes,
                        std::string_view source = "<memory>");
Result<Tensor> readNpy(const std::string &path);

// Version 1.0 unless the header needs 2.0; the header is padded so the data
// starts 64-byte aligned, as numpy does.
Result<std::vector<uint8_t>> encodeNpy(const TensorView &view);
Status writeNpy(const std::string &path, const TensorView &view);

} // namespace nuri::tools

#endif // NURI_TOOLS_COMMON_NPY_H

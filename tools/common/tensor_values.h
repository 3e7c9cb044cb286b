// Reading tensor elements generically, for comparison and printing.
#ifndef NURI_TOOLS_COMMON_TENSOR_VALUES_H
#define NURI_TOOLS_COMMON_TENSOR_VALUES_H

#include "nuri/tensor.h"

#include <string>

namespace nuri::tools {

// Element `i` (row-major) as a double; 16-bit floats are widened, bools are
// 0/1. Complex types give the real part of element i/2's pair, i.e. they are
// read as 2x as many scalars (see scalarCount).
double elementAsDouble(const TensorView &view, int64_t i);
// Scalars elementAsDouble can read: numElements, doubled for complex types.
int64_t scalarCount(const TensorView &view);
// Row-major multi-index of flat element `i`: "[0, 2, 1]".
std::string indexToString(const Shape &shape, int64_t i);
// "float32 [2, 3]: [0.5, -1, 0.25, ...]" with at most `maxValues` values.
std::string formatTensor(const TensorView &view, size_t maxValues = 8);

} // namespace nuri::tools

#endif // NURI_TOOLS_COMMON_TENSOR_VALUES_H

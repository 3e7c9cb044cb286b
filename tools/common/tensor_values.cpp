#include "common/tensor_values.h"

#include "nuri/float16.h"

#include <cstring>
#include <sstream>

namespace nuri::tools {
namespace {
template <typename T> double load(const TensorView &view, int64_t i) {
  T value;
  std::memcpy(&value, static_cast<const char *>(view.data) + i * sizeof(T),
              sizeof(T));
  return static_cast<double>(value);
}
} // namespace

int64_t scalarCount(const TensorView &view) {
  int64_t n = view.numElements();
  if (view.dtype == DType::kComplex64 || view.dtype == DType::kComplex128)
    return 2 * n;
  return n;
}

double elementAsDouble(const TensorView &view, int64_t i) {
  switch (view.dtype) {
  case DType::kFloat32:
  case DType::kComplex64:
    return load<float>(view, i);
  case DType::kFloat64:
  case DType::kComplex128:
    return load<double>(view, i);
  case DType::kFloat16:
    return halfToFloat(static_cast<uint16_t>(load<uint16_t>(view, i)));
  case DType::kBFloat16:
    return bfloat16ToFloat(static_cast<uint16_t>(load<uint16_t>(view, i)));
  case DType::kInt8:
    return load<int8_t>(view, i);
  case DType::kInt16:
    return load<int16_t>(view, i);
  case DType::kInt32:
    return load<int32_t>(view, i);
  case DType::kInt64:
    return load<int64_t>(view, i);
  case DType::kUInt8:
    return load<uint8_t>(view, i);
  case DType::kUInt16:
    return load<uint16_t>(view, i);
  case DType::kUInt32:
    return load<uint32_t>(view, i);
  case DType::kUInt64:
    return load<uint64_t>(view, i);
  case DType::kBool:
    return load<uint8_t>(view, i) != 0 ? 1.0 : 0.0;
  case DType::kUndefined:
  case DType::kString:
    break;
  }
  return 0.0;
}

std::string indexToString(const Shape &shape, int64_t i) {
  std::vector<int64_t> strides = rowMajorStrides(shape);
  std::string s = "[";
  for (size_t d = 0; d < shape.size(); ++d) {
    if (d)
      s += ", ";
    int64_t coordinate = strides[d] ? i / strides[d] : 0;
    i -= coordinate * strides[d];
    s += std::to_string(coordinate);
  }
  return s + "]";
}

std::string formatTensor(const TensorView &view, size_t maxValues) {
  std::ostringstream os;
  os << dtypeName(view.dtype) << " " << shapeToString(view.shape) << ": [";
  int64_t n = scalarCount(view);
  int64_t shown = std::min<int64_t>(n, static_cast<int64_t>(maxValues));
  os.precision(6);
  for (int64_t i = 0; i < shown; ++i) {
    if (i)
      os << ", ";
    if (view.dtype == DType::kBool)
      os << (elementAsDouble(view, i) != 0 ? "true" : "false");
    else
      os << elementAsDouble(view, i);
  }
  if (shown < n)
    os << ", ... (" << n << " values)";
  os << "]";
  return os.str();
}

} // namespace nuri::tools

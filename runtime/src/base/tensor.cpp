#include "nuri/tensor.h"

#include <cstdlib>
#include <cstring>
#include <limits>

namespace nuri {

int64_t numElements(const Shape &shape) {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

std::string shapeToString(const Shape &shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i)
      s += ", ";
    s += std::to_string(shape[i]);
  }
  return s + "]";
}

std::vector<int64_t> rowMajorStrides(const Shape &shape) {
  std::vector<int64_t> strides(shape.size(), 1);
  for (size_t i = shape.size(); i-- > 1;)
    strides[i - 1] = strides[i] * shape[i];
  return strides;
}

Result<Tensor> Tensor::allocate(DType dtype, Shape shape) {
  if (dtypeSize(dtype) == 0)
    return unimplemented("cannot allocate a tensor of type ",
                         dtypeName(dtype));
  // Checked size computation: a shape from untrusted input must not overflow.
  uint64_t count = 1;
  for (int64_t d : shape) {
    if (d < 0)
      return invalidArgument("negative dimension in shape ",
                             shapeToString(shape));
    if (d != 0 && count > std::numeric_limits<uint64_t>::max() /
                              static_cast<uint64_t>(d))
      return resourceExhausted("tensor of shape ", shapeToString(shape),
                               " is too large");
    count *= static_cast<uint64_t>(d);
  }
  uint64_t bytes = count * dtypeSize(dtype);
  if (count != 0 && bytes / count != dtypeSize(dtype))
    return resourceExhausted("tensor of shape ", shapeToString(shape),
                             " is too large");
  size_t allocBytes = static_cast<size_t>((bytes + 63) / 64 * 64);
  if (allocBytes == 0)
    allocBytes = 64;
  void *raw = std::aligned_alloc(64, allocBytes);
  if (!raw)
    return resourceExhausted("out of memory allocating ", bytes,
                             " bytes for a tensor of shape ",
                             shapeToString(shape));
  std::memset(raw, 0, allocBytes);
  Tensor t;
  t.storage_ = std::shared_ptr<void>(raw, std::free);
  t.view_ = TensorView{dtype, std::move(shape), raw};
  return t;
}

Tensor Tensor::clone() const {
  if (!storage_)
    return Tensor();
  Result<Tensor> copy = allocate(view_.dtype, view_.shape);
  // The same size was allocated once already, so this cannot fail.
  assert(copy.ok());
  std::memcpy(copy->data(), view_.data, byteSize());
  return std::move(copy).value();
}

} // namespace nuri

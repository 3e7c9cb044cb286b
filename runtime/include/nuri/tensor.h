// Shapes, non-owning tensor views, and owning host tensors.
//
// Every tensor Nuri passes around is dense and row-major (C order).
#ifndef NURI_TENSOR_H
#define NURI_TENSOR_H

#include "nuri/dtype.h"
#include "nuri/status.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace nuri {

using Shape = std::vector<int64_t>;

// Product of the dims (1 for a scalar, rank 0).
int64_t numElements(const Shape &shape);
// "[1, 3, 224, 224]"; "[]" for a scalar.
std::string shapeToString(const Shape &shape);
// Row-major strides in elements.
std::vector<int64_t> rowMajorStrides(const Shape &shape);

// A view of dense row-major data owned by someone else.
struct TensorView {
  DType dtype = DType::kUndefined;
  Shape shape;
  void *data = nullptr;

  int64_t numElements() const { return nuri::numElements(shape); }
  size_t byteSize() const {
    return static_cast<size_t>(numElements()) * dtypeSize(dtype);
  }
  int64_t rank() const { return static_cast<int64_t>(shape.size()); }
  template <typename T> T *as() const { return static_cast<T *>(data); }
};

// A host tensor that owns its (64-byte aligned) storage. Copies share the
// storage; use clone() for a deep copy.
class Tensor {
public:
  Tensor() = default;
  // Zero-initialised storage for `shape`.
  static Result<Tensor> allocate(DType dtype, Shape shape);

  DType dtype() const { return view_.dtype; }
  const Shape &shape() const { return view_.shape; }
  void *data() { return view_.data; }
  const void *data() const { return view_.data; }
  size_t byteSize() const { return view_.byteSize(); }
  int64_t numElements() const { return view_.numElements(); }
  TensorView view() const { return view_; }
  template <typename T> T *as() { return view_.as<T>(); }
  template <typename T> const T *as() const { return view_.as<T>(); }

  Tensor clone() const;

private:
  std::shared_ptr<void> storage_;
  TensorView view_;
};

} // namespace nuri

#endif // NURI_TENSOR_H

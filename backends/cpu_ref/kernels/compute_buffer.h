// Tensors seen as arrays of their compute type (see element_types.h), for
// kernels that accumulate (Conv, MatMul, normalizations): such a kernel is
// written once over float/double (or an integer type) and 16-bit floats are
// converted on the way in and rounded once on the way out.
#ifndef NURI_CPU_REF_KERNELS_COMPUTE_BUFFER_H
#define NURI_CPU_REF_KERNELS_COMPUTE_BUFFER_H

#include "cpu_ref/kernels/element_types.h"
#include "nuri/tensor.h"

#include <type_traits>
#include <vector>

namespace nuri::cpu_ref {

// Read-only Compute<T> view of a T tensor: its own storage when T is its
// own compute type, else a converted copy.
template <typename T> class ComputeInput {
public:
  using C = Compute<T>;
  // A null view (an absent optional input) gives a null data().
  explicit ComputeInput(const TensorView *view) {
    if (!view)
      return;
    const T *src = view->as<const T>();
    if constexpr (std::is_same_v<T, C>) {
      data_ = src;
    } else {
      copy_.resize(static_cast<size_t>(view->numElements()));
      for (size_t i = 0; i < copy_.size(); ++i)
        copy_[i] = load(src[i]);
      data_ = copy_.data();
    }
  }
  const C *data() const { return data_; }
  const C &operator[](int64_t i) const { return data_[i]; }

private:
  const C *data_ = nullptr;
  std::vector<C> copy_;
};

// Writable Compute<T> array for a T output; commit() rounds it into the
// output when T is not its own compute type.
template <typename T> class ComputeOutput {
public:
  using C = Compute<T>;
  explicit ComputeOutput(TensorView *view) : view_(view) {
    if constexpr (std::is_same_v<T, C>) {
      data_ = view->as<T>();
    } else {
      copy_.assign(static_cast<size_t>(view->numElements()), C(0));
      data_ = copy_.data();
    }
  }
  C *data() { return data_; }
  C &operator[](int64_t i) { return data_[i]; }
  void commit() {
    if constexpr (!std::is_same_v<T, C>) {
      T *dst = view_->as<T>();
      for (size_t i = 0; i < copy_.size(); ++i)
        dst[i] = store<T>(copy_[i]);
    }
  }

private:
  TensorView *view_;
  C *data_ = nullptr;
  std::vector<C> copy_;
};

} // namespace nuri::cpu_ref

#endif // NURI_CPU_REF_KERNELS_COMPUTE_BUFFER_H

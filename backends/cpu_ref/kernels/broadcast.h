// Multidirectional (numpy) broadcasting and strided index iteration.
#ifndef NURI_CPU_REF_KERNELS_BROADCAST_H
#define NURI_CPU_REF_KERNELS_BROADCAST_H

#include "cpu_ref/kernels/kernel.h"

#include <array>
#include <cstdint>
#include <vector>

namespace nuri::cpu_ref {

// The numpy broadcast of `shapes`: right-aligned, each dim equal or 1.
Result<Shape> broadcastShapes(const KernelContext &ctx,
                              const std::vector<Shape> &shapes);
// True when `from` broadcasts to exactly `to` (unidirectional broadcasting).
bool broadcastsTo(const Shape &from, const Shape &to);
// The element strides of a tensor of shape `in` read as if broadcast to
// `out`: right-aligned, 0 on broadcast (size-1 or missing) dims.
std::vector<int64_t> broadcastStrides(const Shape &in, const Shape &out);

// Walks `shape` in row-major order and calls fn(linear, offsets), where
// offsets[k] = sum over dims d of index[d] * strides[k][d]. The last dim is
// the inner loop, so contiguous data stays contiguous.
template <size_t N, typename Fn>
void forEachOffset(const Shape &shape,
                   const std::array<std::vector<int64_t>, N> &strides,
                   Fn &&fn) {
  int64_t total = numElements(shape);
  if (total == 0)
    return;
  std::array<int64_t, N> offsets{};
  if (shape.empty()) {
    fn(int64_t{0}, offsets);
    return;
  }
  const size_t last = shape.size() - 1;
  const int64_t inner = shape[last];
  std::array<int64_t, N> innerStride;
  for (size_t k = 0; k < N; ++k)
    innerStride[k] = strides[k][last];
  std::vector<int64_t> index(shape.size(), 0);
  std::array<int64_t, N> base{};
  for (int64_t linear = 0; linear < total;) {
    for (int64_t j = 0; j < inner; ++j, ++linear) {
      for (size_t k = 0; k < N; ++k)
        offsets[k] = base[k] + j * innerStride[k];
      fn(linear, offsets);
    }
    // Advance the outer index like an odometer.
    for (size_t d = last; d-- > 0;) {
      for (size_t k = 0; k < N; ++k)
        base[k] += strides[k][d];
      if (++index[d] < shape[d])
        break;
      for (size_t k = 0; k < N; ++k)
        base[k] -= strides[k][d] * shape[d];
      index[d] = 0;
    }
  }
}

// Broadcasting over `outShape`: fn(outIndex, offsets) with offsets[k] the
// element offset in input k (of shape inShapes[k]).
template <size_t N, typename Fn>
void forEachBroadcast(const Shape &outShape,
                      const std::array<const Shape *, N> &inShapes, Fn &&fn) {
  std::array<std::vector<int64_t>, N> strides;
  for (size_t k = 0; k < N; ++k)
    strides[k] = broadcastStrides(*inShapes[k], outShape);
  forEachOffset<N>(outShape, strides, fn);
}

} // namespace nuri::cpu_ref

#endif // NURI_CPU_REF_KERNELS_BROADCAST_H

// The spatial attributes shared by Conv, ConvTranspose and the pools
// (kernel_shape, strides, dilations, pads, auto_pad, ceil_mode) resolved to
// per-dimension numbers and output sizes.
#ifndef NURI_CPU_REF_KERNELS_SPATIAL_H
#define NURI_CPU_REF_KERNELS_SPATIAL_H

#include "cpu_ref/kernels/kernel.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace nuri::cpu_ref {

enum class AutoPad { kNotSet, kSameUpper, kSameLower, kValid };

// Per spatial dimension (n = rank - 2 of the input).
struct SpatialParams {
  AutoPad autoPad = AutoPad::kNotSet;
  std::vector<int64_t> kernel;
  std::vector<int64_t> strides;
  std::vector<int64_t> dilations;
  std::vector<int64_t> padBegin;
  std::vector<int64_t> padEnd;
  std::vector<int64_t> outSize;

  size_t rank() const { return kernel.size(); }
  // The extent of the dilated kernel along dim d.
  int64_t dilatedKernel(size_t d) const {
    return (kernel[d] - 1) * dilations[d] + 1;
  }
};

// Integer division rounding toward -infinity / +infinity (b > 0).
inline int64_t floorDiv(int64_t a, int64_t b) {
  return a >= 0 ? a / b : -((-a + b - 1) / b);
}
inline int64_t ceilDiv(int64_t a, int64_t b) {
  return a >= 0 ? (a + b - 1) / b : -((-a) / b);
}

// Reads kernel_shape (checked against `weightKernel` when given, required
// otherwise), strides, dilations and pads for `n` spatial dims, without
// computing output sizes.
Result<SpatialParams>
readSpatialAttrs(const KernelContext &ctx, size_t n,
                 const std::optional<std::vector<int64_t>> &weightKernel);

// Conv / pool output sizes for `inSize`, resolving auto_pad into padBegin and
// padEnd. With ceilMode the last window may run past the end, but one that
// would start in the end padding is dropped (as ONNX clarified, matching
// PyTorch and onnxruntime).
Status resolveForwardSpatial(const KernelContext &ctx,
                             const std::vector<int64_t> &inSize, bool ceilMode,
                             SpatialParams &p);

} // namespace nuri::cpu_ref

#endif // NURI_CPU_REF_KERNELS_SPATIAL_H

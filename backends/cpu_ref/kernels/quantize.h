// Shared by the quantization kernels: reading scales and zero points
// (per tensor or per axis) and rounding to a saturated 8-bit integer.
#ifndef NURI_CPU_REF_KERNELS_QUANTIZE_H
#define NURI_CPU_REF_KERNELS_QUANTIZE_H

#include "cpu_ref/kernels/kernel.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string_view>
#include <vector>

namespace nuri::cpu_ref {

// Rounds half to even (the default floating-point rounding mode) and
// saturates to Q's range.
template <typename Q> Q saturateRound(double v) {
  if (std::isnan(v))
    return 0;
  const double r = std::nearbyint(v);
  return static_cast<Q>(
      std::clamp(r, static_cast<double>(std::numeric_limits<Q>::lowest()),
                 static_cast<double>(std::numeric_limits<Q>::max())));
}

// A scale or zero point: one value (per tensor) or one per index along an
// axis of the quantized tensor.
struct QuantParam {
  std::vector<double> values;
  bool perTensor() const { return values.size() == 1; }
  double at(int64_t channel) const {
    return values[perTensor() ? 0 : static_cast<size_t>(channel)];
  }
};

// Reads input `index` (`what` in errors) as a QuantParam of one value or
// of `channels` values (a 1-D tensor); `fallback` when the input is absent.
Result<QuantParam> readQuantParam(const KernelContext &ctx, size_t index,
                                  std::string_view what, int64_t channels,
                                  double fallback);

// Checks that an optional zero point input has dtype `dtype`.
Status requireZeroPointDType(const KernelContext &ctx, size_t index,
                             DType dtype, std::string_view what);

} // namespace nuri::cpu_ref

#endif // NURI_CPU_REF_KERNELS_QUANTIZE_H

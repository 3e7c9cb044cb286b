// Softmax, LogSoftmax and Hardmax with opset-13 semantics: one axis
// (default -1), each slice along it handled independently.
#include "cpu_ref/kernels/dispatch.h"
#include "cpu_ref/kernels/kernel_table.h"
#include "cpu_ref/kernels/kernel_util.h"

#include <cmath>

namespace nuri::cpu_ref {
namespace {

using namespace types;

enum class SoftmaxKind { kSoftmax, kLogSoftmax, kHardmax };

template <SoftmaxKind Kind> Status softmaxKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(const TensorView *x, ctx.requireInput(0));
  NURI_ASSIGN_OR_RETURN(int64_t axisAttr, intAttr(ctx, "axis", -1));
  return visitDType<kFloat>(ctx, x->dtype, [&](auto tag) -> Status {
    using T = typename decltype(tag)::type;
    NURI_ASSIGN_OR_RETURN(int64_t axis,
                          normalizeAxis(ctx, axisAttr, x->rank()));
    NURI_ASSIGN_OR_RETURN(TensorView * y,
                          prepareOutput(ctx, 0, x->shape, x->dtype));
    const AxisSplit s = splitAtAxis(x->shape, axis);
    const T *in = x->as<const T>();
    T *out = y->as<T>();
    std::vector<double> v(static_cast<size_t>(s.size));
    for (int64_t o = 0; o < s.outer; ++o) {
      for (int64_t i = 0; i < s.inner; ++i) {
        const int64_t base = o * s.size * s.inner + i;
        // Max first: it keeps exp() in range (and picks Hardmax's 1).
        // A NaN anywhere makes the whole slice NaN through the sum.
        int64_t argmax = 0;
        for (int64_t k = 0; k < s.size; ++k) {
          v[k] = static_cast<double>(load(in[base + k * s.inner]));
          if (v[k] > v[argmax])
            argmax = k;
        }
        if constexpr (Kind == SoftmaxKind::kHardmax) {
          for (int64_t k = 0; k < s.size; ++k)
            out[base + k * s.inner] = convertElement<T>(k == argmax ? 1 : 0);
          continue;
        }
        const double max = s.size ? v[argmax] : 0.0;
        double sum = 0;
        for (int64_t k = 0; k < s.size; ++k)
          sum += std::exp(v[k] - max);
        for (int64_t k = 0; k < s.size; ++k) {
          double r = Kind == SoftmaxKind::kSoftmax ? std::exp(v[k] - max) / sum
                                                   : v[k] - max - std::log(sum);
          out[base + k * s.inner] = convertElement<T>(r);
        }
      }
    }
    return okStatus();
  });
}

} // namespace

void registerSoftmaxKernels(KernelTable &table) {
  table.add("Softmax", softmaxKernel<SoftmaxKind::kSoftmax>);
  table.add("LogSoftmax", softmaxKernel<SoftmaxKind::kLogSoftmax>);
  table.add("Hardmax", softmaxKernel<SoftmaxKind::kHardmax>);
}

} // namespace nuri::cpu_ref

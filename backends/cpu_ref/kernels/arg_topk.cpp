// Selecting extreme elements along one axis: ArgMax-13, ArgMin-13, TopK-11.
// NaN orders above every number (as numpy's argmax/argmin/sort treat it).
#include "cpu_ref/kernels/dispatch.h"
#include "cpu_ref/kernels/kernel_table.h"
#include "cpu_ref/kernels/kernel_util.h"

#include <algorithm>
#include <numeric>

namespace nuri::cpu_ref {
namespace {

using namespace types;

// a > b with NaN above everything (two NaNs are equal).
template <typename C> bool greaterWithNan(C a, C b) {
  if (isNan(a))
    return !isNan(b);
  return !isNan(b) && a > b;
}

// Whether v beats b for ArgMax (larger) or ArgMin (smaller); NaN beats
// every number either way, as in numpy.
template <bool IsMax, typename C> bool beats(C v, C b) {
  if (isNan(b))
    return false;
  if (isNan(v))
    return true;
  return IsMax ? v > b : v < b;
}

template <bool IsMax> Status argExtremeKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(const TensorView *x, ctx.requireInput(0));
  NURI_ASSIGN_OR_RETURN(int64_t axisAttr, intAttr(ctx, "axis", 0));
  NURI_ASSIGN_OR_RETURN(bool keepDims, boolAttr(ctx, "keepdims", true));
  NURI_ASSIGN_OR_RETURN(bool last, boolAttr(ctx, "select_last_index", false));
  return visitDType<kNumeric>(ctx, x->dtype, [&](auto tag) -> Status {
    using T = typename decltype(tag)::type;
    NURI_ASSIGN_OR_RETURN(int64_t axis,
                          normalizeAxis(ctx, axisAttr, x->rank()));
    if (x->shape[axis] == 0)
      return ctx.error("cannot select from an empty axis ", axis);
    Shape shape = x->shape;
    if (keepDims)
      shape[axis] = 1;
    else
      shape.erase(shape.begin() + axis);
    NURI_ASSIGN_OR_RETURN(TensorView * y,
                          prepareOutput(ctx, 0, shape, DType::kInt64));
    const AxisSplit s = splitAtAxis(x->shape, axis);
    const T *in = x->as<const T>();
    int64_t *out = y->as<int64_t>();
    for (int64_t o = 0; o < s.outer; ++o)
      for (int64_t i = 0; i < s.inner; ++i) {
        const T *p = in + o * s.size * s.inner + i;
        int64_t best = 0;
        for (int64_t k = 1; k < s.size; ++k) {
          auto v = load(p[k * s.inner]), b = load(p[best * s.inner]);
          // Ties go to the first index, or the last with select_last_index.
          bool tie = !beats<IsMax>(v, b) && !beats<IsMax>(b, v);
          if (beats<IsMax>(v, b) || (last && tie))
            best = k;
        }
        out[o * s.inner + i] = best;
      }
    return okStatus();
  });
}

Status topKKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(const TensorView *x, ctx.requireInput(0));
  NURI_ASSIGN_OR_RETURN(const TensorView *kIn, ctx.requireInput(1));
  NURI_ASSIGN_OR_RETURN(int64_t k, readScalarInt64(ctx, *kIn, "K"));
  NURI_ASSIGN_OR_RETURN(int64_t axisAttr, intAttr(ctx, "axis", -1));
  NURI_ASSIGN_OR_RETURN(bool largest, boolAttr(ctx, "largest", true));
  // sorted=0 leaves the order unspecified; sorted output is a valid choice.
  NURI_ASSIGN_OR_RETURN(bool sorted, boolAttr(ctx, "sorted", true));
  (void)sorted;
  return visitDType<kNumeric>(ctx, x->dtype, [&](auto tag) -> Status {
    using T = typename decltype(tag)::type;
    NURI_ASSIGN_OR_RETURN(int64_t axis,
                          normalizeAxis(ctx, axisAttr, x->rank()));
    if (k < 0 || k > x->shape[axis])
      return ctx.error("K = ", k, " is outside [0, ", x->shape[axis],
                       "] for axis ", axis);
    Shape shape = x->shape;
    shape[axis] = k;
    NURI_ASSIGN_OR_RETURN(TensorView * values,
                          prepareOutput(ctx, 0, shape, x->dtype));
    NURI_ASSIGN_OR_RETURN(TensorView * indices,
                          prepareOutput(ctx, 1, shape, DType::kInt64));
    const AxisSplit s = splitAtAxis(x->shape, axis);
    const T *in = x->as<const T>();
    std::vector<int64_t> order(static_cast<size_t>(s.size));
    for (int64_t o = 0; o < s.outer; ++o)
      for (int64_t i = 0; i < s.inner; ++i) {
        const T *p = in + o * s.size * s.inner + i;
        std::iota(order.begin(), order.end(), 0);
        // Stable: equal values keep the lower index first.
        std::stable_sort(order.begin(), order.end(), [&](int64_t a, int64_t b) {
          auto va = load(p[a * s.inner]);
          auto vb = load(p[b * s.inner]);
          return largest ? greaterWithNan(va, vb) : greaterWithNan(vb, va);
        });
        for (int64_t j = 0; j < k; ++j) {
          const int64_t at = (o * k + j) * s.inner + i;
          values->as<T>()[at] = p[order[j] * s.inner];
          indices->as<int64_t>()[at] = order[j];
        }
      }
    return okStatus();
  });
}

} // namespace

void registerArgTopKKernels(KernelTable &table) {
  table.add("ArgMax", argExtremeKernel<true>);
  table.add("ArgMin", argExtremeKernel<false>);
  table.add("TopK", topKKernel);
}

} // namespace nuri::cpu_ref

// Reduce* ops (opset 13). ReduceSum takes axes as an optional input; the
// others take the `axes` attribute (an axes input is accepted too, as in
// opset 18). No axes means every axis, unless noop_with_empty_axes.
#include "cpu_ref/kernels/broadcast.h"
#include "cpu_ref/kernels/dispatch.h"
#include "cpu_ref/kernels/kernel_table.h"
#include "cpu_ref/kernels/kernel_util.h"

#include <cmath>
#include <limits>

namespace nuri::cpu_ref {
namespace {

using namespace types;

enum class ReduceKind {
  kSum,
  kMean,
  kProd,
  kMax,
  kMin,
  kL1,
  kL2,
  kLogSum,
  kLogSumExp,
  kSumSquare
};

struct ReducePlan {
  bool noop = false;
  Shape outShape;
  // Strides of the (keepdims) output read from the input's index space: 0
  // on reduced axes, so every input element lands on its output element.
  std::vector<int64_t> outStrides;
  int64_t count = 1; // input elements per output element
};

Result<ReducePlan> planReduce(const KernelContext &ctx, const TensorView &x) {
  NURI_ASSIGN_OR_RETURN(bool keepDims, boolAttr(ctx, "keepdims", true));
  NURI_ASSIGN_OR_RETURN(bool noopEmpty,
                        boolAttr(ctx, "noop_with_empty_axes", false));
  std::vector<int64_t> raw;
  if (const TensorView *axesIn = ctx.input(1)) {
    NURI_ASSIGN_OR_RETURN(raw, readInt64s(ctx, *axesIn, "axes"));
  } else {
    NURI_ASSIGN_OR_RETURN(raw, intsAttr(ctx, "axes", {}));
  }
  ReducePlan plan;
  if (raw.empty() && noopEmpty) {
    plan.noop = true;
    plan.outShape = x.shape;
    return plan;
  }
  NURI_ASSIGN_OR_RETURN(std::vector<int64_t> axes,
                        normalizeAxes(ctx, raw, x.rank()));
  std::vector<bool> reduced(x.shape.size(), raw.empty());
  for (int64_t a : axes)
    reduced[a] = true;
  Shape kept = x.shape;
  for (size_t d = 0; d < kept.size(); ++d) {
    if (!reduced[d])
      continue;
    plan.count *= kept[d];
    kept[d] = 1;
  }
  for (size_t d = 0; d < kept.size(); ++d)
    if (keepDims || !reduced[d])
      plan.outShape.push_back(kept[d]);
  plan.outStrides = broadcastStrides(kept, x.shape);
  return plan;
}

// Accumulates in double for floats (and for L2/LogSum/LogSumExp), else in
// 64-bit integers that wrap like the element type would.
template <typename T, ReduceKind Kind>
using Accumulator = std::conditional_t<
    kIsFloat<T> || Kind == ReduceKind::kL2 || Kind == ReduceKind::kLogSum ||
        Kind == ReduceKind::kLogSumExp,
    double, std::conditional_t<std::is_signed_v<T>, int64_t, uint64_t>>;

template <typename A, ReduceKind Kind> A initialValue() {
  if constexpr (Kind == ReduceKind::kProd)
    return A(1);
  else if constexpr (Kind == ReduceKind::kMax)
    return std::numeric_limits<A>::has_infinity
               ? -std::numeric_limits<A>::infinity()
               : std::numeric_limits<A>::lowest();
  else if constexpr (Kind == ReduceKind::kMin)
    return std::numeric_limits<A>::has_infinity
               ? std::numeric_limits<A>::infinity()
               : std::numeric_limits<A>::max();
  else
    return A(0);
}

template <ReduceKind Kind, typename A> A step(A acc, A v) {
  switch (Kind) {
  case ReduceKind::kProd:
    return wrapMul(acc, v);
  case ReduceKind::kMax:
    return maxOrNan(acc, v);
  case ReduceKind::kMin:
    return minOrNan(acc, v);
  case ReduceKind::kL1:
    if constexpr (std::is_signed_v<A>)
      return wrapAdd(acc, v < 0 ? wrapNeg(v) : v);
    return wrapAdd(acc, v);
  case ReduceKind::kL2:
  case ReduceKind::kSumSquare:
    return wrapAdd(acc, wrapMul(v, v));
  default: // Sum, Mean, LogSum; LogSumExp gets exp(v - max) already
    return wrapAdd(acc, v);
  }
}

template <ReduceKind Kind> Status reduceKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(const TensorView *x, ctx.requireInput(0));
  constexpr unsigned kTypes =
      kFloat | kI32 | kI64 | kU32 | kU64 |
      ((Kind == ReduceKind::kMax || Kind == ReduceKind::kMin) ? kI8 | kU8 : 0);
  return visitDType<kTypes>(ctx, x->dtype, [&](auto tag) -> Status {
    using T = typename decltype(tag)::type;
    using A = Accumulator<T, Kind>;
    NURI_ASSIGN_OR_RETURN(ReducePlan plan, planReduce(ctx, *x));
    NURI_ASSIGN_OR_RETURN(TensorView * y,
                          prepareOutput(ctx, 0, plan.outShape, x->dtype));
    if (plan.noop) {
      copyBytes(*x, *y);
      return okStatus();
    }
    if (std::is_integral_v<A> && Kind == ReduceKind::kMean && plan.count == 0)
      return ctx.error("integer mean over an empty set");
    const T *in = x->as<const T>();
    const int64_t outCount = y->numElements();
    auto value = [&](int64_t i) { return static_cast<A>(load(in[i])); };
    // LogSumExp subtracts each output's max (when finite) before exp.
    std::vector<double> shift;
    if constexpr (Kind == ReduceKind::kLogSumExp) {
      shift.assign(outCount, -std::numeric_limits<double>::infinity());
      forEachOffset<1>(x->shape, {plan.outStrides},
                       [&](int64_t i, const std::array<int64_t, 1> &o) {
                         shift[o[0]] = maxOrNan(shift[o[0]], value(i));
                       });
      for (double &s : shift)
        s = std::isfinite(s) ? s : 0.0;
    }
    std::vector<A> acc(outCount, initialValue<A, Kind>());
    forEachOffset<1>(x->shape, {plan.outStrides},
                     [&](int64_t i, const std::array<int64_t, 1> &o) {
                       A v = value(i);
                       if constexpr (Kind == ReduceKind::kLogSumExp)
                         v = std::exp(v - shift[o[0]]);
                       acc[o[0]] = step<Kind>(acc[o[0]], v);
                     });
    T *out = y->as<T>();
    for (int64_t i = 0; i < outCount; ++i) {
      A r = acc[i];
      if constexpr (Kind == ReduceKind::kMean)
        r = r / static_cast<A>(plan.count);
      else if constexpr (Kind == ReduceKind::kL2)
        r = std::sqrt(r);
      else if constexpr (Kind == ReduceKind::kLogSum)
        r = std::log(r);
      else if constexpr (Kind == ReduceKind::kLogSumExp)
        r = std::log(r) + shift[i];
      out[i] = convertElement<T>(r);
    }
    return okStatus();
  });
}

} // namespace

void registerReduceKernels(KernelTable &table) {
  table.add("ReduceSum", reduceKernel<ReduceKind::kSum>);
  table.add("ReduceMean", reduceKernel<ReduceKind::kMean>);
  table.add("ReduceProd", reduceKernel<ReduceKind::kProd>);
  table.add("ReduceMax", reduceKernel<ReduceKind::kMax>);
  table.add("ReduceMin", reduceKernel<ReduceKind::kMin>);
  table.add("ReduceL1", reduceKernel<ReduceKind::kL1>);
  table.add("ReduceL2", reduceKernel<ReduceKind::kL2>);
  table.add("ReduceLogSum", reduceKernel<ReduceKind::kLogSum>);
  table.add("ReduceLogSumExp", reduceKernel<ReduceKind::kLogSumExp>);
  table.add("ReduceSumSquare", reduceKernel<ReduceKind::kSumSquare>);
}

} // namespace nuri::cpu_ref

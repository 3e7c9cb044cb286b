// Activation functions with attributes or extra inputs: LeakyRelu, PRelu,
// Elu, Selu, Celu, HardSigmoid, HardSwish, ThresholdedRelu, Shrink, Clip.
#include "cpu_ref/kernels/elementwise.h"
#include "cpu_ref/kernels/kernel_table.h"
#include "cpu_ref/kernels/scalar_activations.h"

#include <cmath>
#include <limits>

namespace nuri::cpu_ref {
namespace {

using namespace types;

Status leakyReluKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(float alpha, floatAttr(ctx, "alpha", 0.01f));
  return unaryMap<kFloat>(ctx, [&](auto v) -> decltype(v) {
    return leakyReluValue(v, static_cast<decltype(v)>(alpha));
  });
}

Status eluKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(float alpha, floatAttr(ctx, "alpha", 1.0f));
  return unaryMap<kFloatNoBF16>(ctx, [&](auto v) -> decltype(v) {
    return eluValue(v, static_cast<decltype(v)>(alpha));
  });
}

Status seluKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(float alpha,
                        floatAttr(ctx, "alpha", 1.67326319217681884765625f));
  NURI_ASSIGN_OR_RETURN(float gamma,
                        floatAttr(ctx, "gamma", 1.05070102214813232421875f));
  return unaryMap<kFloatNoBF16>(ctx, [&](auto v) -> decltype(v) {
    using C = decltype(v);
    C a = static_cast<C>(alpha), g = static_cast<C>(gamma);
    return v <= 0 ? g * (a * std::exp(v) - a) : g * v;
  });
}

Status celuKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(float alpha, floatAttr(ctx, "alpha", 1.0f));
  if (alpha == 0.0f)
    return ctx.error("alpha must be non-zero");
  return unaryMap<kF32>(ctx, [&](float v) {
    return maxOrNan(0.0f, v) +
           minOrNan(0.0f, alpha * (std::exp(v / alpha) - 1.0f));
  });
}

Status hardSigmoidKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(float alpha, floatAttr(ctx, "alpha", 0.2f));
  NURI_ASSIGN_OR_RETURN(float beta, floatAttr(ctx, "beta", 0.5f));
  return unaryMap<kFloatNoBF16>(ctx, [&](auto v) -> decltype(v) {
    using C = decltype(v);
    return hardSigmoidValue(v, static_cast<C>(alpha), static_cast<C>(beta));
  });
}

Status hardSwishKernel(const KernelContext &ctx) {
  return unaryMap<kFloatNoBF16>(ctx, [](auto v) -> decltype(v) {
    using C = decltype(v);
    return v * hardSigmoidValue(v, C(1) / C(6), C(0.5));
  });
}

Status thresholdedReluKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(float alpha, floatAttr(ctx, "alpha", 1.0f));
  return unaryMap<kFloatNoBF16>(ctx, [&](auto v) -> decltype(v) {
    return thresholdedReluValue(v, static_cast<decltype(v)>(alpha));
  });
}

// Shrink-9 on every numeric type: computed in double, then converted back
// with Cast rules (integers truncate and saturate).
Status shrinkKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(float lambd, floatAttr(ctx, "lambd", 0.5f));
  NURI_ASSIGN_OR_RETURN(float bias, floatAttr(ctx, "bias", 0.0f));
  const double l = lambd, b = bias;
  return unaryMap<kFloatNoBF16 | kInt>(ctx, [&](auto v) -> decltype(v) {
    using C = decltype(v);
    const auto x = static_cast<double>(v);
    if (x >= -l && x <= l)
      return C(0);
    if (b == 0) // exact for 64-bit integers too
      return v;
    return convertElement<C>(x < -l ? x + b : x - b);
  });
}

Status preluKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(const TensorView *x, ctx.requireInput(0));
  NURI_ASSIGN_OR_RETURN(const TensorView *slope, ctx.requireInput(1));
  if (slope->dtype != x->dtype)
    return ctx.error("slope dtype ", dtypeName(slope->dtype),
                     " differs from input dtype ", dtypeName(x->dtype));
  if (!broadcastsTo(slope->shape, x->shape))
    return ctx.error("slope shape ", shapeToString(slope->shape),
                     " does not broadcast to input shape ",
                     shapeToString(x->shape));
  constexpr unsigned kTypes = kFloat | kI32 | kI64 | kU32 | kU64;
  return visitDType<kTypes>(ctx, x->dtype, [&](auto tag) -> Status {
    using T = typename decltype(tag)::type;
    NURI_ASSIGN_OR_RETURN(TensorView * y,
                          prepareOutput(ctx, 0, x->shape, x->dtype));
    auto fn = [](auto v, auto s) -> decltype(v) {
      if constexpr (std::is_unsigned_v<decltype(v)>)
        return v;
      else
        return v < 0 ? wrapMul(s, v) : v;
    };
    broadcastBinary<T, T, T>(*x, *slope, *y, fn);
    return okStatus();
  });
}

// Clip-13: optional scalar min/max inputs; no bound means the type's range.
// Applied as min(max(x, lo), hi), so lo > hi gives hi everywhere, as ONNX
// specifies, and NaN stays NaN.
Status clipKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(const TensorView *x, ctx.requireInput(0));
  return visitDType<kNumeric>(ctx, x->dtype, [&](auto tag) -> Status {
    using T = typename decltype(tag)::type;
    using C = Compute<T>;
    C lo = std::numeric_limits<C>::has_infinity
               ? -std::numeric_limits<C>::infinity()
               : std::numeric_limits<C>::lowest();
    C hi = std::numeric_limits<C>::has_infinity
               ? std::numeric_limits<C>::infinity()
               : std::numeric_limits<C>::max();
    for (size_t i = 1; i <= 2; ++i) {
      const TensorView *bound = ctx.input(i);
      if (!bound)
        continue;
      const char *name = i == 1 ? "min" : "max";
      NURI_RETURN_IF_ERROR(requireDType(ctx, *bound, x->dtype, name));
      if (bound->numElements() != 1)
        return ctx.error(name, " must be a scalar, got shape ",
                         shapeToString(bound->shape));
      (i == 1 ? lo : hi) = load(bound->as<const T>()[0]);
    }
    NURI_ASSIGN_OR_RETURN(TensorView * y,
                          prepareOutput(ctx, 0, x->shape, x->dtype));
    const T *in = x->as<const T>();
    T *out = y->as<T>();
    for (int64_t i = 0, n = x->numElements(); i < n; ++i) {
      C v = load(in[i]);
      v = v < lo ? lo : v;
      out[i] = store<T>(v > hi ? hi : v);
    }
    return okStatus();
  });
}

} // namespace

void registerActivationKernels(KernelTable &table) {
  table.add("LeakyRelu", leakyReluKernel);
  table.add("PRelu", preluKernel);
  table.add("Elu", eluKernel);
  table.add("Selu", seluKernel);
  table.add("Celu", celuKernel);
  table.add("HardSigmoid", hardSigmoidKernel);
  table.add("HardSwish", hardSwishKernel);
  table.add("ThresholdedRelu", thresholdedReluKernel);
  table.add("Shrink", shrinkKernel);
  table.add("Clip", clipKernel);
}

} // namespace nuri::cpu_ref

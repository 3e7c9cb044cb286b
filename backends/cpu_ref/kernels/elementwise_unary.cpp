// Unary math ops: one value in, one value out, no attributes (IsInf aside).
#include "cpu_ref/kernels/elementwise.h"
#include "cpu_ref/kernels/kernel_table.h"
#include "cpu_ref/kernels/scalar_activations.h"

#include <cmath>

namespace nuri::cpu_ref {
namespace {

using namespace types;

// A float math function applied in the compute type (float or double).
#define NURI_FLOAT_UNARY(NAME, TYPES, EXPR)                                    \
  table.add(NAME, [](const KernelContext &ctx) {                               \
    return unaryMap<TYPES>(ctx, [](auto v) -> decltype(v) { return EXPR; });   \
  })

// Round half to even, independent of the floating-point environment.
template <typename C> C roundHalfEven(C v) {
  C r = std::round(v);
  if (std::fabs(v - std::trunc(v)) == C(0.5))
    r = C(2) * std::round(v / C(2));
  return r;
}

template <typename C> C absValue(C v) {
  if constexpr (std::is_floating_point_v<C>)
    return std::fabs(v);
  else if constexpr (std::is_unsigned_v<C>)
    return v;
  else
    return v < 0 ? wrapNeg(v) : v;
}

template <typename C> C signValue(C v) {
  if constexpr (std::is_unsigned_v<C>)
    return v > 0 ? C(1) : C(0);
  else if (v > C(0))
    return C(1);
  else if (v < C(0))
    return C(-1);
  return v; // 0, or NaN which stays NaN
}

Status erfKernel(const KernelContext &ctx) {
  // Erf-13 also allows integers: erf, then the int conversion (truncation).
  return unaryMap<kNumeric>(ctx, [](auto v) -> decltype(v) {
    using C = decltype(v);
    if constexpr (std::is_floating_point_v<C>)
      return std::erf(v);
    else
      return convertElement<C>(std::erf(static_cast<double>(v)));
  });
}

Status isInfKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(bool negative, boolAttr(ctx, "detect_negative", true));
  NURI_ASSIGN_OR_RETURN(bool positive, boolAttr(ctx, "detect_positive", true));
  return unaryMap<kF32 | kF64, /*BoolOut=*/true>(ctx, [&](auto v) {
    return std::isinf(v) && ((v > 0 && positive) || (v < 0 && negative));
  });
}

} // namespace

void registerUnaryKernels(KernelTable &table) {
  constexpr unsigned kNeg = kSigned | kFloat;
  constexpr unsigned kTrig = kFloatNoBF16; // opset 7/9 trig ops: no bf16
  table.add("Abs", [](const KernelContext &ctx) {
    return unaryMap<kNumeric>(ctx, [](auto v) { return absValue(v); });
  });
  table.add("Neg", [](const KernelContext &ctx) {
    return unaryMap<kNeg>(ctx, [](auto v) { return wrapNeg(v); });
  });
  table.add("Sign", [](const KernelContext &ctx) {
    return unaryMap<kNumeric>(ctx, [](auto v) { return signValue(v); });
  });
  table.add("Relu", [](const KernelContext &ctx) {
    // Relu-14: floats and signed integers. NaN stays NaN.
    return unaryMap<kNeg>(ctx, [](auto v) { return reluValue(v); });
  });
  table.add("Erf", erfKernel);
  table.add("IsInf", isInfKernel);
  table.add("IsNaN", [](const KernelContext &ctx) {
    return unaryMap<kFloat, true>(ctx, [](auto v) { return std::isnan(v); });
  });
  table.add("Not", [](const KernelContext &ctx) {
    return unaryMap<kBool>(ctx, [](bool v) { return !v; });
  });
  NURI_FLOAT_UNARY("Sqrt", kFloat, std::sqrt(v));
  NURI_FLOAT_UNARY("Exp", kFloat, std::exp(v));
  NURI_FLOAT_UNARY("Log", kFloat, std::log(v));
  NURI_FLOAT_UNARY("Reciprocal", kFloat, decltype(v)(1) / v);
  NURI_FLOAT_UNARY("Floor", kFloat, std::floor(v));
  NURI_FLOAT_UNARY("Ceil", kFloat, std::ceil(v));
  NURI_FLOAT_UNARY("Round", kFloatNoBF16, roundHalfEven(v));
  NURI_FLOAT_UNARY("Tanh", kFloat, std::tanh(v));
  NURI_FLOAT_UNARY("Sigmoid", kFloat, sigmoidValue(v));
  NURI_FLOAT_UNARY("Softplus", kFloatNoBF16, softplusValue(v));
  NURI_FLOAT_UNARY("Softsign", kFloatNoBF16, softsignValue(v));
  NURI_FLOAT_UNARY("Sin", kTrig, std::sin(v));
  NURI_FLOAT_UNARY("Cos", kTrig, std::cos(v));
  NURI_FLOAT_UNARY("Tan", kTrig, std::tan(v));
  NURI_FLOAT_UNARY("Asin", kTrig, std::asin(v));
  NURI_FLOAT_UNARY("Acos", kTrig, std::acos(v));
  NURI_FLOAT_UNARY("Atan", kTrig, std::atan(v));
  NURI_FLOAT_UNARY("Sinh", kTrig, std::sinh(v));
  NURI_FLOAT_UNARY("Cosh", kTrig, std::cosh(v));
  NURI_FLOAT_UNARY("Asinh", kTrig, std::asinh(v));
  NURI_FLOAT_UNARY("Acosh", kTrig, std::acosh(v));
  NURI_FLOAT_UNARY("Atanh", kTrig, std::atanh(v));
}

#undef NURI_FLOAT_UNARY

} // namespace nuri::cpu_ref

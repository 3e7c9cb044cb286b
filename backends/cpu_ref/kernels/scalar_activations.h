// ONNX's scalar activation functions, shared by the activation op kernels
// (computed in float or double) and the recurrent layers' activation lists
// (computed in double). C is the compute type.
#ifndef NURI_CPU_REF_KERNELS_SCALAR_ACTIVATIONS_H
#define NURI_CPU_REF_KERNELS_SCALAR_ACTIVATIONS_H

#include "cpu_ref/kernels/element_types.h"

#include <cmath>

namespace nuri::cpu_ref {

// NaN stays NaN.
template <typename C> C reluValue(C v) { return v < C(0) ? C(0) : v; }

template <typename C> C sigmoidValue(C v) {
  return C(1) / (C(1) + std::exp(-v));
}

template <typename C> C softsignValue(C v) { return v / (C(1) + std::fabs(v)); }

// log(1 + e^v) without overflowing e^v for large v.
template <typename C> C softplusValue(C v) {
  return v > C(0) ? v + std::log1p(std::exp(-v)) : std::log1p(std::exp(v));
}

template <typename C> C leakyReluValue(C v, C alpha) {
  return v < C(0) ? alpha * v : v;
}

// Strictly greater than alpha: v == alpha gives 0.
template <typename C> C thresholdedReluValue(C v, C alpha) {
  return v > alpha ? v : C(0);
}

template <typename C> C hardSigmoidValue(C v, C alpha, C beta) {
  return maxOrNan(C(0), minOrNan(C(1), alpha * v + beta));
}

template <typename C> C eluValue(C v, C alpha) {
  return v < C(0) ? alpha * (std::exp(v) - C(1)) : v;
}

} // namespace nuri::cpu_ref

#endif // NURI_CPU_REF_KERNELS_SCALAR_ACTIVATIONS_H

// The NPU's arithmetic, bit-exact on every host (docs/npu/numerics.md).
// Everything here is IEEE-754 binary32 +, -, *, / and sqrt (all correctly
// rounded, round to nearest even) plus integer and bit operations, in a
// fixed order: no host libm approximations, and this library is compiled
// with -ffp-contract=off so no multiply-add is fused behind our back.
#ifndef NURI_NPU_SIM_NUMERICS_H
#define NURI_NPU_SIM_NUMERICS_H

#include "nuri/float16.h"

#include <cstdint>

namespace nuri::npu::numerics {

inline constexpr uint32_t kCanonicalNaN = 0x7fc00000u;
inline constexpr uint16_t kCanonicalNaNBf16 = 0x7fc0u;

inline bool isNaN(float x) { return x != x; }
// Every NaN an instruction writes is the canonical quiet NaN, so results do
// not depend on how the host propagates NaN payloads.
inline float canonicalize(float x) {
  return isNaN(x) ? bitsToFloat(kCanonicalNaN) : x;
}
inline uint16_t toBf16(float x) {
  return isNaN(x) ? kCanonicalNaNBf16 : floatToBFloat16(x);
}
inline float fromBf16(uint16_t bits) { return bfloat16ToFloat(bits); }

// NaN if either is NaN; max(+0, -0) = +0 and min(+0, -0) = -0.
float maxF32(float a, float b);
float minF32(float a, float b);

// Round to nearest even, saturate to the int32 range, NaN -> 0.
int32_t f32ToI32(float x);
inline int32_t saturateI8(int32_t x) {
  return x > 127 ? 127 : x < -128 ? -128 : x;
}
// Wrapping int32 arithmetic (two's complement, modulo 2^32).
inline int32_t wrapAdd(int32_t a, int32_t b) {
  return static_cast<int32_t>(static_cast<uint32_t>(a) +
                              static_cast<uint32_t>(b));
}
inline int32_t wrapSub(int32_t a, int32_t b) {
  return static_cast<int32_t>(static_cast<uint32_t>(a) -
                              static_cast<uint32_t>(b));
}
inline int32_t wrapMul(int32_t a, int32_t b) {
  return static_cast<int32_t>(static_cast<uint32_t>(a) *
                              static_cast<uint32_t>(b));
}

// The transcendental functions of the vector engine, each a fixed
// sequence of fp32 operations (see numerics.cpp and docs/npu/numerics.md).
float expF32(float x);
float logF32(float x);
float tanhF32(float x);
float erfF32(float x);
float sigmoidF32(float x);
float sqrtF32(float x);  // correctly rounded
float rsqrtF32(float x); // 1 / sqrt(x), two roundings
float recipF32(float x); // 1 / x, correctly rounded

} // namespace nuri::npu::numerics

#endif // NURI_NPU_SIM_NUMERICS_H

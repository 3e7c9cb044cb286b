// Conversions between float and the 16-bit float formats (IEEE half and
// bfloat16). Both directions round to nearest, ties to even, and keep NaN a
// NaN (quiet) and infinities infinite, as ONNX's Cast requires.
#ifndef NURI_FLOAT16_H
#define NURI_FLOAT16_H

#include <cstdint>
#include <cstring>

namespace nuri {

inline uint32_t floatBits(float f) {
  uint32_t u;
  std::memcpy(&u, &f, sizeof u);
  return u;
}
inline float bitsToFloat(uint32_t u) {
  float f;
  std::memcpy(&f, &u, sizeof f);
  return f;
}

inline float bfloat16ToFloat(uint16_t h) {
  return bitsToFloat(static_cast<uint32_t>(h) << 16);
}

inline uint16_t floatToBFloat16(float f) {
  uint32_t u = floatBits(f);
  if ((u & 0x7fffffffu) > 0x7f800000u) // NaN: keep sign, force quiet bit
    return static_cast<uint16_t>((u >> 16) | 0x0040u);
  uint32_t roundingBias = 0x7fffu + ((u >> 16) & 1u);
  return static_cast<uint16_t>((u + roundingBias) >> 16);
}

float halfToFloat(uint16_t h);
uint16_t floatToHalf(float f);

} // namespace nuri

#endif // NURI_FLOAT16_H
